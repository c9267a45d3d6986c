/*
 * t_legacy.c — Chinese text in GBK, GB18030 and Big5, and Western text in
 * windows-1252: told from binary, found like UTF-8, masked in place with
 * the encoding's own full-width asterisk (＊) so the length is kept; long
 * runs of double-byte characters across block boundaries are read on the
 * right character boundaries; random chunks and ranges equal the stream.
 *
 * Inputs and expected outputs are written by hand in UTF-8 and turned into
 * the legacy encoding by glibc's iconv (independent of the engine).
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "tap.h"

/* s (UTF-8) in encoding to, appended to out. False when iconv cannot. */
static bool encode(const char *to, const char *s, struct buf *out)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	if (cd == (iconv_t)-1)
		return false;
	size_t n = strlen(s);
	char *tmp = malloc(n * 4 + 16);
	char *ip = (char *)s, *op = tmp;
	size_t il = n, ol = n * 4 + 16;
	bool ok = tmp && iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0;
	if (ok)
		collect(out, tmp, (size_t)(op - tmp));
	free(tmp);
	iconv_close(cd);
	return ok;
}

static const struct {
	const char *enc, *what;
	enum redact_format format;
	const char *head, *row, *want_row; /* the row 20 times after the head */
} cases[] = {
	{"GBK", "GBK CSV: header names decoded, cells masked with GBK's ＊", REDACT_FORMAT_CSV,
	 "姓名,手机,身份证号,地址\n", "张伟,13812345678,11010519491231002X,北京市朝阳区建国路88号\n",
	 "＊＊,***********,******************,＊＊＊＊＊＊＊＊＊**＊\n"},
	{"GB18030", "GB18030 prose: a four-byte character inside a name", REDACT_FORMAT_TEXT,
	 "客户资料如下，请核对。\n", "姓名：张\xf0\xa0\x80\x8b，手机13912345678，住址：上海市浦东新区世纪大道100号。\n",
	 "姓名：＊＊＊，手机***********，住址：＊＊＊＊＊＊＊＊＊＊＊***＊。\n"},
	{"BIG5", "Big5 CSV with traditional characters", REDACT_FORMAT_CSV,
	 "姓名,手機,身份證號,地址\n", "張偉,13812345678,A123456789,臺北市中正區重慶南路一段122號\n",
	 "＊＊,***********,**********,＊＊＊＊＊＊＊＊＊＊＊＊***＊\n"},
	{"WINDOWS-1252", "windows-1252 text: values found, accents kept", REDACT_FORMAT_TEXT,
	 "Liste des clients (fichier exporté)\n",
	 "Client: José García, téléphone +33 6 12 34 56 78, courriel jose.garcia@example.com\n",
	 "Client: José García, téléphone *****************, courriel ***********************\n"},
};

static uint64_t rng = 0x853C49E6748FEA9Bu;

/* Stream and random ranges of in agree; returns the stream's output. */
static bool agree(const redact_profile *p, const struct buf *in, struct buf *whole)
{
	if (stream_all(p, in->data, in->len, 0, whole) < 0 || whole->len != in->len)
		return false;
	struct buf chunked = {0};
	bool ok = stream_all(p, in->data, in->len, 1 + test_rnd(&rng, 5000), &chunked) == 0 &&
	          chunked.len == whole->len && memcmp(chunked.data, whole->data, whole->len) == 0;
	free(chunked.data);
	redact_file *f;
	if (redact_file_new(&f, p, mem_read, (void *)in) < 0)
		return false;
	ok = ok && ranges_equal(p, f, in, whole, 200, 7, 30000, &rng);
	redact_file_free(f);
	return ok;
}

