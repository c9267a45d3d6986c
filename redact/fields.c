/*
 * fields.c — field names whose values are personal data whatever they hold,
 * and the pattern that finds such a field's key in JSON and key=value /
 * key: value text.
 *
 * A field list is immutable once built. Its pattern matches the key and
 * the separator, ending where the value begins; fieldmark.c then marks the
 * value. Header cells of CSV/TSV files are matched by
 * redact_fields_match_header() with the same normalisation: ASCII letters
 * fold case and '_', '-' and ' ' are one character. An ASCII name must be
 * the whole key; a name with CJK characters may stand at the end of a
 * longer key (客户姓名 is a 姓名 field).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

const char *const redact_default_fields[] = {
	/* names */
	"name", "full_name", "first_name", "last_name", "surname", "given_name", "real_name",
	"realname", "customer_name", "contact_name", "姓名", "名字", "真实姓名", "联系人",
	"收件人", "收货人",
	/* people by their role (Chinese puts the head last: a key that ends
	 * with one of these is the person, 紧急联系人 and 快递收件人 too) */
	"持卡人", "户主", "寄件人", "发件人", "收款人", "付款人", "开户人", "申请人", "监护人",
	"投保人", "被保险人", "受益人", "担保人", "委托人", "代理人", "经办人", "负责人",
	"法定代表人", "当事人", "业主", "车主", "房主", "机主", "患者", "病人", "乘客", "旅客",
	"用户名", "昵称", "户名", "曾用名", "籍贯", "户籍", "住所", "微信号", "传真",
	/* telephone numbers */
	"phone", "phone_number", "mobile", "mobile_phone", "cellphone", "tel", "telephone",
	"fax", "手机", "手机号", "手机号码", "电话", "电话号码", "联系电话", "联系方式",
	/* e-mail */
	"email", "e_mail", "mail", "email_address", "邮箱", "电子邮箱", "电子邮件",
	/* addresses and whereabouts */
	"address", "home_address", "street", "street_address", "地址", "住址", "家庭住址",
	"联系地址", "收货地址", "居住地", "location", "gps", "latitude", "longitude", "lat",
	"lng", "lon", "位置", "车牌", "车牌号", "license_plate", "plate",
	/* identity documents */
	"id_card", "id_number", "id_no", "idcard", "national_id", "ssn", "passport",
	"passport_no", "passport_number", "身份证", "身份证号", "身份证号码", "证件号",
	"证件号码", "护照", "护照号",
	/* dates of birth */
	"birthday", "dob", "birth_date", "date_of_birth", "出生日期", "生日", "出生年月",
	/* health */
	"diagnosis", "medical_record", "medical_history", "allergies", "condition", "诊断",
	"病历", "病史", "病情", "既往史", "过敏史",
	/* financial accounts */
	"card_no", "card_number", "bank_card", "account_no", "account_number", "iban",
	"银行卡", "银行卡号", "卡号", "账号",
	/* network */
	"ip", "ip_address", "client_ip",
	NULL,
};

/* The head of an SQL INSERT in text (a log line): its pattern branch
 * (build_pattern) allows what these cues allow between the words. */
static const struct redact_cue insert_cues[] = {
	REDACT_CUE("insert", "into|ignore"),
	REDACT_CUE("replace", "into"),
	REDACT_CUES_END,
};

const struct redact_builtin redact_detect_fields[] = {
	{
		.name = "field",
		.description = "values of fields named like personal data, by a list (name, 姓名, "
		               "phone, 手机, email, address, 身份证号, dob, diagnosis, ...) and by "
		               "meaning (receiver_name, customerName, holder, ship_to, 紧急联系人; "
		               "not file_name, ip_address): CSV/TSV columns by header, JSON keys "
		               "(nested values too), key=value, key: value, INI and YAML, SQL INSERT "
		               "and COPY columns (.sql: the dump still loads)",
		.example = "姓名：张三丰",
		.example_masked = "姓名：＊＊＊",
		/* A key (at most 64 characters, each at most 3 bytes when a
		 * caseless letter matches a non-ASCII one), quotes and blanks,
		 * then : = or ： (RC_FIELDSEP instead of RC_KEYSEP when a
		 * name ends in a digit: scan.c) */
		.anchor = {{RC_KEYSEP, 1, FIELD_MEANING_SPAN}, {RC_CUE, 0, 0}},
		.cues = insert_cues,
	},
};
const size_t redact_detect_fields_count = 1;

