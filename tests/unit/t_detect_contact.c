/*
 * t_detect_contact.c — the contact detectors of redact/detect_contact.c
 * (email, phone, ipv4, ipv6, mac) on positives (ASCII, glued to Chinese
 * text, full-width, separators, cue words) and hard negatives (timestamps,
 * order numbers, prices, dates, versions, ISBNs, tracking numbers, UUIDs,
 * hashes, C++ scopes).
 *
 * Every expected string is written out by hand: each ASCII character of
 * the value replaced by '*', each 3-byte character (full-width digit or
 * ＠) by '＊', the rest untouched. All addresses and numbers are invented
 * (example.com / example.org, documentation ranges).
 */
#include "examples.h"

static const struct example examples[] = {
	/* email */
	{"email", "mail alice@example.com now", "mail ***************** now"},
	{"email", "邮箱alice@example.com。", "邮箱*****************。"},
	{"email", "<bob.li+tag@mail.example.org>", "<***************************>"},
	{"email", "mailto:z_w@example.cn", "mailto:**************"},
	{"email", "https://x.example.com/?u=alice@example.com&x=1",
	 "https://x.example.com/?u=*****************&x=1"},
	{"email", "全角alice＠example.com。", "全角*****＊***********。"},
	{"email", "write alice [at] example [dot] com", "write ****************************"},
	{"email", "carol(at)example.org", "********************"},
	{"email", "no at sign: alice.example.com", "no at sign: alice.example.com"},
	{"email", "a@b and user@localhost", "a@b and user@localhost"},
	{"email", "look at the dot com boom", "look at the dot com boom"},
	/* spelled out without brackets: too close to prose, left alone */
	{"email", "alice at example dot com", "alice at example dot com"},
	{"email", "pkg@1.2.3 @example.com", "pkg@1.2.3 @example.com"},
	/* Message-IDs name messages, not mailboxes (issue 13) */
	{"email", "Message-ID: <CAH1a2b3c4.5d6e@mail.example.com>",
	 "Message-ID: <CAH1a2b3c4.5d6e@mail.example.com>"},
	{"email", "Message-Id:<20240307.1234@example.org>", "Message-Id:<20240307.1234@example.org>"},
	{"email", "In-Reply-To: <x9.y8@example.net>", "In-Reply-To: <x9.y8@example.net>"},
	/* only the first of a References list: "> <" also separates mailboxes */
	{"email", "References: <a1.b2@example.com>\n <c3.d4@example.com>",
	 "References: <a1.b2@example.com>\n <*****************>"},
	{"email", "To: <alice@example.com> <bob@example.org>",
	 "To: <*****************> <***************>"},
	{"email", "{\"message_id\": \"<m7n8@mail.example.com>\"}",
	 "{\"message_id\": \"<m7n8@mail.example.com>\"}"},
	{"email", "msg_id=q1w2e3@example.com ok", "msg_id=q1w2e3@example.com ok"},
	{"email", "message_id  =  <95349969580173.9CEAA87E@example.org>",
	 "message_id  =  <95349969580173.9CEAA87E@example.org>"},
	{"email", "References: <978692$76dcb396b6cb@localhost.localdomain>",
	 "References: <978692$76dcb396b6cb@localhost.localdomain>"},
	{"email", "Reply-To: <alice@example.com>", "Reply-To: <*****************>"},
	{"email", "From: Li Na <li.na@example.org>", "From: Li Na <*****************>"},
	/* cells of a dump row joined by ---- */
	{"email", "张伟----kefu31@example.org----13800000000",
	 "张伟----******************----13800000000"},
	{"email", "Zhang Wei----zw@example.com", "Zhang Wei----**************"},

	/* phone: mainland China */
	{"phone", "手机13812345678", "手机***********"},
	{"phone", "tel: 138 1234 5678.", "tel: *************."},
	{"phone", "１３８１２３４５６７８", "＊＊＊＊＊＊＊＊＊＊＊"},
	{"phone", "call +86 13912345678", "call ***************"},
	{"phone", "(+86)13912345678", "****************"},
	{"phone", "电话010-12345678", "电话************"},
	{"phone", "(021) 62345678", "**************"},
	{"phone", "联系方式：62345678", "联系方式：********"},
	/* phone: Hong Kong, Taiwan */
	{"phone", "+852 9123 4567", "**************"},
	{"phone", "电话：9123 4567", "电话：*********"},
	{"phone", "+886 912 345 678, 0912-345-678", "****************, ************"},
	{"phone", "台北(02) 2345-6789", "台北**************"},
	/* phone: North America, UK */
	{"phone", "(415) 555-2671 or 415-555-2671", "************** or ************"},
	{"phone", "US +1 (415) 555-2671", "US *****************"},
	{"phone", "1-415-555-2671", "**************"},
	{"phone", "Phone: 4155552671", "Phone: **********"},
	{"phone", "Mobile No. 2025550143", "Mobile No. **********"},
	{"phone", "+44 20 7946 0958", "****************"},
	{"phone", "07700 900123; 020 7946 0958", "************; *************"},
	/* phone: hard negatives */
	{"phone", "ts=1700000000123 epoch 1700000000", "ts=1700000000123 epoch 1700000000"},
	{"phone", "order 202310151234567890", "order 202310151234567890"},
	{"phone", "price ¥13,812.34", "price ¥13,812.34"},
	{"phone", "at 2023-10-15 12:34:56", "at 2023-10-15 12:34:56"},
	{"phone", "电话更新于2023-10-15", "电话更新于2023-10-15"},
	{"phone", "v2.415.555.2671", "v2.415.555.2671"},
	{"phone", "ISBN 978-7-111-12345-6", "ISBN 978-7-111-12345-6"},
	{"phone", "SF1234567890123 1Z999AA10123456784", "SF1234567890123 1Z999AA10123456784"},
	{"phone", "550e8400-e29b-41d4-a716-446655440000", "550e8400-e29b-41d4-a716-446655440000"},
	{"phone", "sha a13812345678f9d911017c592", "sha a13812345678f9d911017c592"},
	{"phone", "1381234567 12812345678", "1381234567 12812345678"},
	{"phone", "Hotel 12345678", "Hotel 12345678"},
	{"phone", "Phone model 15 Pro", "Phone model 15 Pro"},
	/* phone: a digit group inside a longer run grouped by blanks is not a
	 * phone number (card-like references that fail Luhn, account numbers) */
	{"phone", "ref 5044 0803 8311 2644 ok", "ref 5044 0803 8311 2644 ok"},
	{"phone", "6212 0300 9750 7121 373", "6212 0300 9750 7121 373"},
	{"phone", "0803 8311 2644 1234", "0803 8311 2644 1234"},
	{"phone", "acct 2001 138 1234 5678", "acct 2001 138 1234 5678"},
	{"phone", "415 555 2671 88", "415 555 2671 88"},
	{"phone", "9 07700 900123", "9 07700 900123"},
	/* ...but one that is not space-grouped, or stands alone, still is */
	{"phone", "2 13812345678", "2 ***********"},
	{"phone", "no. 7, 138 1234 5678", "no. 7, *************"},
	{"phone", "0086 138 1234 5678 ok", "****************** ok"},
	{"phone", "US 1 415 555 2671", "US **************"},
	{"phone", "0803 8311 2644, 010 6234 5678", "**************, *************"},
	{"phone", "2023-10-15 12:00 010 6234 5678", "2023-10-15 12:00 *************"},
	{"phone", "138 1234 5678 10:30 2023-10-15", "************* 10:30 2023-10-15"},
	{"phone", "A12 010 6234 5678", "A12 *************"},
	{"phone", "电话：0803 8311 2644", "电话：**************"},

	/* ipv4 */
	{"ipv4", "from 192.168.10.23:8080", "from *************:8080"},
	{"ipv4", "访问IP10.0.0.1成功", "访问IP********成功"},
	{"ipv4", "[172.16.0.5]", "[**********]"},
	{"ipv4", "version v1.2.3.4", "version v1.2.3.4"},
	{"ipv4", "oid 1.3.6.1.4.1", "oid 1.3.6.1.4.1"},
	{"ipv4", "bad 256.1.1.1", "bad 256.1.1.1"},
	{"ipv4", "release 1.2.3", "release 1.2.3"},
	{"ipv4", "ver 10.0.0.1.5", "ver 10.0.0.1.5"},
	/* ipv4: a dotted quad after a version cue is a version */
	{"ipv4", "{\"app_version\":\"10.14.62.55\"}", "{\"app_version\":\"10.14.62.55\"}"},
	{"ipv4", "\"version\": \"2.14.68.30\"", "\"version\": \"2.14.68.30\""},
	{"ipv4", "ver=11.1.48.44 appVersion=6.29.22.194", "ver=11.1.48.44 appVersion=6.29.22.194"},
	{"ipv4", "Version: 18.28.95.94", "Version: 18.28.95.94"},
	{"ipv4", "VERSION 1.0.0.1", "VERSION 1.0.0.1"},
	{"ipv4", "build 10.0.3.2; Build#5.1.1.0", "build 10.0.3.2; Build#5.1.1.0"},
	{"ipv4", "release/1.2.3.4 rev. 4.3.2.1", "release/1.2.3.4 rev. 4.3.2.1"},
	{"ipv4", "版本号：1.2.0.3，版本 2.2.0.1", "版本号：1.2.0.3，版本 2.2.0.1"},
	{"ipv4", "<version>2.0.1.7</version>", "<version>2.0.1.7</version>"},
	{"ipv4", "os_ver = '8.1.0.2'", "os_ver = '8.1.0.2'"},
	{"ipv4", "version=\\\"3.1.4.1\\\"", "version=\\\"3.1.4.1\\\""},
	{"ipv4", "Chrome/120.0.0.0 Safari/537.36", "Chrome/120.0.0.0 Safari/537.36"},
	/* ...but a cue must be a word of its own, right before the number */
	{"ipv4", "server=10.0.0.1", "server=********"},
	{"ipv4", "dev: 10.0.0.2, prev 192.0.2.7", "dev: ********, prev *********"},
	{"ipv4", "driver 192.0.2.8 rebuild 10.1.1.1", "driver ********* rebuild ********"},
	{"ipv4", "version check from 192.0.2.9", "version check from *********"},
	{"ipv4", "GET /api/hosts/10.0.0.5", "GET /api/hosts/********"},
	{"ipv4", "ip 10.0.0.6 version 1.2", "ip ******** version 1.2"},

	/* ipv6 */
	{"ipv6", "ipv6 2001:db8:85a3::8a2e:370:7334", "ipv6 ****************************"},
	{"ipv6", "fe80::1%eth0 up", "************ up"},
	{"ipv6", "lo ::1 up", "lo *** up"},
	{"ipv6", "::ffff:192.168.1.1", "******************"},
	{"ipv6", "route 2001:db8::/32", "route *************"},
	{"ipv6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334.", "***************************************."},
	{"ipv6", "[2001:db8::1]:8080", "[***********]:8080"},
	{"ipv6", "地址2001:db8::42，", "地址************，"},
	{"ipv6", "at 12:34:56", "at 12:34:56"},
	{"ipv6", "just :: here", "just :: here"},
	{"ipv6", "std::vector add::face", "std::vector add::face"},
	{"ipv6", "a1:b2:c3", "a1:b2:c3"},
	{"ipv6", "01:23:45:67:89:ab", "01:23:45:67:89:ab"},
	{"ipv6", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9"},

	/* mac */
	{"mac", "01:23:45:67:89:ab", "*****************"},
	{"mac", "01-23-45-67-89-AB", "*****************"},
	{"mac", "cisco 0123.4567.89ab", "cisco **************"},
	{"mac", "网卡00:1A:2B:3C:4D:5E。", "网卡*****************。"},
	{"mac", "hw=aa:bb:cc:dd:ee:ff", "hw=*****************"},
	{"mac", "1234.5678.9012", "1234.5678.9012"},
	{"mac", "at 12:34:56", "at 12:34:56"},
	{"mac", "01:23:45:67:89:ab:cd", "01:23:45:67:89:ab:cd"},
	{"mac", "2023-10-15-12-30-45", "2023-10-15-12-30-45"},
	{"mac", "uuid 550e8400-e29b-41d4", "uuid 550e8400-e29b-41d4"},

	/* all contact detectors on one line */
	{"email phone ipv4 ipv6 mac",
	 "Alice <alice@example.com>, 13812345678, 10.1.2.3, fe80::7, 00:1a:2b:3c:4d:5e",
	 "Alice <*****************>, ***********, ********, *******, *****************"},
};

int main(void)
{
	return examples_main(examples, sizeof examples / sizeof examples[0]);
}
