/* bench/charset/eval.c - ask uchardet and ICU about every sample head.
 *
 * Usage: eval [--no-time] SET.idx SET.bin > SET.tsv
 * Build: cc -O2 eval.c $(pkg-config --cflags --libs uchardet icu-i18n icu-uc)
 *
 * SET.idx/SET.bin come from samples.py.  One output line per sample, tab
 * separated, with a header line; the columns are:
 *   id kind label genre size utf8      copied from the index
 *   uch                                uchardet_get_charset() ("" -> "-")
 *   icu icu_conf                       ucsdet_detect(): name, confidence
 *   icu_all                            ucsdet_detectAll(): the first 6 as
 *                                      name:confidence, joined by ','
 *   ctrl                               bytes in 01-08 0E-1A 1C-1F 7F
 *   hi c1 hirun                        bytes >= 0x80, bytes in 0x80-0x9F,
 *                                      longest run of bytes >= 0x80
 *   conv                               glibc iconv from GBK GB18030 BIG5
 *                                      CP1252 ISO-8859-1 to UTF-8, one
 *                                      letter each: o = converts, t =
 *                                      converts but the last character is
 *                                      incomplete, x = invalid sequence
 *   ns_uch ns_uch_new ns_icu ns_icu_all
 *                                      ns per call, measured over repeated
 *                                      calls (at least MIN_REPS and MIN_NS);
 *                                      -1 with --no-time
 * ns_uch times uchardet_reset + handle_data + data_end + get_charset on one
 * reused detector; ns_uch_new the same on a fresh detector each time
 * (uchardet_new ... uchardet_delete); ns_icu times ucsdet_setText + ucsdet_detect + getName +
 * getConfidence on one reused detector; ns_icu_all times setText +
 * detectAll.  Lines starting with '#' report one-off costs (creating the
 * detectors).  Valid UTF-8 samples are run too; the scoring drops them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <uchardet/uchardet.h>
#include <unicode/ucsdet.h>

#define MIN_REPS 2      /* per round */
#define MIN_NS 1000000.0 /* at least 1 ms of calls in all */

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static const char *CONV_NAMES[] = {"GBK", "GB18030", "BIG5", "CP1252", "ISO-8859-1"};
#define NCONV (sizeof CONV_NAMES / sizeof CONV_NAMES[0])
static iconv_t conv_cd[NCONV];

/* 'o' converts, 't' converts but for an incomplete last character,
 * 'x' invalid sequence, '?' no converter. */
static char conv_check(iconv_t cd, const unsigned char *p, size_t n)
{
	static char out[4096 * 6 + 64];
	char *in = (char *)p, *o = out;
	size_t il = n, ol = sizeof out;
	if (cd == (iconv_t)-1)
		return '?';
	iconv(cd, NULL, NULL, NULL, NULL);
	while (il > 0) {
		size_t r = iconv(cd, &in, &il, &o, &ol);
		if (r != (size_t)-1)
			break;
		if (errno == EINVAL)
			return 't';
		if (errno == E2BIG) { /* cannot happen with this buffer */
			o = out;
			ol = sizeof out;
			continue;
		}
		return 'x';
	}
	return 'o';
}

static int is_ctrl(unsigned char c)
{
	return (c >= 0x01 && c <= 0x08) || (c >= 0x0E && c <= 0x1A) ||
	       (c >= 0x1C && c <= 0x1F) || c == 0x7F;
}

static uchardet_t ud;
static UCharsetDetector *csd;

static const char *ask_uch(const unsigned char *p, size_t n)
{
	uchardet_reset(ud);
	uchardet_handle_data(ud, (const char *)p, n);
	uchardet_data_end(ud);
	return uchardet_get_charset(ud);
}

static const char *ask_icu(const unsigned char *p, size_t n, int *conf)
{
	UErrorCode st = U_ZERO_ERROR;
	ucsdet_setText(csd, (const char *)p, (int32_t)n, &st);
	const UCharsetMatch *m = ucsdet_detect(csd, &st);
	if (U_FAILURE(st) || !m) {
		*conf = 0;
		return NULL;
	}
	const char *name = ucsdet_getName(m, &st);
	*conf = ucsdet_getConfidence(m, &st);
	return U_FAILURE(st) ? NULL : name;
}

static int ask_uch_new(const unsigned char *p, size_t n)
{
	uchardet_t u = uchardet_new();
	uchardet_handle_data(u, (const char *)p, n);
	uchardet_data_end(u);
	int r = uchardet_get_charset(u)[0];
	uchardet_delete(u);
	return r;
}

static int ask_icu_all(const unsigned char *p, size_t n, char *buf, size_t bl)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t k = 0;
	ucsdet_setText(csd, (const char *)p, (int32_t)n, &st);
	const UCharsetMatch **ms = ucsdet_detectAll(csd, &k, &st);
	if (!buf)
		return U_FAILURE(st) ? 0 : (int)k;
	buf[0] = 0;
	if (U_FAILURE(st))
		return 0;
	size_t at = 0;
	for (int32_t i = 0; i < k && i < 6; i++) {
		UErrorCode s2 = U_ZERO_ERROR;
		const char *nm = ucsdet_getName(ms[i], &s2);
		int c = ucsdet_getConfidence(ms[i], &s2);
		at += snprintf(buf + at, bl - at, "%s%s:%d", i ? "," : "", nm ? nm : "?", c);
		if (at >= bl)
			break;
	}
	return (int)k;
}