static bool is_ascii_name(const char *n)
{
	for (; *n; n++)
		if ((unsigned char)*n >= 0x80)
			return false;
	return true;
}

static bool name_ok(const char *n, char *err, size_t errlen)
{
	size_t len = strlen(n);
	if (len == 0 || len > 64) {
		snprintf(err, errlen, "field name '%.64s' must be 1 to 64 bytes", n);
		return false;
	}
	for (const char *c = n; *c; c++) {
		unsigned char u = (unsigned char)*c;
		if (u < 0x20 || u == 0x7f || strchr("\\\"=:,", u)) {
			snprintf(err, errlen, "field name '%.64s' has a character not allowed in it",
			         n);
			return false;
		}
	}
	return true;
}

/* Appends the literal text t to the pattern. */
static void put(char *pat, size_t *at, const char *t)
{
	size_t n = strlen(t);
	memcpy(pat + *at, t, n);
	*at += n;
}

/* Appends name as a pattern item: '_', '-', ' ' match each other, ASCII
 * punctuation is escaped, the rest is literal. */
static void append_name(char *pat, size_t *at, const char *name)
{
	for (const char *c = name; *c; c++) {
		if (*c == '_' || *c == '-' || *c == ' ') {
			put(pat, at, "[_\\- ]");
		} else if ((unsigned char)*c < 0x80 &&
		           !((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		             (*c >= '0' && *c <= '9'))) {
			pat[(*at)++] = '\\';
			pat[(*at)++] = *c;
		} else {
			pat[(*at)++] = *c;
		}
	}
}

/* (?i) with two families of keys:
 *   "KEY" : value            JSON (KEY is the whole string)
 *   KEY = value, KEY: value  ASCII keys must not continue a longer word;
 *                            CJK keys may end a longer key. */
static char *build_pattern(char *const *names, size_t n)
{
	size_t cap = 512;
	for (size_t i = 0; i < n; i++)
		cap += 3 * (strlen(names[i]) * 6 + 2);
	char *pat = malloc(cap);
	if (!pat)
		return NULL;
	size_t at = 0;
	put(pat, &at, "(?i)(?:\"(?:");
	for (size_t i = 0; i < n; i++) {
		if (i)
			pat[at++] = '|';
		append_name(pat, &at, names[i]);
	}
	put(pat, &at, ")\"[ \\t]{0,8}:[ \\t]{0,8}(?=[\\[{\"0-9tfn\\-])"
	                               "|(?:(?<![A-Za-z0-9_\\-.])(?:");
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (!is_ascii_name(names[i]))
			continue;
		if (!first)
			pat[at++] = '|';
		first = false;
		append_name(pat, &at, names[i]);
	}
	if (first)
		put(pat, &at, "(*FAIL)");
	put(pat, &at, ")");
	first = true;
	for (size_t i = 0; i < n; i++) {
		if (is_ascii_name(names[i]))
			continue;
		put(pat, &at, first ? "|(?=[^\\x00-\\x7f])(?:" : "|");
		first = false;
		append_name(pat, &at, names[i]);
	}
	if (!first)
		pat[at++] = ')';
	put(pat, &at, ")[ \\t]{0,4}(?:=|:|：)[ \\t]{0,4}(?=[^ \\t\\r\\n]))");
	/* Any other key, asked by its meaning (field_meaning.c) through a
	 * callout once the separator is in sight; a key ending in a digit
	 * is left out, as the prefilter's KEYSEP leaves it. */
	put(pat, &at, "|\"[^\"\\\\\\n]{1,64}+(?<![0-9])(?=\"[ \\t]{0,8}:)"
	               "(?C\"" FIELD_CALLOUT_JSON "\")"
	               "\"[ \\t]{0,8}:[ \\t]{0,8}(?=[\\[{\"0-9tfn\\-])"
	               "|(?<![A-Za-z0-9_\\-.])[A-Za-z][A-Za-z0-9_.\\-]{0,63}+(?<![0-9])"
	               "(?=[ \\t]{0,4}(?:=|:|：)[ \\t]{0,4}[^ \\t\\r\\n])"
	               "(?C\"" FIELD_CALLOUT_PLAIN "\")"
	               "[ \\t]{0,4}(?:=|:|：)[ \\t]{0,4}(?=[^ \\t\\r\\n])");
	/* INSERT [IGNORE] INTO t (: the statement's head, up to its column
	 * list (fieldmark.c reads the rest, sql.c) */
	put(pat, &at, "|(?<![A-Za-z0-9_])(?:INSERT(?:[ \\t\\r\\n]{1,3}IGNORE)?|REPLACE)"
	               "[ \\t\\r\\n]{1,3}INTO[ \\t\\r\\n]{1,8}[^\\s(;]{1,128}+[ \\t\\r\\n]{0,8}\\(");
	pat[at] = '\0';
	return pat;
}

