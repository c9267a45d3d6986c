/*
 * t_actions.c — partial and pseudonymize: the documented kept heads and
 * tails, tokens that are deterministic per key, keep the value's shape and
 * length and carry valid check digits, a mask always winning over them, and
 * random ranges still equal to the stream.
 *
 * Expected partial outputs are written by hand. Token checks compute Luhn
 * and MOD 11-2 here, independently of the engine.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "tap.h"

static char *run(const redact_profile *p, const char *in, size_t len)
{
	struct buf out = {0};
	int rc = stream_all(p, in, len, 0, &out);
	if (rc < 0 || !out.data) {
		free(out.data);
		return rc < 0 ? NULL : calloc(1, 1);
	}
	return out.data;
}

static redact_profile only(const redact_catalog *cat, const char *name, enum redact_action a)
{
	redact_profile p;
	redact_profile_init(&p, cat);
	int i = redact_catalog_lookup(cat, name);
	redact_profile_enable(&p, (size_t)i);
	p.detector_action[i] = (uint8_t)(a + 1);
	return p;
}

/* At least len bytes of the six pieces in an order drawn from *seed (an
 * LCG, so a case is the same on every machine; *seed goes on from there). */
static struct buf pieces(const char *const piece[6], unsigned *seed, size_t len)
{
	struct buf b = {0};
	while (b.len < len) {
		*seed = *seed * 1103515245u + 12345u;
		const char *p = piece[(*seed >> 16) % 6];
		collect(&b, p, strlen(p));
	}
	return b;
}

static bool luhn(const char *s)
{
	int sum = 0, pos = 0;
	for (size_t i = strlen(s); i-- > 0;) {
		if (s[i] < '0' || s[i] > '9')
			continue;
		int d = s[i] - '0';
		if (pos++ % 2 == 1)
			d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return sum % 10 == 0;
}

static bool cn_id_check(const char *s)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		sum += (s[i] - '0') * w[i];
	}
	return s[17] == "10X98765432"[sum % 11];
}

/* Same byte classes at every position: digit, lower, upper, other ASCII
 * (equal), or a 3-byte character. */
