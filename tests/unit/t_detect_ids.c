/*
 * t_detect_ids.c — the identifier detectors of redact/detect_ids.c on
 * positives (ASCII, glued to Chinese text, full-width digits, separators)
 * and hard negatives (wrong check digits, order numbers, company IDs).
 *
 * Every expected string is written out by hand: each ASCII character of
 * the value replaced by '*', each 3-byte character (full-width digit,
 * bracket) by '＊', the rest untouched. All numbers are invented; their
 * check digits (MOD 11-2, HKID mod 11, Taiwan ID, Luhn, ISO 13616 mod 97,
 * USCC mod 31) were computed with a separate script when the cases were
 * written, never by the engine.
 */
#include "examples.h"

#define MINE                                                                                       \
	"email phone ipv4 ipv6 mac cn_id hk_id tw_id bank_card bank_card_cued iban us_ssn "          \
	"cn_passport hk_macau_permit passport"

static const struct example examples[] = {
	/* cn_id: 18 digits, X check, full-width, grouped, 15-digit legacy */
	{"cn_id", "身份证号440304198511204567", "身份证号******************"},
	{"cn_id", "id 44030419851120118X,", "id ******************,"},
	{"cn_id", "id 32010219760615101x end", "id ****************** end"},
	{"cn_id", "证件：４４０３０４１９８５１１２０４５６７", "证件：＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊"},
	{"cn_id", "ID 320102 19760615 3015 ok", "ID ******************** ok"},
	{"cn_id", "510107-20000229-8880", "********************"},
	{"cn_id", "号码510107200002298880。", "号码******************。"},
	{"cn_id", "旧证440304851120456号", "旧证***************号"},
	/* cn_id hard negatives */
	{"cn_id", "440304198511204568", "440304198511204568"},     /* check digit */
	{"cn_id", "440304198502304563", "440304198502304563"},     /* 30 February */
	{"cn_id", "990101199003071233", "990101199003071233"},     /* region 99 */
	{"cn_id", "4403041985112045671", "4403041985112045671"},   /* 19 digits */
	{"cn_id", "440304851320456", "440304851320456"},           /* month 13 */
	{"cn_id", "ts 1700000000123", "ts 1700000000123"},         /* epoch ms */
	{"cn_id", "统一社会信用代码：121101199003071076", "统一社会信用代码：121101199003071076"},
	{"cn_id", "税号 121101199003071164", "税号 121101199003071164"},

	/* hk_id */
	{"hk_id", "HKID A123456(3) ok", "HKID ********** ok"},
	{"hk_id", "香港身份证AB123456(9)，", "香港身份证***********，"},
	{"hk_id", "bare C6686689.", "bare ********."},
	{"hk_id", "Z987654(6)", "**********"},
	{"hk_id", "身份证G123456（A）", "身份证*******＊*＊"},
	{"hk_id", "XA765432(1) and M765432A", "*********** and ********"},
	{"hk_id", "A123456 (3)", "***********"},
	{"hk_id", "A123456(4)", "A123456(4)"},                     /* check digit */
	{"hk_id", "SKU-A1234563", "SKU-A1234563"},
	{"hk_id", "A1234563B", "A1234563B"},
	{"hk_id", "ABC123456(9)", "ABC123456(9)"},
	{"hk_id", "a123456(3)", "a123456(3)"},

	/* tw_id */
	{"tw_id", "TW A123456789 ok", "TW ********** ok"},
	{"tw_id", "台湾身份证F222333444。", "台湾身份证**********。"},
	{"tw_id", "Z187654324", "**********"},
	{"tw_id", "I213579135,", "**********,"},
	{"tw_id", "居留证A812345671", "居留证**********"},
	{"tw_id", "F２２２３３３４４４", "*＊＊＊＊＊＊＊＊＊"},
	{"tw_id", "A123456788", "A123456788"},                     /* check digit */
	{"tw_id", "A323456789", "A323456789"},                     /* 3: not a sex digit */
	{"tw_id", "XA123456789", "XA123456789"},
	{"tw_id", "A1234567890", "A1234567890"},
	{"tw_id", "a123456789", "a123456789"},

	/* bank_card */
	{"bank_card", "卡号6222021234567890128", "卡号*******************"},
	{"bank_card", "visa 4111 1122 2233 3347 exp", "visa ******************* exp"},
	{"bank_card", "6225881234567898", "****************"},
	{"bank_card", "mc 5300-1234-5678-9011.", "mc *******************."},
	{"bank_card", "amex 3712 345678 90120", "amex *****************"},
	{"bank_card", "卡６２２５８８１２３４５６７８９８", "卡＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊"},
	{"bank_card", "6222021234567890127", "6222021234567890127"},   /* Luhn */
	{"bank_card", "epoch 1700000000123", "epoch 1700000000123"},
	{"bank_card", "ORD6225881234567898", "ORD6225881234567898"},
	{"bank_card", "12345678901234567890", "12345678901234567890"},
	{"bank_card", "9999999999999995", "9999999999999995"},         /* prefix */
	{"bank_card", "514403001234560317", "514403001234560317"},     /* a USCC */

	/* bank_card_cued: no Luhn digit needed after a cue */
	{"bank_card_cued", "卡号：6222 0212 3456 7890 结束", "卡号：******************* 结束"},
	{"bank_card_cued", "card no. 6222021234567890 x", "card no. **************** x"},
	{"bank_card_cued", "银行卡6217001234567890123", "银行卡*******************"},
	{"bank_card_cued", "账号: 9558801234567890123", "账号: *******************"},
	{"bank_card_cued", "Card Number: 6222-0212-3456-7890", "Card Number: *******************"},
	{"bank_card_cued", "卡号６２２２０２１２３４５６７８９０", "卡号＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊"},
	{"bank_card_cued", "order 6222021234567890", "order 6222021234567890"},
	{"bank_card_cued", "卡号：13812345678", "卡号：13812345678"},
	{"bank_card_cued", "卡号后四位7890", "卡号后四位7890"},
	{"bank_card_cued", "card was declined after review 6222021234567890",
	 "card was declined after review 6222021234567890"},
	{"bank_card_cued", "discard 6222021234567890", "discard 6222021234567890"},
	{"bank_card_cued", "账号：121101199003071076", "账号：121101199003071076"},

	/* iban */
	{"iban", "IBAN DE62 3704 0044 0532 0130 01 EUR", "IBAN *************************** EUR"},
	{"iban", "DE62370400440532013001.", "**********************."},
	{"iban", "GB19 WEST 1234 5698 7654 99", "***************************"},
	{"iban", "账户FR1420041010050500013M02606，", "账户***************************，"},
	{"iban", "NL42ABNA0417164309", "******************"},
	{"iban", "BE59 5390 0754 7099 SEPA", "******************* SEPA"},
	{"iban", "CH2804835012345678901", "*********************"},
	{"iban", "ES2821000418450200051399 IT25Z0123456789012345678901",
	 "************************ ***************************"},
	{"iban", "DE63370400440532013001", "DE63370400440532013001"},   /* check digits */
	{"iban", "DE6237040044053201300", "DE6237040044053201300"},     /* DE is 22 long */
	{"iban", "XX62370400440532013001", "XX62370400440532013001"},   /* no such country */
	{"iban", "ABDE62370400440532013001", "ABDE62370400440532013001"},
	{"iban", "91110108MA01ABCD1E", "91110108MA01ABCD1E"},

	/* us_ssn */
	{"us_ssn", "SSN 536-22-1840 ok", "SSN *********** ok"},
	{"us_ssn", "SSN: 536221840", "SSN: *********"},
	{"us_ssn", "社会安全号码：536221840", "社会安全号码：*********"},
	{"us_ssn", "社会安全号536221840", "社会安全号*********"},
	{"us_ssn", "ssn 401 23 4567", "ssn ***********"},
	{"us_ssn", "Social Security Number: 401234567", "Social Security Number: *********"},
	{"us_ssn", "５３６-２２-１８４０", "＊＊＊*＊＊*＊＊＊＊"},
	{"us_ssn", "bare 536221840", "bare 536221840"},
	{"us_ssn", "078-05-1120 219-09-9999", "078-05-1120 219-09-9999"},
	{"us_ssn", "000-12-3456 666-12-3456 900-12-3456", "000-12-3456 666-12-3456 900-12-3456"},
	{"us_ssn", "536-00-1840 536-22-0000", "536-00-1840 536-22-0000"},
	{"us_ssn", "call 415-555-2671", "call 415-555-2671"},
	{"us_ssn", "ISBN 978-7-111-12345-6", "ISBN 978-7-111-12345-6"},

	/* cn_passport */
	{"cn_passport", "护照号码：E12345678", "护照号码：*********"},
	{"cn_passport", "passport no. EA1234567", "passport no. *********"},
	{"cn_passport", "护照G87654321，", "护照*********，"},
	{"cn_passport", "Passport: DE1234567", "Passport: *********"},
	{"cn_passport", "护照E１２３４５６７８", "护照*＊＊＊＊＊＊＊＊"},
	{"cn_passport", "travel document SE7654321", "travel document *********"},
	{"cn_passport", "E12345678", "E12345678"},
	{"cn_passport", "护照 E1234567", "护照 E1234567"},
	{"cn_passport", "护照 X12345678", "护照 X12345678"},
	{"cn_passport", "护照 EI1234567", "护照 EI1234567"},

	/* hk_macau_permit */
	{"hk_macau_permit", "港澳通行证：C12345678", "港澳通行证：*********"},
	{"hk_macau_permit", "回乡证H1234567801", "回乡证***********"},
	{"hk_macau_permit", "往来港澳通行证号码 CA1234567", "往来港澳通行证号码 *********"},
	{"hk_macau_permit", "通行证M12345678，", "通行证*********，"},
	{"hk_macau_permit", "Home Return Permit No. H87654321", "Home Return Permit No. *********"},
	{"hk_macau_permit", "H1234567801", "H1234567801"},
	{"hk_macau_permit", "通行证 H1234567", "通行证 H1234567"},
	{"hk_macau_permit", "通行证有效期至2030年", "通行证有效期至2030年"},

	/* passport */
	{"passport", "Passport No. X12345678", "Passport No. *********"},
	{"passport", "护照号：K1234567", "护照号：********"},
	{"passport", "passport AB123456", "passport ********"},
	{"passport", "证件号码：P12345678，", "证件号码：*********，"},
	{"passport", "travel document number: LM7654321", "travel document number: *********"},
	{"passport", "X12345678", "X12345678"},
	{"passport", "passport expired, see ticket X12345678",
	 "passport expired, see ticket X12345678"},
	{"passport", "护照 ABC1234567", "护照 ABC1234567"},
	{"passport", "证件号码：110101199003071233", "证件号码：110101199003071233"},
	{"passport", "Passport No. X1234", "Passport No. X1234"},
	/* passport: 9 bare digits (US, UK) after a cue; none without one */
	{"passport", "护照号码：507697056，港澳居民", "护照号码：*********，港澳居民"},
	{"passport", "Passport No.: 123456789.", "Passport No.: *********."},
	{"passport", "UK passport number 012345678 issued", "UK passport number ********* issued"},
	{"passport", "護照561234987", "護照*********"},
	{"passport", "护照号码：５０７６９７０５６", "护照号码：＊＊＊＊＊＊＊＊＊"},
	{"passport", "(passport no. 998015811)", "(passport no. *********)"},
	{"passport", "order 123456789", "order 123456789"},
	{"passport", "passport 1234567890", "passport 1234567890"},     /* 10 digits */
	{"passport", "passport 12345678", "passport 12345678"},         /* 8 digits */
	{"passport", "passport fee 123456789.50", "passport fee 123456789.50"},
	{"passport", "passport 123456789-01", "passport 123456789-01"},
	{"passport", "passport photo taken; ticket 123456789",
	 "passport photo taken; ticket 123456789"},
	{"passport", "护照 5076 9705 6", "护照 5076 9705 6"},

	/* Unified Social Credit Codes are company IDs: no detector masks one */
	{MINE, "统一社会信用代码：91110108MA01ABCD1E", "统一社会信用代码：91110108MA01ABCD1E"},
	{MINE, "USCC 91310115MA1K4B2C3J", "USCC 91310115MA1K4B2C3J"},
	{MINE, "税号92440300L12345678R", "税号92440300L12345678R"},
	{MINE, "统一社会信用代码：121101199003071076", "统一社会信用代码：121101199003071076"},
	{MINE, "证件号码：91110108MA01ABCD1E", "证件号码：91110108MA01ABCD1E"},
	{MINE, "账号：514403001234560317", "账号：514403001234560317"},
	/* ...but the values next to them are */
	{MINE, "信用代码91110108MA01ABCD1E 法人身份证440304198511204567",
	 "信用代码91110108MA01ABCD1E 法人身份证******************"},
};

int main(void)
{
	return examples_main(examples, sizeof examples / sizeof examples[0]);
}
