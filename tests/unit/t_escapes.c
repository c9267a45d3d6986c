/*
 * t_escapes.c — values written escaped or split by invisible characters
 * are found and masked whole in the bytes as written, with the length
 * kept; values as written keep their action; and random chunks and ranges
 * of text full of escapes equal the whole-file stream.
 *
 * Expected outputs are written by hand.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "tap.h"

static char *redacted(const redact_profile *p, const char *in, size_t chunk)
{
	int rc;
	return stream_str(p, in, strlen(in), chunk, &rc);
}

static const struct {
	const char *what, *in, *want;
} cases[] = {
	{"JSON \\u escapes of a cue before a phone and an ID",
	 "{\"msg\": \"\\u5ba2\\u6237\\u624b\\u673a13812345678\\uff0c\\u8eab\\u4efd\\u8bc1\\u53f7"
	 "11010519491231002X\"}\n",
	 "{\"msg\": \"\\u5ba2\\u6237\\u624b\\u673a***********\\uff0c\\u8eab\\u4efd\\u8bc1\\u53f7"
	 "******************\"}\n"},
	{"JSON escaped keys and values",
	 "{\"\\u59d3\\u540d\": \"\\u5f20\\u4e09\"}\n", "{\"\\u59d3\\u540d\": \"************\"}\n"},
	{"an escaped @ in an e-mail", "mail alice\\u0040example.com ok\n",
	 "mail ********************** ok\n"},
	{"a surrogate pair inside a name's escapes",
	 "\\u59d3\\u540d\\uff1a\\u5f20\\ud840\\udc0b\n",
	 "\\u59d3\\u540d\\uff1a******************\n"},
	{"HTML decimal entity", "to alice&#64;example.com now\n", "to ********************* now\n"},
	{"HTML hex entity", "to alice&#x40;example.com now\n", "to ********************** now\n"},
	{"HTML named entities", "to alice&commat;example&period;com now\n",
	 "to ******************************* now\n"},
	{"URL encoding", "GET /?u=alice%40example.com&tel=%2B8613812345678 HTTP/1.1\n",
	 "GET /?u=*******************&tel=**************** HTTP/1.1\n"},
	{"quoted-printable soft line breaks keep their lines",
	 "mail alice.zhang@exam=\nple.com tel 1381234=\n5678\n",
	 "mail ****************=\n******* tel *******=\n****\n"},
	{"quoted-printable UTF-8 bytes of a name after its cue",
	 "=E5=A7=93=E5=90=8D=EF=BC=9A=E5=BC=A0=E4=BC=9F\n",
	 "=E5=A7=93=E5=90=8D=EF=BC=9A******************\n"},
	{"soft hyphen inside an e-mail", "mail alice\xc2\xadzhang@example.com ok\n",
	 "mail ************************ ok\n"},
	{"zero-width characters inside a phone", "tel 138\xe2\x80\x8b" "1234\xe2\x80\x8c" "5678 ok\n",
	 "tel ***＊****＊**** ok\n"},
	{"a byte-order mark character inside an ID", "id 110105\xef\xbb\xbf" "19491231002X ok\n",
	 "id ******＊************ ok\n"},
	{"an escaped invisible character inside a phone", "tel 138\\u200b12345678 ok\n",
	 "tel ***************** ok\n"},
	/* an escape-like prefix never eats a value's digits: both readings */
	{"a phone inside SQL LIKE '%...%'", "WHERE phone LIKE '%13812345678%'\n",
	 "WHERE phone LIKE '%***********%'\n"},
	{"an ID after a percent sign", "progress 100%11010519491231002X\n",
	 "progress 100%******************\n"},
	{"a phone after &#", "html &#13812345678;\n", "html &#***********;\n"},
	/* escapes that are no values, and plain text, stay */
	{"escapes of no value stay", "path C:\\users and 50% off &amp; more =3D x\n",
	 "path C:\\users and 50% off &amp; more =3D x\n"},
	{"key=value text with =AB stays", "id=AB12 code=FF00 ok\n", "id=AB12 code=FF00 ok\n"},
};

/* pseudonymize: a value as written gets a token; one written with escapes
 * is masked (a token would break its escapes). */
static void actions(struct tap *t, const redact_catalog *cat)
{
	static const uint8_t key[REDACT_KEY_LEN] = {1, 2, 3};
	redact_profile p;
	redact_profile_init(&p, cat);
	redact_profile_enable_all(&p);
	p.action = REDACT_ACTION_PSEUDONYMIZE;
	p.key = key;
	const char *in = "{\"a\": \"\\u5f20\", \"email\": \"bob@example.org\", \"tel\": \"13812345678\","
	                 " \"\\u59d3\\u540d\": \"\\u5f20\\u4e09\"}\n";
	char *got = redacted(&p, in, 0);
	bool ok = got && strlen(got) == strlen(in);
	/* the e-mail as written: a token of the same shape, not a mask */
	const char *e = got ? strstr(got, "\"email\": \"") : NULL;
	ok = ok && e && strncmp(e + 10, "bob@example.org", 15) != 0 && e[13] == '@' &&
	     !memchr(e + 10, '*', 15);
	/* the escaped name: masked */
	ok = ok && strstr(got, "\": \"************\"}") != NULL;
	tap_ok(t, ok, "pseudonymize: tokens for values as written, masks for escaped ones");
	if (!ok)
		printf("#   got: %.*s\n", got ? (int)strcspn(got, "\n") : 7, got ? got : "(error)");
	free(got);
}