/* Lower-cases ASCII and folds '-' and ' ' into '_'. */
static size_t normalise(const char *in, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < cap; i++) {
		char c = in[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (c == '-' || c == ' ')
			c = '_';
		out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

/* Whether name holds only ASCII and characters without case (CJK ideographs
 * and punctuation): then a key it matches has its length in bytes, but
 * for ſ and the Kelvin sign matching s and k. */
static bool caseless_exact(const char *name)
{
	const uint8_t *c = (const uint8_t *)name;
	while (*c) {
		if (*c < 0x80) {
			c++;
			continue;
		}
		if ((c[0] & 0xF0) != 0xE0 || (c[1] & 0xC0) != 0x80 || (c[2] & 0xC0) != 0x80)
			return false;
		unsigned cp = (unsigned)(c[0] & 0x0F) << 12 | (unsigned)(c[1] & 0x3F) << 6 |
		              (c[2] & 0x3F);
		if (!(cp >= 0x3000 && cp <= 0x303F) && !(cp >= 0x3400 && cp <= 0x9FFF))
			return false;
		c += 3;
	}
	return true;
}

int redact_fields_new(redact_fields **out, const char *const *extra, size_t n, char *err,
                      size_t errlen)
{
	size_t ndefault = 0;
	while (redact_default_fields[ndefault])
		ndefault++;
	for (size_t i = 0; i < n; i++)
		if (!name_ok(extra[i], err, errlen))
			return -EINVAL;
	redact_fields *f = calloc(1, sizeof *f);
	if (!f)
		return -ENOMEM;
	f->exact_lengths = true;
	f->names = calloc(ndefault + n, sizeof *f->names);
	if (!f->names)
		goto nomem;
	for (size_t i = 0; i < ndefault + n; i++) {
		const char *src = i < ndefault ? redact_default_fields[i] : extra[i - ndefault];
		char buf[256];
		normalise(src, strlen(src), buf, sizeof buf);
		f->names[f->count] = strdup(buf);
		if (!caseless_exact(buf))
			f->exact_lengths = false;
		size_t blen = strlen(buf);
		if (blen && buf[blen - 1] >= '0' && buf[blen - 1] <= '9')
			f->digit_end = true;
		if (blen >= 1 && blen <= 64)
			f->lengths |= UINT64_C(1) << (blen - 1);
		if (blen > f->longest)
			f->longest = blen;
		if (!f->names[f->count])
			goto nomem;
		f->count++;
	}
	char *pat = build_pattern(f->names, f->count);
	if (!pat)
		goto nomem;
	int code;
	PCRE2_SIZE where;
	f->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	                        PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
	                                PCRE2_USE_OFFSET_LIMIT,
	                        &code, &where, NULL);
	free(pat);
	if (!f->code) {
		snprintf(err, errlen, "field names do not compile (error %d)", code);
		redact_fields_free(f);
		return -EINVAL;
	}
	f->jit = pcre2_jit_compile(f->code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD) == 0;
	*out = f;
	return 0;
nomem:
	redact_fields_free(f);
	return -ENOMEM;
}

void redact_fields_free(redact_fields *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->count; i++)
		free(f->names[i]);
	free(f->names);
	pcre2_code_free(f->code);
	free(f);
}

static bool plain_key_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

