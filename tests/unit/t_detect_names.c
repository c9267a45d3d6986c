/*
 * t_detect_names.c — names in prose without a cue of their own (the
 * name_prose detector and its gazetteers, issue 13): positives beside a
 * greeting, a sign-off, a self-introduction, a role, a verb of legal or
 * news prose, a list, a git trailer, a copyright line, and hard negatives
 * (a capitalised word alone, a surname alone, places, months, companies,
 * Chinese words that start with a family name).
 *
 * Expected strings are written by hand: '*' per byte of an ASCII
 * character, '＊' per 3-byte character. All names invented or from public
 * name lists, paired with no real person's data.
 */
#include "examples.h"
#include "name_gazetteer.h"

#define N "name" /* name_prose runs as part of name */

static const struct example examples[] = {
	/* greetings and sign-offs */
	{N, "Hi Zhang Wei, thanks", "Hi *********, thanks"},
	{N, "Hello Mary Jones!", "Hello **********!"},
	{N, "Good morning  Haoran Luo,", "Good morning  **********,"},
	{N, "Kind regards, Lucy Smith", "Kind regards, **********"},
	{N, "Sincerely yours,\n\nPeter Walsh\nAccount Manager", "Sincerely yours,\n\n***********\nAccount Manager"},
	{N, "郭凯曦您好，您的快递", "＊＊＊您好，您的快递"},
	{N, "早上好宋昊，今天", "早上好＊＊，今天"},
	/* self-introductions */
	{N, "I'm Natalie L. Davis, the new contractor", "I'm ****************, the new contractor"},
	{N, "My name is Zhou Xin and I", "My name is ******** and I"},
	{N, "我叫罗诗红，想咨询", "我叫＊＊＊，想咨询"},
	{N, "我是陶菲坤的家属。", "我是＊＊＊的家属。"},
	/* roles and legal or news prose */
	{N, "The defendant, Zheng Lina, pleaded", "The defendant, **********, pleaded"},
	{N, "Account holder YAO Yu reported", "Account holder ****** reported"},
	{N, "A jury convicted Bryan Collins of fraud.", "A jury convicted ************* of fraud."},
	{N, "Mark Olsen was sentenced to four years.", "********** was sentenced to four years."},
	{N, "Police said Jiahui Zeng had been released", "Police said *********** had been released"},
	{N, "用户廖玲桐反馈订单未到。", "用户＊＊＊反馈订单未到。"},
	{N, "公诉机关指控汪梅娜犯诈骗罪", "公诉机关指控＊＊＊犯诈骗罪"},
	{N, "石秀以每条0.5元的价格", "＊＊以每条0.5元的价格"},
	/* lists */
	{N, "Present: Holly Mason and Caroline Hall signed.",
	 "Present: *********** and ************* signed."},
	{N, "Present: Vanessa Lewis, Jacob Gallagher and Ivy Novak-Morgan.",
	 "Present: *************, *************** and ****************."},
	{N, "Attendees: MA Guohua; Bo Han; Haoran Hu\n", "Attendees: *********; ******; *********\n"},
	{N, "Regards, Cao Kai\nDaniel Wright, William Davis, and Melissa Young\n",
	 "Regards, *******\n*************, *************, and *************\n"},
	{N, "Cc'd Daisy Jones & Jacob Wilson\n", "Cc'd *********** & ************\n"},
	{N, "Thanks to Yan Li and Gao Ya for the review", "Thanks to ****** and ****** for the review"},
	{N, "Present: 冯颖哲, 郭飞宸 and Melissa Howard.", "Present: ＊＊＊, ＊＊＊ and **************."},
	/* letterheads and addressees */
	{N, "Thomas E. Howard\n1356 Rue Sainte-Catherine,\nHalifax",
	 "****************\n1356 Rue Sainte-Catherine,\nHalifax"},
	{N, "\nPoppy Rossi\nFlat 4C,\n", "\n***********\nFlat 4C,\n"},
	{N, "\nWilliam Khan\nLindenstraße 137a,\n", "\n************\nLindenstraße 137a,\n"},
	{N, "\nJia Ren\nMolenweg 67 bis,\n", "\n*******\nMolenweg 67 bis,\n"},
	{N, "Deliver to: Hannah B. Mitchell, 16 Oak Avenue", "Deliver to: ******************, 16 Oak Avenue"},
	{N, "Ship to Zhou Xin please", "Ship to ******** please"},
	{N, "Attn Mary Jones, Accounts", "Attn **********, Accounts"},
	{N, "\n\nMegan Murray-Gallagher,\n\nFollowing up", "\n\n**********************,\n\nFollowing up"},
	/* cue-less roles and introductions */
	{N, "Customer Natalie Walker asked for a refund", "Customer ************** asked for a refund"},
	{N, "This is Natalie L. Davis from accounts", "This is **************** from accounts"},
	{N, "This  is  Isla Rose  from accounts", "This  is  *********  from accounts"},
	/* a byline of several authors (name's byline rule) */
	{N, "By Jane Doe and others", "By ******** and others"},
	{N, "孙楠、胡奕和林琪璐负责本次活动。", "＊＊、＊＊和＊＊＊负责本次活动。"},
	/* chats, git trailers, copyright lines */
	{N, "[10:42] Ava Rose: pushed the fix", "[10:42] ********: pushed the fix"},
	{N, "孟铭：不了", "＊＊：不了"},
	{N, "    Acked-by: Lucas Green <lg@example.com>", "    Acked-by: *********** <lg@example.com>"},
	{N, "    Reviewed-by: 任建 <r@example.org>", "    Reviewed-by: ＊＊ <r@example.org>"},
	{N, "# Copyright (c) 2023 Yang Dong <y@example.org>", "# Copyright (c) 2023 ********* <y@example.org>"},
	{N, "(C) 2018, 2021 谢磊峰", "(C) 2018, 2021 ＊＊＊"},
	/* hard negatives: no person meant, or no name */
	{N, "Regards, Acme Corp", "Regards, Acme Corp"},
	{N, "Hi all,", "Hi all,"},
	{N, "Hi Operations,", "Hi Operations,"},
	{N, "Thanks, Team!", "Thanks, Team!"},
	{N, "See you in May 2024.", "See you in May 2024."},
	{N, "We hiked along the Jordan River was lovely", "We hiked along the Jordan River was lovely"},
	{N, "Customer bought a Pixel Buds.", "Customer bought a Pixel Buds."},
	{N, "This is Contoso Ltd calling", "This is Contoso Ltd calling"},
	{N, "Copyright (c) 2019 Example Holdings and contributors",
	 "Copyright (c) 2019 Example Holdings and contributors"},
	{N, "Best wishes from Boston", "Best wishes from Boston"},
	{N, "Dear January newsletter readers", "Dear January newsletter readers"},
	{N, "我们很高兴，谢谢", "我们很高兴，谢谢"},
	{N, "（王国）\n", "（王国）\n"},
	{N, "\n常常，他说", "\n常常，他说"},
	{N, "\n周末，去公园", "\n周末，去公园"},
	{N, "用户说马上不错。", "用户说马上不错。"},
	{N, "请石头处理。", "请石头处理。"},
	{N, "\n钱包的事情明天说", "\n钱包的事情明天说"},
	{N, "王", "王"},
	/* a place or a group after Dear (name's Dear rule) */
	{N, "Dear Paris office,", "Dear Paris office,"},
	/* weak contexts (a signature line, the words after Dear without a
	 * title): the words must read as a name by the lists */
	{N, "Regards,\nInitech\n", "Regards,\nInitech\n"},
	{N, "Kind regards,\nFinance Department\n", "Kind regards,\nFinance Department\n"},
	{N, "Dear Engineering,\nplease review", "Dear Engineering,\nplease review"},
	{N, "Regards,\nJohn\n", "Regards,\n****\n"},
	{N, "Best,\nMaria Lopez\n", "Best,\n***********\n"},
	{N, "Dear Mr. Okonkwo,", "Dear Mr. *******,"},
	{N, "Dear Alice,", "Dear *****,"},
	{N, "Hi London team, Dear Berlin staff", "Hi London team, Dear Berlin staff"},
	{N, "Dear Golden Gate office,\nHi Silver Lake team,", "Dear Golden Gate office,\nHi Silver Lake team,"},
	/* a line of business or a product after a cue: no person */
	{N, "Copyright 2010-2016 Margie Travel. All rights reserved.",
	 "Copyright 2010-2016 Margie Travel. All rights reserved."},
	{N, "Thanks to Fourth Coffee for the support.", "Thanks to Fourth Coffee for the support."},
	{N, "Present: Mac Mini and chargers.", "Present: Mac Mini and chargers."},
	{N, "Thanks to Tom Coffee for the support.", "Thanks to ********** for the support."},
	/* a capitalised line above a street is no name unless it is one */
	{N, "Accounts Department\n12 High Street\n", "Accounts Department\n12 High Street\n"},
	{N, "Release Notes\n2 New Features\n", "Release Notes\n2 New Features\n"},
	{N, "Customer Service Team\nFlat 4, Mill Lane\n", "Customer Service Team\nFlat 4, Mill Lane\n"},
	{N, "Deliver to: Main Office, 12 Oak Road", "Deliver to: Main Office, 12 Oak Road"},
	/* a list of places or products, no names */
	{N, "We fly to London, New York and Hong Kong.\n", "We fly to London, New York and Hong Kong.\n"},
	{N, "We visited New York, Los Angeles and San Francisco.\n",
	 "We visited New York, Los Angeles and San Francisco.\n"},
	{N, "Topics: Machine Learning, Data Science and Cloud Computing.\n",
	 "Topics: Machine Learning, Data Science and Cloud Computing.\n"},
	{N, "Table Of Contents\n1 Introduction\n", "Table Of Contents\n1 Introduction\n"},
	{N, "Teams, Google Meet and Microsoft Teams work.\n",
	 "Teams, Google Meet and Microsoft Teams work.\n"},
	{N, "Present: Sales Team, Support Desk and Operations.\n",
	 "Present: Sales Team, Support Desk and Operations.\n"},
	{N, "This is a test of Model Y.\n", "This is a test of Model Y.\n"},
	{N, "Customer Support Portal\n", "Customer Support Portal\n"},
	{N, "\nBest Practices,\n\nSee below\n", "\nBest Practices,\n\nSee below\n"},
	/* a line of capitalised words at the input's end: no letterhead yet */
	{N, "See the notes.\nBest Practices\n", "See the notes.\nBest Practices\n"},
	{N, "See the notes.\nJane Doe\n", "See the notes.\nJane Doe\n"},
};