/* Random text of escapes and values: chunks and ranges equal the stream. */
static const char *const pieces[] = {
	"\\u5f20", "\\u4e09", "\\u0040", "\\ud83d\\ude00", "\\uD800", "&#64;", "&#x40;",
	"&commat;", "%40", "%2B86", "=\n", "=E5=BC=A0", "\xc2\xad", "\xe2\x80\x8b",
	"\xef\xbb\xbf", "alice", "@example.com", "13812345678", "138", "\\u59d3\\u540d\\uff1a",
	"{\"name\": \"", "\"}", " ", "\n", "11010519491231002X", "%", "&", "\\", "=",
	"ｂｏｂ＠ｅｘａｍｐｌｅ．ｏｒｇ", "１３８１２３４５６７８",
};

static void property(struct tap *t, const redact_catalog *cat)
{
	redact_profile p;
	redact_profile_init(&p, cat);
	redact_profile_enable_all(&p);
	uint64_t rng = 0x2545F4914F6CDD1Du;
	struct buf in = {0};
	while (in.len < 150000) {
		const char *x = pieces[test_rnd(&rng, sizeof pieces / sizeof pieces[0])];
		collect(&in, x, strlen(x));
	}
	struct buf whole = {0}, chunked = {0};
	int rc = stream_all(&p, in.data, in.len, 0, &whole);
	int rc2 = stream_all(&p, in.data, in.len, 7, &chunked);
	size_t masked = 0;
	for (size_t i = 0; rc == 0 && i < whole.len; i++)
		masked += whole.data[i] != in.data[i];
	tap_ok(t, rc == 0 && whole.len == in.len && masked > 10000,
	       "escapes: the stream keeps the length and masks (%zu bytes)", masked);
	tap_ok(t, rc2 == 0 && chunked.len == whole.len && memcmp(chunked.data, whole.data, whole.len) == 0,
	       "escapes: 7-byte chunks equal the whole stream");
	bool ok = rc == 0 && ranges_equal(&p, NULL, &in, &whole, 400, 11, 40000, &rng);
	tap_ok(t, ok, "escapes: 400 random ranges equal the stream");
	free(in.data);
	free(whole.data);
	free(chunked.data);
}

/* A value split by many invisible characters, cut by a subject's end
 * inside an escape or a character: the read fails (EIO) or the value is
 * masked, never served whole. */
static void split_across_cut(struct tap *t, const redact_catalog *cat)
{
	redact_profile p;
	redact_profile_init(&p, cat);
	redact_profile_enable_all(&p);
	static const char *const seps[] = {"&#8203;", "\\u200b", "\xe2\x80\x8b"};
	int leaks = 0, places = 0;
	for (size_t e = 0; e < 3; e++) {
		size_t sl = strlen(seps[e]);
		for (size_t k = 0; k < sl; k++) {
			/* block 0's subject ends at 10240: k bytes into a separator */
			size_t n = (10240 - k - 8100 - 7) / sl, pad = 10240 - k - 7 - n * sl;
			struct buf in = {0}, out = {0};
			for (size_t i = 0; i < pad; i++)
				collect(&in, "x", 1);
			collect(&in, "tel 138", 7);
			for (size_t i = 0; i < n + 3; i++)
				collect(&in, seps[e], sl);
			collect(&in, "12345678 end\n", 13);
			int rc = stream_all(&p, in.data, in.len, 0, &out);
			places++;
			if (rc == 0 && out.data && memmem(out.data, out.len, "12345678", 8))
				leaks++;
			free(in.data);
			free(out.data);
		}
	}
	tap_ok(t, leaks == 0, "a phone split by invisible characters across a subject's cut: "
	       "EIO or masked, never whole (%d of %d cut places leak)", leaks, places);
}

int main(void)
{
	struct tap t = {0};
	redact_profile p;
	redact_catalog *cat = test_catalog(&p);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = redacted(&p, cases[i].in, 0);
		char *got1 = redacted(&p, cases[i].in, 1);
		bool same = got && got1 && strcmp(got, cases[i].want) == 0 && strcmp(got1, got) == 0;
		tap_ok(&t, same, "%s", cases[i].what);
		if (!same) {
			tap_diag_text("got", got);
			tap_diag_text("want", cases[i].want);
		}
		free(got);
		free(got1);
	}
	actions(&t, cat);
	split_across_cut(&t, cat);
	property(&t, cat);
	redact_catalog_free(cat);
	return tap_done(&t);
}