static bool same_shape(const char *a, const char *b)
{
	if (strlen(a) != strlen(b))
		return false;
	for (size_t i = 0; a[i]; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if ((x >= '0' && x <= '9') != (y >= '0' && y <= '9') ||
		    (x >= 'a' && x <= 'z') != (y >= 'a' && y <= 'z') ||
		    (x >= 'A' && x <= 'Z') != (y >= 'A' && y <= 'Z') || (x >= 0x80) != (y >= 0x80))
			return false;
		if (x < 0x80 && !((x >= '0' && x <= '9') || (x >= 'a' && x <= 'z') ||
		                  (x >= 'A' && x <= 'Z')) && x != y)
			return false;
	}
	return true;
}

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat;
	char err[REDACT_ERRLEN];
	if (redact_catalog_new(&cat) < 0 ||
	    redact_catalog_add(cat, "emp", "EMP-[0-9]{6}", NULL, NULL, err, sizeof err) < 0) {
		printf("Bail out! catalog\n");
		return 1;
	}
	static const struct {
		const char *detector, *in, *want;
		int head, tail;
	} partials[] = {
		{"phone", "手机13812345678。", "手机138****5678。", -1, -1},
		{"bank_card", "卡号6222021234567890128", "卡号***************0128", -1, -1},
		{"bank_card", "card 6222 0212 3456 7894", "card **** **** **** 7894", -1, -1},
		{"email", "mail alice@example.com", "mail a****@example.com", -1, -1},
		{"email", "x bo@example.org", "x **@example.org", -1, -1},
		{"cn_id", "110101199003071233", "110***********1233", -1, -1},
		{"cn_id", "11010519491231002X", "110***********002X", -1, -1},
		{"phone", "13812345678", "1*******678", 1, 3},
		{"phone", "13812345678", "13812****78", 5, 9},
		{"emp", "id EMP-123456", "id E**-******", -1, -1},
		{"name", "姓名：张三丰，", "姓名：＊＊＊，", -1, -1},
	};
	for (size_t i = 0; i < sizeof partials / sizeof partials[0]; i++) {
		redact_profile p = only(cat, partials[i].detector, REDACT_ACTION_PARTIAL);
		p.keep_head = (int16_t)partials[i].head;
		p.keep_tail = (int16_t)partials[i].tail;
		char *got = run(&p, partials[i].in, strlen(partials[i].in));
		bool same = got && strcmp(got, partials[i].want) == 0;
		tap_ok(&t, same, "partial %s: %s", partials[i].detector, partials[i].in);
		if (!same)
			printf("#   got:  %s\n#   want: %s\n", got ? got : "(error)", partials[i].want);
		free(got);
	}

	/* pseudonymize */
	uint8_t key[REDACT_KEY_LEN], key2[REDACT_KEY_LEN];
	memset(key, 7, sizeof key);
	memset(key2, 8, sizeof key2);
	static const struct {
		const char *detector, *value;
	} values[] = {
		{"email", "alice.wang@example.com"}, {"phone", "138-1234-5678"},
		{"cn_id", "110101199003071233"},     {"bank_card", "6222021234567890128"},
		{"name", "张三丰"},
	};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		redact_profile p = only(cat, values[i].detector, REDACT_ACTION_PSEUDONYMIZE);
		p.key = key;
		char in[256];
		const char *v = values[i].value;
		int n = strcmp(values[i].detector, "name") == 0
		                ? snprintf(in, sizeof in, "姓名：%s，又 姓名：%s，", v, v)
		                : snprintf(in, sizeof in, "a %s b %s c", v, v);
		char *got = run(&p, in, (size_t)n);
		size_t vlen = strlen(v);
		const char *first = got ? strstr(got, strcmp(values[i].detector, "name") == 0 ? "：" : "a ") : NULL;
		char tok1[128] = "", tok2[128] = "";
		if (got && first) {
			size_t skip = strcmp(values[i].detector, "name") == 0 ? 3 : 2;
			memcpy(tok1, first + skip, vlen);
			tok1[vlen] = '\0';
			const char *second = strcmp(values[i].detector, "name") == 0
			                             ? strstr(first + skip + vlen, "：")
			                             : strstr(first + skip + vlen, "b ");
			if (second) {
				memcpy(tok2, second + skip, vlen);
				tok2[vlen] = '\0';
			}
		}
		tap_ok(&t, got && strlen(got) == (size_t)n && strcmp(tok1, v) != 0 &&
		                   strcmp(tok1, tok2) == 0 && same_shape(v, tok1),
		       "pseudonymize %s: same length and shape, not the value, same token twice (%s)",
		       values[i].detector, tok1);
		if (strcmp(values[i].detector, "cn_id") == 0)
			tap_ok(&t, cn_id_check(tok1), "cn_id token has a valid check character");
		if (strcmp(values[i].detector, "bank_card") == 0)
			tap_ok(&t, luhn(tok1), "card token passes Luhn");
		/* Another run (another file, another mount): the same token. */
		char *again = run(&p, in, (size_t)n);
		tap_ok(&t, got && again && strcmp(got, again) == 0, "%s: the same token in another run",
		       values[i].detector);
		p.key = key2;
		char *other = run(&p, in, (size_t)n);
		tap_ok(&t, got && other && strcmp(got, other) != 0, "%s: another key, another token",
		       values[i].detector);
		p.key = NULL;
		char *nokey = run(&p, in, (size_t)n);
		tap_ok(&t, nokey && !strstr(nokey, v) && (strchr(nokey, '*') || strstr(nokey, "＊")),
		       "%s: without a key the value is masked", values[i].detector);
		free(got);
		free(again);
		free(other);
		free(nokey);
	}

	/* A mask always wins: the field value is masked, the e-mail in it too. */
	redact_profile both;
	redact_profile_init(&both, cat);
	redact_profile_enable_all(&both);
	both.key = key;
	both.detector_action[redact_catalog_lookup(cat, "email")] = REDACT_ACTION_PSEUDONYMIZE + 1;
	char *got = run(&both, "name=alice@example.com", 22);
	tap_ok(&t, got && strcmp(got, "name=*****************") == 0,
	       "a field mask beats the e-mail's pseudonym");
	free(got);

	/* Field values take the field detector's action: key=value, JSON, and
	 * whole CSV cells (also across block boundaries). */
	redact_profile fp = only(cat, "field", REDACT_ACTION_PARTIAL);
	got = run(&fp, "id=7 name=Alice x", 17);
	tap_ok(&t, got && strcmp(got, "id=7 name=A**** x") == 0, "partial field value: %s",
	       got ? got : "");
	free(got);
	got = run(&fp, "{\"phone\": \"13812345678\"}", 24);
	tap_ok(&t, got && strcmp(got, "{\"phone\": \"1**********\"}") == 0, "partial JSON value: %s",
	       got ? got : "");
	free(got);
	fp.format = REDACT_FORMAT_CSV;
	const char *cells = "id,name\n1,\"Lee, Bo\"\n2,Ann Smith\n";
	got = run(&fp, cells, strlen(cells));
	tap_ok(&t, got && strcmp(got, "id,name\n1,\"L*** **\"\n2,A** *****\n") == 0,
	       "partial CSV cells, quoted and not");
	free(got);
	redact_profile pp = only(cat, "field", REDACT_ACTION_PSEUDONYMIZE);
	pp.key = key;
	pp.format = REDACT_FORMAT_CSV;
	const char *a = "id,email,x\n1,ann@example.org,p\n2,bob@example.net,q\n";
	const char *b = "email,total\nbob@example.net,5\nann@example.org,7\n";
	char *ga = run(&pp, a, strlen(a)), *gb = run(&pp, b, strlen(b));
	char ta[64] = "", tb[64] = "";
	if (ga && gb) {
		memcpy(ta, ga + strlen("id,email,x\n1,"), 15);
		memcpy(tb, gb + strlen("email,total\nbob@example.net,5\n"), 15);
	}
	tap_ok(&t, ga && gb && strcmp(ta, tb) == 0 && strcmp(ta, "ann@example.org") != 0 &&
	                   same_shape("ann@example.org", ta),
	       "pseudonymized CSV columns join across files (%s = %s)", ta, tb);
	free(ga);
	free(gb);
	/* A big CSV with cells across block boundaries: ranges equal the stream. */
	struct buf csv = {0};
	collect(&csv, "id,name,email\n", 14);
	for (int i = 0; csv.len < 120000; i++) {
		char row[128];
		int n = snprintf(row, sizeof row, "%d,\"Person %d, Jr\nline two\",p%d@example.com\n", i,
		                 i * 7, i);
		collect(&csv, row, (size_t)n);
	}
	char *cw = run(&pp, csv.data, csv.len);
	bool cok = cw && strlen(cw) == csv.len && !strstr(cw, "Person 7,");
	char *cpart = malloc(20000);
	redact_file *ix;
	redact_file_new(&ix, &pp, mem_read, &csv);
	struct redact_version cv = buf_version(&csv);
	for (int r = 0; r < 300 && cok; r++) {
		static unsigned cs = 11;
		cs = cs * 1103515245u + 12345u;
		uint64_t off = (cs >> 5) % csv.len;
		size_t len = 1 + (cs >> 9) % (r % 2 ? 9 : 20000), n;
		cok = (r % 5 ? redact_file_read(ix, &cv, off, len, cpart, &n, NULL, NULL)
		             : read_once(&pp, &csv, csv.len, off, len, cpart, &n, NULL, NULL)) == 0 &&
		      memcmp(cpart, cw + off, n) == 0;
	}
	tap_ok(&t, cok, "pseudonymized CSV: random ranges (with checkpoints) equal the stream");
	redact_file_free(ix);
	free(cpart);
	free(cw);
	free(csv.data);

	/* replace and remove change the length; sized ranges of the output
	 * equal the stream. */
	{
		redact_profile rp = only(cat, "email", REDACT_ACTION_REPLACE);
		char *r1 = run(&rp, "mail alice@example.com now\n", 27);
		tap_ok(&t, r1 && strcmp(r1, "mail [EMAIL] now\n") == 0, "replace: %s", r1 ? r1 : "");
		free(r1);
		const char *labels[REDACT_MAX_DETECTORS] = {0};
		labels[redact_catalog_lookup(cat, "email")] = "[邮箱]";
		rp.labels = labels;
		r1 = run(&rp, "邮箱alice@example.com。", 26);
		tap_ok(&t, r1 && strcmp(r1, "邮箱[邮箱]。") == 0, "replace with a policy label");
		free(r1);
		redact_profile mp = only(cat, "phone", REDACT_ACTION_REMOVE);
		r1 = run(&mp, "call 13812345678 now", 20);
		tap_ok(&t, r1 && strcmp(r1, "call  now") == 0, "remove: '%s'", r1 ? r1 : "");
		free(r1);
		size_t n1;

		redact_profile vp;
		redact_profile_init(&vp, cat);
		redact_profile_enable_all(&vp);
		vp.detector_action[redact_catalog_lookup(cat, "email")] = REDACT_ACTION_REPLACE + 1;
		vp.detector_action[redact_catalog_lookup(cat, "phone")] = REDACT_ACTION_REPLACE + 1;
		vp.detector_action[redact_catalog_lookup(cat, "cn_id")] = REDACT_ACTION_REMOVE + 1;
		static const char *const vb[] = {"alice@example.com ", "13812345678 ", "姓名：张三丰\n",
		                                 "plain text ", "110101199003071233\n", "x"};
		unsigned vs = 21;
		struct buf vin = pieces(vb, &vs, 90000);
		char *vwhole = run(&vp, vin.data, vin.len);
		size_t vlen = vwhole ? strlen(vwhole) : 0;
		redact_file *z = NULL;
		struct redact_version vv = buf_version(&vin);
		uint64_t vtotal = 0;
		bool vok = vwhole && redact_file_new(&z, &vp, mem_read, &vin) == 0 &&
		           redact_file_size(z, &vv, &vtotal) == 0 && vtotal == vlen && vlen < vin.len;
		tap_ok(&t, vok, "sizes: total %zu equals the stream's output length (input %zu)", vlen,
		       vin.len);
		char *vpart = malloc(30000);
		for (int r = 0; r < 300 && vok; r++) {
			vs = vs * 1103515245u + 12345u;
			uint64_t off = (vs >> 5) % (vlen + 5);
			size_t len = 1 + (vs >> 9) % (r % 2 ? 9 : 30000), n;
			vok = redact_file_read(z, &vv, off, len, vpart, &n, NULL, NULL) == 0 &&
			      n == (off >= vlen ? 0 : (vlen - off < len ? vlen - off : len)) &&
			      (n == 0 || memcmp(vpart, vwhole + off, n) == 0);
		}
		tap_ok(&t, vok, "random output ranges of a replace/remove file equal the stream");
		/* a fresh file reads output offsets too, and says the output's
		 * length again */
		uint64_t same = 0;
		tap_ok(&t, read_once(&vp, &vin, vin.len, 0, 10, vpart, &n1, NULL, NULL) == 0 && n1 == 10 &&
		               memcmp(vpart, vwhole, 10) == 0 && redact_file_size(z, &vv, &same) == 0 &&
		               same == vlen,
		       "a replace/remove file reads from its output's start; its size is the output's");
		/* the whole output at once: one stream, the same bytes */
		struct buf all = {0};
		bool same_all = redact_file_write_all(z, &vv, collect, &all, NULL) == 0 &&
		                all.len == vlen && memcmp(all.data, vwhole, vlen) == 0;
		tap_ok(&t, same_all, "write_all of a replace/remove file gives the stream's bytes "
		       "(%zu of %zu)", all.len, vlen);
		free(all.data);
		free(vpart);
		redact_file_free(z);
		free(vwhole);
		free(vin.data);
	}

	/* The sizes table over more than one group of blocks, with blocks
	 * that grow by more than two bytes can say (a long label for every
	 * 'x') and blocks that shrink (removed e-mails), the last one too. */
	{
		redact_catalog *xc;
		bool ok = redact_catalog_new(&xc) == 0;
		int xs = ok ? redact_catalog_add(xc, "xs", "x", NULL, NULL, err, sizeof err) : -1;
		redact_profile xp;
		redact_profile_init(&xp, xc);
		redact_profile_enable_all(&xp);
		const char *labels[REDACT_MAX_DETECTORS] = {0};
		labels[xs >= 0 ? xs : 0] = "[a label forty bytes long, for each x!]";
		xp.labels = labels;
		xp.detector_action[xs >= 0 ? xs : 0] = REDACT_ACTION_REPLACE + 1;
		xp.detector_action[redact_catalog_lookup(xc, "email")] = REDACT_ACTION_REMOVE + 1;
		struct buf xin = {0};
		unsigned xsd = 7;
		while (xin.len < 3u * 1024 * 1024) {
			xsd = xsd * 1103515245u + 12345u;
			unsigned kind = (xsd >> 16) % 3;
			for (int k = 0; k < 400; k++)
				collect(&xin, kind == 0 ? "xxxxxxxxxxxxxxxxxxxx" : kind == 1 ? "bob@example.com " : "plain words ",
				        kind == 0 ? 20 : kind == 1 ? 16 : 12);
		}
		for (int k = 0; k < 300; k++) /* the last block grows a lot */
			collect(&xin, "xxxxxxxxxx", 10);
		struct buf xout = {0};
		ok = ok && xs >= 0 && stream_all(&xp, xin.data, xin.len, 65536, &xout) == 0;
		redact_file *xz = NULL;
		struct redact_version xv = buf_version(&xin);
		uint64_t xtotal = 0;
		ok = ok && redact_file_new(&xz, &xp, mem_read, &xin) == 0 &&
		     redact_file_size(xz, &xv, &xtotal) == 0 && xtotal == xout.len &&
		     xout.len > 4 * xin.len;
		tap_ok(&t, ok, "sizes over %zu blocks: total %zu equals the stream's (input %zu)",
		       xin.len / REDACT_BLOCK, xout.len, xin.len);
		char *xpart = malloc(160000);
		redact_workspace *ws = NULL;
		ok = ok && redact_workspace_new(&ws) == 0;
		for (int r = 0; r < 400 && ok; r++) {
			xsd = xsd * 1103515245u + 12345u;
			uint64_t off = r < 20 ? xout.len - 1 - (uint64_t)r * 997 : (uint64_t)xsd % (xout.len + 3);
			xsd = xsd * 1103515245u + 12345u;
			size_t len = 1 + (xsd >> 8) % (r % 2 ? 70000 : 100), n;
			size_t want = off >= xout.len ? 0 : (xout.len - off < len ? xout.len - off : len);
			/* every other call through one kept workspace */
			ok = redact_file_read(xz, &xv, off, len, xpart, &n, r % 2 ? ws : NULL, NULL) == 0 &&
			     n == want && (n == 0 || memcmp(xpart, xout.data + off, n) == 0);
		}
		tap_ok(&t, ok, "random ranges across groups and grown blocks equal the stream");
		/* The same workspace under another catalog, and small windows
		 * after large ones. */
		redact_profile ap;
		redact_profile_init(&ap, cat);
		redact_profile_enable_all(&ap);
		struct buf aout = {0};
		bool aok = stream_all(&ap, xin.data, 200000, 0, &aout) == 0;
		struct buf ain = {.data = xin.data, .len = 200000};
		for (int r = 0; r < 200 && aok; r++) {
			xsd = xsd * 1103515245u + 12345u;
			uint64_t off = (uint64_t)xsd % 200000;
			/* up to 18 blocks: long reads are scanned by two threads
			 * (three in four calls) */
			size_t len = 1 + (xsd >> 7) % (r < 100 ? 150000 : 50), n;
			redact_workspace_use_two_threads(ws, r % 4 != 0);
			size_t want = 200000 - off < len ? 200000 - off : len;
			aok = read_once(&ap, &ain, 200000, off, len, xpart, &n, ws, NULL) == 0 &&
			      n == want && memcmp(xpart, aout.data + off, n) == 0;
		}
		tap_ok(&t, aok, "one workspace serves two catalogs and any window size");
		redact_workspace_free(ws);
		free(aout.data);
		free(xpart);
		redact_file_free(xz);
		free(xout.data);
		free(xin.data);
		redact_catalog_free(xc);
	}

	/* Tally: values counted per detector, each block once. */
	{
		struct buf tf = {0};
		collect(&tf, "a@example.com b@example.com c@example.com ", 42);
		while (tf.len < 2 * 8192 + 100)
			collect(&tf, "x", 1);
		collect(&tf, " 13812345678 13912345678 ", 25);
		redact_profile tp;
		redact_profile_init(&tp, cat);
		redact_profile_enable_all(&tp);
		redact_tally *tally;
		char *tout = malloc(tf.len);
		size_t n;
		int e = redact_catalog_lookup(cat, "email"), ph = redact_catalog_lookup(cat, "phone");
		bool ok = redact_tally_new(&tally, tf.len) == 0;
		ok = ok && read_once(&tp, &tf, tf.len, 0, 100, tout, &n, NULL, tally) == 0;
		tap_ok(&t, ok && redact_tally_count(tally, (size_t)e) == 3 &&
		                   redact_tally_count(tally, (size_t)ph) == 0,
		       "reading the first block counts its 3 e-mails and no phone");
		for (int pass = 0; pass < 2 && ok; pass++)
			for (uint64_t off = 0; off < tf.len && ok; off += 1000)
				ok = read_once(&tp, &tf, tf.len, off, 3000, tout, &n, NULL, tally) == 0;
		tap_ok(&t, ok && redact_tally_count(tally, (size_t)e) == 3 &&
		                   redact_tally_count(tally, (size_t)ph) == 2,
		       "reading everything twice, overlapping, counts each value once");
		redact_tally_free(tally);
		free(tout);
		free(tf.data);
	}

	/* Tally: a block whose scan fails counts nothing, and a later read that
	 * scans it (the file changed in place) counts it. The detector slow
	 * backtracks on a run of 'a's until pcre2's match limit stops it. */
	{
		redact_catalog *fc = NULL;
		bool ok = redact_catalog_new(&fc) == 0 &&
		          redact_catalog_add(fc, "slow", "(?:a|aa)+(?:a|aa)+(?:a|aa)+[cd]", NULL, NULL,
		                             err, sizeof err) >= 0;
		redact_profile slow_p;
		redact_profile_init(&slow_p, fc);
		redact_profile_enable_all(&slow_p);
		struct buf ff = {0};
		collect(&ff, "a@example.com b@example.com ", 28);
		while (ff.len < 3100)
			collect(&ff, "a", 1);
		redact_tally *ft = NULL;
		char *fout = malloc(ff.len);
		size_t n;
		int e = ok ? redact_catalog_lookup(fc, "email") : -1;
		ok = ok && fout && e >= 0 && redact_tally_new(&ft, ff.len) == 0;
		int rc = ok ? read_once(&slow_p, &ff, ff.len, 0, 100, fout, &n, NULL, ft) : 0;
		tap_ok(&t, ok && rc == -EIO && redact_tally_count(ft, (size_t)e) == 0,
		       "a failed scan counts none of its block's values (rc %d)", rc);
		/* The same length, the run of 'a's now a third e-mail and 'x's. */
		memcpy(ff.data + 28, "c@example.com ", 14);
		memset(ff.data + 42, 'x', ff.len - 42);
		rc = ok ? read_once(&slow_p, &ff, ff.len, 0, 100, fout, &n, NULL, ft) : -1;
		tap_ok(&t, ok && rc == 0 && redact_tally_count(ft, (size_t)e) == 3,
		       "the block read again once it scans counts its 3 e-mails");
		rc = ok ? read_once(&slow_p, &ff, ff.len, 50, 100, fout, &n, NULL, ft) : -1;
		tap_ok(&t, ok && rc == 0 && redact_tally_count(ft, (size_t)e) == 3,
		       "and once only");
		redact_tally_free(ft);
		free(fout);
		free(ff.data);
		if (fc)
			redact_catalog_free(fc);
	}

	/* Random ranges equal the stream with every action in play. */
	both.action = REDACT_ACTION_PARTIAL;
	static const char *const bits[] = {"alice@example.com ", "13812345678 ", "姓名：张三丰\n",
	                                   "6222021234567890128 ", "plain text ", "110101199003071233\n"};
	unsigned seed = 3;
	struct buf in = pieces(bits, &seed, 100000);
	char *whole = run(&both, in.data, in.len);
	bool ok = whole != NULL;
	char *part = malloc(20000);
	for (int r = 0; r < 300 && ok; r++) {
		seed = seed * 1103515245u + 12345u;
		uint64_t off = (seed >> 5) % in.len;
		size_t len = 1 + (seed >> 9) % (r % 2 ? 7 : 20000), n;
		ok = read_once(&both, &in, in.len, off, len, part, &n, NULL, NULL) == 0 &&
		     memcmp(part, whole + off, n) == 0;
	}
	tap_ok(&t, ok, "random ranges equal the stream with partial and pseudonymize");
	struct buf all = {0};
	redact_file *fa = NULL;
	struct redact_version va = buf_version(&in);
	bool same_all = whole && redact_file_new(&fa, &both, mem_read, &in) == 0 &&
	                redact_file_write_all(fa, &va, collect, &all, NULL) == 0 &&
	                all.len == in.len && memcmp(all.data, whole, in.len) == 0;
	tap_ok(&t, same_all, "write_all by ranges gives the stream's bytes (%zu of %zu)", all.len,
	       in.len);
	redact_file_free(fa);
	free(all.data);
	free(part);
	free(whole);
	free(in.data);
	redact_catalog_free(cat);
	return tap_done(&t);
}