/* ns per call of EXPR: ROUNDS rounds, each repeating it until at least
 * MIN_REPS calls and MIN_NS/ROUNDS ns; the lowest per-call mean of the
 * rounds is reported (the least disturbed by other work on the machine). */
#define ROUNDS 5
#define TIME_NS(out, expr)                                             \
	do {                                                               \
		double best_ = -1;                                             \
		for (int round_ = 0; round_ < ROUNDS; round_++) {              \
			long reps_ = 0;                                            \
			double t0_ = now_ns(), t_;                                 \
			do {                                                       \
				(void)(expr);                                          \
				reps_++;                                               \
				t_ = now_ns() - t0_;                                   \
			} while (reps_ < MIN_REPS || t_ < MIN_NS / ROUNDS);        \
			if (best_ < 0 || t_ / reps_ < best_)                       \
				best_ = t_ / reps_;                                    \
		}                                                              \
		(out) = best_;                                                 \
	} while (0)

int main(int argc, char **argv)
{
	int timing = 1;
	if (argc == 4 && strcmp(argv[1], "--no-time") == 0) {
		timing = 0;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: %s [--no-time] SET.idx SET.bin\n", argv[0]);
		return 2;
	}
	FILE *fb = fopen(argv[2], "rb");
	FILE *fi = fopen(argv[1], "r");
	if (!fb || !fi) {
		perror("open");
		return 1;
	}
	fseek(fb, 0, SEEK_END);
	long blen = ftell(fb);
	fseek(fb, 0, SEEK_SET);
	unsigned char *data = malloc(blen ? blen : 1);
	if (!data || fread(data, 1, blen, fb) != (size_t)blen) {
		fprintf(stderr, "read %s failed\n", argv[2]);
		return 1;
	}
	fclose(fb);

	for (size_t i = 0; i < NCONV; i++)
		conv_cd[i] = iconv_open("UTF-8", CONV_NAMES[i]);

	/* one-off costs */
	double t_new = -1, t_icu_open = -1;
	if (timing) {
		TIME_NS(t_new, (uchardet_delete(uchardet_new()), 0));
		TIME_NS(t_icu_open, ({
			        UErrorCode s_ = U_ZERO_ERROR;
			        ucsdet_close(ucsdet_open(&s_));
			        0;
		        }));
		printf("# uchardet_new+uchardet_delete ns %.0f\n", t_new);
		printf("# ucsdet_open+ucsdet_close ns %.0f\n", t_icu_open);
	}

	UErrorCode st = U_ZERO_ERROR;
	ud = uchardet_new();
	csd = ucsdet_open(&st);
	if (!ud || U_FAILURE(st)) {
		fprintf(stderr, "cannot create the detectors\n");
		return 1;
	}

	printf("id\tkind\tlabel\tgenre\tsize\tutf8\tuch\ticu\ticu_conf\ticu_all\t"
	       "ctrl\thi\tc1\thirun\tconv\tns_uch\tns_uch_new\tns_icu\tns_icu_all\n");
	char line[1024];
	while (fgets(line, sizeof line, fi)) {
		long id, size, off;
		int utf8;
		char kind[32], label[32], genre[32];
		if (sscanf(line, "%ld\t%31s\t%31s\t%31s\t%ld\t%ld\t%d", &id, kind, label,
		           genre, &size, &off, &utf8) != 7 ||
		    off + size > blen) {
			fprintf(stderr, "bad index line: %s", line);
			return 1;
		}
		const unsigned char *p = data + off;
		size_t n = (size_t)size;

		char uch[64];
		const char *u = ask_uch(p, n);
		snprintf(uch, sizeof uch, "%s", (u && *u) ? u : "-");
		int conf = 0;
		const char *ic = ask_icu(p, n, &conf);
		char icu[64];
		snprintf(icu, sizeof icu, "%s", ic ? ic : "-");
		char all[256];
		ask_icu_all(p, n, all, sizeof all);

		int ctrl = 0, hi = 0, c1 = 0, run = 0, hirun = 0;
		for (size_t k = 0; k < n; k++) {
			ctrl += is_ctrl(p[k]);
			hi += p[k] >= 0x80;
			c1 += p[k] >= 0x80 && p[k] <= 0x9F;
			run = p[k] >= 0x80 ? run + 1 : 0;
			if (run > hirun)
				hirun = run;
		}
		char conv[NCONV + 1];
		for (size_t k = 0; k < NCONV; k++)
			conv[k] = conv_check(conv_cd[k], p, n);
		conv[NCONV] = 0;

		double ns_uch = -1, ns_new = -1, ns_icu = -1, ns_all = -1;
		int dummy;
		if (timing) {
			TIME_NS(ns_uch, ask_uch(p, n));
			TIME_NS(ns_new, ask_uch_new(p, n));
			TIME_NS(ns_icu, ask_icu(p, n, &dummy));
			TIME_NS(ns_all, ask_icu_all(p, n, NULL, 0));
		}

		printf("%ld\t%s\t%s\t%s\t%ld\t%d\t%s\t%s\t%d\t%s\t%d\t%d\t%d\t%d\t%s\t%.0f\t%.0f\t%.0f\t%.0f\n",
		       id, kind, label, genre, size, utf8, uch, icu, conf, all[0] ? all : "-",
		       ctrl, hi, c1, hirun, conv, ns_uch, ns_new, ns_icu, ns_all);
	}
	fclose(fi);
	uchardet_delete(ud);
	ucsdet_close(csd);
	for (size_t i = 0; i < NCONV; i++)
		if (conv_cd[i] != (iconv_t)-1)
			iconv_close(conv_cd[i]);
	free(data);
	return 0;
}