int main(void)
{
	struct tap t = {0};
	redact_profile p;
	redact_catalog *cat = test_catalog(&p);

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf in = {0}, want = {0}, out = {0};
		bool ok = encode(cases[i].enc, cases[i].head, &in) &&
		          encode(cases[i].enc, cases[i].head, &want);
		for (int k = 0; ok && k < 20; k++)
			ok = encode(cases[i].enc, cases[i].row, &in) &&
			     encode(cases[i].enc, cases[i].want_row, &want);
		tap_ok(&t, ok && !redact_looks_binary(in.data, in.len),
		       "%s: text, not binary (%s)", cases[i].enc,
		       ok ? redact_content_kind(in.data, in.len) : "iconv failed");
		p.format = cases[i].format;
		ok = ok && agree(&p, &in, &out);
		bool same = ok && out.len == want.len && memcmp(out.data, want.data, want.len) == 0;
		tap_ok(&t, same, "%s", cases[i].what);
		if (ok && !same) {
			size_t k = 0;
			while (k < out.len && k < want.len && out.data[k] == want.data[k])
				k++;
			printf("#   first difference at byte %zu of %zu\n", k, want.len);
		}
		tap_ok(&t, ok, "%s: random chunks and ranges equal the stream", cases[i].enc);
		free(in.data);
		free(want.data);
		free(out.data);
	}
	p.format = REDACT_FORMAT_TEXT;

	/* Long runs of double-byte characters (no ASCII byte at all for tens
	 * of kilobytes) across many block boundaries: every name after its
	 * cue is masked, whatever the boundaries cut. */
	static const char *const encs[] = {"GBK", "BIG5"};
	for (int v = 0; v < 4; v++) {
		int e = v % 2;
		struct buf in = {0}, want = {0}, out = {0};
		bool ok = true;
		/* one ASCII byte first puts every character at an odd offset:
		 * each block's subject then starts inside one */
		if (v >= 2) {
			collect(&in, "#", 1);
			collect(&want, "#", 1);
		}
		for (int k = 0; ok && in.len < 60000; k++) {
			/* simplified for GBK, traditional for Big5 */
			static const char *const fill[2][2] = {
				{"我们收到贵方来函并已认真研究相关事项的处理意见。",
				 "经查明，该案事实清楚，证据确实充分，本院予以确认。"},
				{"我們收到貴方來函並已認真研究相關事項的處理意見。",
				 "經查明，該案事實清楚，證據確實充分，本院予以確認。"}};
			const char *filler = fill[e][k % 3 == 0];
			ok = encode(encs[e], filler, &in) && encode(encs[e], filler, &want) &&
			     encode(encs[e], "原告：李明，", &in) &&
			     encode(encs[e], "原告：＊＊，", &want);
		}
		/* a finished file (the end of one still being written may be
		 * masked: t_unfinished.c) */
		collect(&in, "\n", 1);
		collect(&want, "\n", 1);
		ok = ok && agree(&p, &in, &out);
		bool same = ok && out.len == want.len && memcmp(out.data, want.data, want.len) == 0;
		tap_ok(&t, same, "%s: 60 KB without an ASCII byte%s: every name masked, nothing else",
		       encs[e], v >= 2 ? " (characters at odd offsets)" : "");
		if (ok && !same) {
			size_t k = 0;
			while (k < out.len && k < want.len && out.data[k] == want.data[k])
				k++;
			printf("#   first difference at byte %zu of %zu\n", k, want.len);
		}
		free(in.data);
		free(want.data);
		free(out.data);
	}

	/* A windows-1252 file whose later blocks decode to more bytes than
	 * its first: ranges through one workspace, deep first (the decoded
	 * view must grow; AddressSanitizer watches in the asan build). */
	{
		struct buf in = {0}, whole = {0};
		bool ok = encode("WINDOWS-1252", "Café naïve Müller señor José García, fine today. "
		                                 "Contact jose.garcia@example.com please.\n", &in);
		while (ok && in.len < 21000)
			collect(&in, "\x93\x94\x80", 3);
		collect(&in, "\n", 1);
		ok = ok && stream_all(&p, in.data, in.len, 0, &whole) == 0 && whole.len == in.len;
		redact_workspace *w = NULL;
		char *got = malloc(in.len);
		size_t n;
		ok = ok && got && redact_workspace_new(&w) == 0;
		ok = ok && read_once(&p, &in, in.len, 20480, in.len - 20480, got, &n, w, NULL) == 0 &&
		     memcmp(got, whole.data + 20480, n) == 0;
		ok = ok && read_once(&p, &in, in.len, 0, in.len, got, &n, w, NULL) == 0 &&
		     n == in.len && memcmp(got, whole.data, n) == 0;
		tap_ok(&t, ok, "windows-1252: deep then whole ranges through one workspace equal the stream");
		redact_workspace_free(w);
		free(got);
		free(in.data);
		free(whole.data);
	}

	/* Long reads scanned on two threads (as `redact` reads a large file)
	 * equal the stream in GB18030 and UTF-16 files: a four-byte character
	 * and a UTF-8 e-mail straddle block boundaries. */
	{
		static const char *const encs2[] = {"GB18030", "UTF-16LE"};
		for (int e = 0; e < 2; e++) {
			struct buf in = {0}, whole = {0};
			if (e == 1)
				collect(&in, "\xff\xfe", 2);
			bool ok = true;
			for (int k = 0; ok && in.len < 600000; k++) {
				ok = encode(encs2[e], "今天天气很好，我们去公园散步。会议记录\n", &in);
				if (k % 97 == 0 && ok) {
					if (e == 0)
						ok = encode(encs2[e], "ẞ", &in);
					collect(&in, "li.ming@corp.example.cn\n", 24);
					if (e == 1 && in.len % 2)
						collect(&in, "\n", 1);
				}
			}
			ok = ok && stream_all(&p, in.data, in.len, 0, &whole) == 0;
			redact_workspace *w = NULL;
			char *got = malloc(in.len);
			size_t n;
			ok = ok && got && redact_workspace_new(&w) == 0;
			if (w)
				redact_workspace_use_two_threads(w, true);
			ok = ok && read_once(&p, &in, in.len, 0, in.len, got, &n, w, NULL) == 0 &&
			     n == in.len && memcmp(got, whole.data, n) == 0;
			tap_ok(&t, ok, "%s: a long read through a two-thread workspace equals the stream",
			       encs2[e]);
			redact_workspace_free(w);
			free(got);
			free(in.data);
			free(whole.data);
		}
	}

	/* A run of rarer characters whose other reading looks likelier: the
	 * name after its cue is masked all the same (both readings scanned). */
	{
		struct buf in = {0}, out = {0};
		bool ok = true;
		while (ok && in.len < 7800)
			ok = encode("GBK", "今天天气很好，我们去公园散步。会议记录\n", &in);
		/* then, across block 1's start, level-2 hanzi whose second
		 * bytes read, shifted by one, as level-1 ones: the wrong
		 * reading scores higher; the cue and name just after */
		while (ok && in.len < 8230)
			ok = encode("GBK", "鹉隳泶楹羲嵇", &in);
		ok = ok && encode("GBK", "姓名：张伟。\n", &in);
		ok = ok && stream_all(&p, in.data, in.len, 0, &out) == 0;
		struct buf name = {0};
		ok = ok && encode("GBK", "张伟", &name);
		bool raw = ok && memmem(out.data, out.len, name.data, name.len) != NULL;
		tap_ok(&t, ok && !raw, "GBK: a name after a run that misleads the alignment is masked");
		free(name.data);
		free(in.data);
		free(out.data);
	}

	/* Short or control-ridden heads are not guessed at. */
	tap_ok(&t, redact_looks_binary("\xd5\xc5\xce\xb0\x2c\x31\x33\x38", 8),
	       "8 bytes that are not UTF-8 are too few to call text");
	redact_catalog_free(cat);
	return tap_done(&t);
}