size_t redact_fields_meaning_start(const uint8_t *s, size_t sep)
{
	size_t q = sep, blanks = 0;
	while (q > 0 && blanks < 8 && (s[q - 1] == ' ' || s[q - 1] == '\t'))
		q--, blanks++;
	if (q == 0 || (s[q - 1] >= '0' && s[q - 1] <= '9'))
		return SIZE_MAX;
	if (s[q - 1] == '"') {
		/* "KEY": the opening quote within 64 characters */
		size_t k = q - 1, chars = 0;
		while (k > 0 && chars <= 64) {
			uint8_t c = s[k - 1];
			if (c == '"')
				break;
			if (c == '\\' || c == '\n')
				return SIZE_MAX;
			if (!redact_is_continuation(c))
				chars++;
			k--;
		}
		if (k == 0 || chars == 0 || chars > 64 || s[k - 1] != '"' || q - 1 == k)
			return SIZE_MAX;
		return redact_field_key_personal((const char *)s + k, q - 1 - k) ? k - 1 : SIZE_MAX;
	}
	if (blanks > 4)
		return SIZE_MAX;
	size_t k = q;
	while (k > 0 && q - k <= 64 && plain_key_char(s[k - 1]))
		k--;
	if (q - k > 64 || (k > 0 && plain_key_char(s[k - 1])))
		return SIZE_MAX;
	if (!((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'))
		return SIZE_MAX;
	return redact_field_key_personal((const char *)s + k, q - k) ? k : SIZE_MAX;
}

int redact_fields_callout(pcre2_callout_block *cb, void *data)
{
	(void)data;
	const char *which = (const char *)cb->callout_string;
	if (!which)
		return 0; /* not ours: a custom pattern's numbered callout */
	size_t from = cb->start_match, to = cb->current_position;
	if (strcmp(which, FIELD_CALLOUT_JSON) == 0)
		from++; /* after the opening quote */
	else if (strcmp(which, FIELD_CALLOUT_PLAIN) != 0)
		return 0;
	if (to <= from)
		return 1;
	/* 0 goes on with the match; 1 fails it here (the key was taken
	 * whole, possessively, so no shorter key is tried) */
	return redact_field_key_personal((const char *)cb->subject + from, to - from) ? 0 : 1;
}

bool redact_fields_match_header(const redact_fields *f, const char *cell, size_t len)
{
	char buf[256];
	/* Surrounding blanks are not part of a header's name. */
	while (len && (*cell == ' ' || *cell == '\t'))
		cell++, len--;
	while (len && (cell[len - 1] == ' ' || cell[len - 1] == '\t' || cell[len - 1] == '\r'))
		len--;
	size_t n = normalise(cell, len, buf, sizeof buf);
	for (size_t i = 0; i < f->count; i++) {
		const char *name = f->names[i];
		size_t nl = strlen(name);
		if (n == nl && memcmp(buf, name, n) == 0)
			return true;
		if (!is_ascii_name(name) && n > nl && memcmp(buf + n - nl, name, nl) == 0)
			return true;
	}
	/* a header that is a key by its meaning (receiver_name, holder) */
	return redact_field_key_personal(cell, len);
}

enum redact_format redact_format_for_name(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return REDACT_FORMAT_TEXT;
	if (strcasecmp(dot, ".csv") == 0)
		return REDACT_FORMAT_CSV;
	if (strcasecmp(dot, ".tsv") == 0 || strcasecmp(dot, ".tab") == 0)
		return REDACT_FORMAT_TSV;
	if (strcasecmp(dot, ".sql") == 0)
		return REDACT_FORMAT_SQL;
	static const char *const code_suffixes[] = {
		".py", ".pyi", ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx",
		".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".go", ".rs", ".java", ".kt",
		".kts", ".scala", ".swift", ".cs", ".rb", ".php", ".pl", ".pm", ".lua", ".sh",
		".bash", ".zsh", ".r", ".m", ".mm", ".dart", ".groovy", ".vue", ".ex", ".exs",
	};
	for (size_t i = 0; i < sizeof code_suffixes / sizeof code_suffixes[0]; i++)
		if (strcasecmp(dot, code_suffixes[i]) == 0)
			return REDACT_FORMAT_CODE;
	return REDACT_FORMAT_TEXT;
}

enum redact_format redact_format_for_head(enum redact_format format, const uint8_t *head,
                                          size_t len)
{
	if (format == REDACT_FORMAT_TEXT && len >= 2 && head[0] == '#' && head[1] == '!')
		return REDACT_FORMAT_CODE;
	return format;
}