/* The gazetteers themselves. */
static void test_gazetteers(struct tap *t)
{
	tap_ok(t, redact_name_is_first_en("Mary", 4), "Mary is a given name");
	tap_ok(t, redact_name_is_last_en("Johnson", 7), "Johnson is a family name");
	tap_ok(t, !redact_name_is_last_en("Xqzz", 4), "Xqzz is no family name");
	tap_ok(t, redact_name_is_pinyin_surname("ZHANG", 5), "ZHANG is a pinyin family name");
	tap_ok(t, redact_name_is_pinyin_surname("ouyang", 6), "ouyang (欧阳) is a pinyin family name");
	tap_ok(t, redact_name_is_pinyin_given("Xiaolong", 8), "Xiaolong splits into pinyin");
	tap_ok(t, !redact_name_is_pinyin_given("Office", 6), "Office does not split into pinyin");
	const char *yes[] = {"Zhang San", "Zhang Wei", "Haoran Luo", "YAO Yu", "Mary O'Brien", "Isla Rose",
	                     "Ivy Novak-Morgan", "Lily J. Visser"};
	const char *no[] = {"Jordan River", "Paris Office", "Acme Corp", "May Day", "Pixel Buds",
	                    "Model Y", "Office Suite", "New York", "Monday Morning", "Hong Kong", "Los Angeles",
	                    "San Francisco"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		tap_ok(t, redact_name_prose_valid((const uint8_t *)yes[i], strlen(yes[i])), "%s is a name", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		tap_ok(t, !redact_name_prose_valid((const uint8_t *)no[i], strlen(no[i])), "%s is no name", no[i]);
}

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat;
	if (redact_catalog_new(&cat) < 0) {
		printf("Bail out! catalog\n");
		return 1;
	}
	test_gazetteers(&t);
	run_examples(&t, cat, examples, sizeof examples / sizeof examples[0]);
	redact_catalog_free(cat);
	return tap_done(&t);
}
