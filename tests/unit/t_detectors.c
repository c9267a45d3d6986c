/*
 * t_detectors.c — each built-in detector on positives and hard negatives.
 *
 * Every expected string is written out by hand: the value's characters
 * replaced by '*' (ASCII) or '＊' (a 3-byte character), the rest untouched.
 * The numbers are invented; their check digits were computed independently
 * of the engine (Luhn, ISO 7064 MOD 11-2) when the cases were written.
 */
#include "bytebuf.h"
#include "examples.h"
#include "redact_i.h" /* redact_label: a second pattern labels as its first */

/* True when every character of s is masked: '*' or '＊'. */
static bool all_masked(const char *s)
{
	while (*s) {
		if (*s == '*')
			s++;
		else if (strncmp(s, "＊", 3) == 0)
			s += 3;
		else
			return false;
	}
	return true;
}

/* Examples that the per-file tables (t_detect_*.c) do not already hold. */
static const struct example examples[] = {
	/* email */
	{"email", "a@b", "a@b"},
	/* phone: Chinese mobiles */
	{"phone", "138-1234-5678", "*************"},
	{"phone", "0086-15912345678", "****************"},
	/* phone: landlines and international */
	{"phone", "0571-8888888 ext", "************ ext"},
	{"phone", "UK +44 20 7946 0958", "UK ****************"},
	{"phone", "US +1 415-555-2671 office", "US *************** office"},
	/* phone: hard negatives */
	{"phone", "ts=1700000000123", "ts=1700000000123"},
	{"phone", "1381234567", "1381234567"},
	{"phone", "12812345678", "12812345678"},
	/* cn_id */
	{"cn_id", "身份证号110101199003071233", "身份证号******************"},
	{"cn_id", "id 11010519491231002X,", "id ******************,"},
	{"cn_id", "id 11010519491231002x", "id ******************"},
	{"cn_id", "旧证110101900307123号", "旧证***************号"},
	/* cn_id hard negatives: wrong check digit, bad date, bad region, too long */
	{"cn_id", "110101199003071234", "110101199003071234"},
	{"cn_id", "110101199002301235", "110101199002301235"},
	{"cn_id", "1101011990030712331", "1101011990030712331"},
	{"cn_id", "order 202310150000123456", "order 202310150000123456"},
	/* bank_card */
	{"bank_card", "card 6222 0212 3456 7894 exp", "card ******************* exp"},
	{"bank_card", "visa 4012-8888-8888-1881", "visa *******************"},
	{"bank_card", "amex 3782 822463 10005", "amex *****************"},
	/* full-width letters and digits are found like ASCII and masked as
	 * written: every full-width character becomes ＊ */
	{"email", "邮箱ｂｏｂ＠ｅｘａｍｐｌｅ．ｏｒｇ。",
	 "邮箱＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊。"},
	{"email", "mail ａｌｉｃｅ@example.com", "mail ＊＊＊＊＊************"},
	{"hk_id", "ＨＫＩＤ Ａ１２３４５６（３）", "ＨＫＩＤ ＊＊＊＊＊＊＊＊＊＊"},
	{"tw_id", "Ｆ２２２３３３４４４", "＊＊＊＊＊＊＊＊＊＊"},
	{"cn_passport", "护照号码：Ｅ１２３４５６７８", "护照号码：＊＊＊＊＊＊＊＊＊"},
	{"ipv4", "ＩＰ：１９２．１６８．１．２", "ＩＰ：＊＊＊＊＊＊＊＊＊＊＊"},
	/* CJK punctuation is not folded: ，stays a comma of the text */
	{"phone", "电话１３８１２３４５６７８，谢谢", "电话＊＊＊＊＊＊＊＊＊＊＊，谢谢"},
	/* all detectors together; a CJK name inside a custom span is tested
	 * in t_stream.c */
	{NULL, "Alice <alice@example.com>, 13812345678, 10.1.2.3",
	 "Alice <*****************>, ***********, ********"},
	{NULL, "invalid \xff\xfe utf8 13812345678 \xe4", "invalid \xff\xfe utf8 *********** \xe4"},
};

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat = test_catalog(NULL);
	run_examples(&t, cat, examples, sizeof examples / sizeof examples[0]);

	/* Every built-in's advertised example is masked by itself: whole, or
	 * as the detector's table says for cue-based ones. */
	for (size_t i = 0; i < redact_catalog_size(cat); i++) {
		const char *ex = redact_detector_example(cat, i);
		const char *want = redact_detector_example_masked(cat, i);
		/* a second pattern (name_prose) runs when its first is enabled */
		const char *enable = redact_detector_part_of(cat, i);
		char *got = redact_with(cat, enable ? enable : redact_detector_name(cat, i), ex);
		bool masked = got && strlen(got) == strlen(ex) &&
		              (want ? strcmp(got, want) == 0 && strcmp(got, ex) != 0
		                    : all_masked(got));
		tap_ok(&t, masked, "example of %s is masked", redact_detector_name(cat, i));
		if (!masked)
			printf("#   got:  %s\n", got ? got : "(error)");
		free(got);
	}

	/* A second pattern of a built-in (name_prose of name): a policy cannot
	 * name it; it runs, acts and labels as its first. */
	int name = redact_catalog_lookup(cat, "name"), prose = -1;
	for (size_t i = 0; i < redact_catalog_size(cat); i++)
		if (strcmp(redact_detector_name(cat, i), "name_prose") == 0)
			prose = (int)i;
	tap_ok(&t, name >= 0 && prose >= 0 && redact_catalog_lookup(cat, "name_prose") < 0,
	       "name_prose is in the catalog, but no policy can name it");
	tap_ok(&t, prose >= 0 && redact_detector_part_of(cat, (size_t)prose) &&
	               strcmp(redact_detector_part_of(cat, (size_t)prose), "name") == 0 &&
	               !redact_detector_part_of(cat, (size_t)name),
	       "name_prose is part of name; name is part of nothing");
	if (name >= 0 && prose >= 0) {
		redact_profile p;
		redact_profile_init(&p, cat);
		redact_profile_enable(&p, (size_t)name);
		p.detector_action[name] = REDACT_ACTION_REPLACE + 1;
		tap_ok(&t, redact_profile_enabled(&p, (size_t)prose) &&
		               redact_profile_action(&p, (size_t)prose) == REDACT_ACTION_REPLACE,
		       "enabling name enables name_prose, and its action is name's");
		char buf[32];
		const char *label = redact_label(&p, (size_t)prose, buf, sizeof buf);
		tap_ok(&t, strcmp(label, "[NAME]") == 0, "name_prose's label is [NAME]: %s", label);
		char err0[REDACT_ERRLEN];
		tap_ok(&t, redact_catalog_add(cat, "name_prose", "x[0-9]", NULL, NULL, err0,
		                              sizeof err0) < 0,
		       "a custom detector cannot take name_prose's name");
	}

	/* A custom detector, and a capture group, and a multi-byte mask. */
	char err[REDACT_ERRLEN];
	int emp = redact_catalog_add(cat, "employee_id", "EMP-[0-9]{6}", NULL, NULL, err, sizeof err);
	tap_ok(&t, emp >= 0, "custom detector added");
	char *got = redact_with(cat, "employee_id", "by EMP-123456.");
	tap_ok(&t, got && strcmp(got, "by **********.") == 0, "custom detector masks");
	free(got);
	int nm = redact_catalog_add(cat, "cn_name", "姓名[:：](?<v>\\p{Han}{2,4})", "v", NULL, err,
	                            sizeof err);
	tap_ok(&t, nm >= 0, "custom detector with a named group added");
	got = redact_with(cat, "cn_name", "姓名：张三丰，男");
	tap_ok(&t, got && strcmp(got, "姓名：＊＊＊，男") == 0, "3-byte characters become ＊");
	free(got);

	/* Bad custom patterns are refused with a message. */
	struct {
		const char *name, *pattern, *group, *why;
	} bad[] = {
		{"x1", "EMP-[0-9", NULL, "missing terminating ]"},
		{"x2", "a*", NULL, "empty string"},
		{"email", "foo", NULL, "built-in"},
		{"employee_id", "foo", NULL, "defined twice"},
		{"Bad-Name", "foo", NULL, "must be"},
		{"x3", "(a)b", "2", "does not exist"},
		{"x4", "(a)b", "nope", "no group named"},
		{"x5", "password=\\K[a-z]{4}", NULL, "\\K is not supported"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		int rc = redact_catalog_add(cat, bad[i].name, bad[i].pattern, bad[i].group, NULL, err,
		                            sizeof err);
		tap_ok(&t, rc < 0 && strstr(err, bad[i].why), "refused %s /%s/: %s", bad[i].name,
		       bad[i].pattern, err);
	}
	redact_catalog_free(cat);
	return tap_done(&t);
}
