/*
 * t_detect_health.c — the health detector on issue 13's shapes: diagnosis
 * lists, weak headings (结论, Assessment), patients speaking, the whole
 * condition with its qualifiers; and hard negatives (disease words outside
 * a diagnosis context, figures of speech, lists under other headings).
 *
 * Every expected string is written by hand: the value's characters
 * replaced by '*' (one per byte of an ASCII or 2-byte character) or '＊'
 * (a 3-byte character), the rest untouched. All data invented; the terms
 * are chosen to differ from the corpus generator's where they can.
 */
#include "examples.h"


static const struct example examples[] = {
	/* a numbered list under a diagnosis heading: each item, numbers kept */
	{"health", "出院诊断：1. 高血压病2级 2. 2型糖尿病", "出院诊断：1. ＊＊＊＊*＊ 2. *＊＊＊＊"},
	{"health", "入院诊断：\n（1）慢性胃炎\n（2）痛风\n（3）左肺鳞癌",
	 "入院诊断：\n（1）＊＊＊＊\n（2）＊＊\n（3）＊＊＊＊"},
	{"health", "初步诊断：1、支气管哮喘；2、过敏性鼻炎；3、湿疹",
	 "初步诊断：1、＊＊＊＊＊；2、＊＊＊＊＊；3、＊＊"},
	{"health", "既往史：\n1. 乙型病毒性肝炎\n2. 肝硬化代偿期", "既往史：\n1. ＊＊＊＊＊＊＊\n2. ＊＊＊＊＊＊"},
	{"health", "Diagnoses:\n1. Hypertension\n2) Gout\n- Major depressive disorder, recurrent",
	 "Diagnoses:\n1. ************\n2) ****\n- ************************************"},
	{"health", "Discharge diagnosis: 1. Acute pancreatitis 2. Type 1 diabetes mellitus",
	 "Discharge diagnosis: 1. ****************** 2. ************************"},
	/* the whole condition, with its grade, stage or risk */
	{"health", "诊断：高血压病3级（极高危）", "诊断：＊＊＊＊*＊＊＊＊＊＊"},
	{"health", "Diagnosis: stage 3 chronic kidney disease", "Diagnosis: ******************************"},
	{"health", "PMH: type 2 diabetes mellitus", "PMH: ************************"},
	/* weak headings: only what is a condition */
	{"health", "结论：慢性浅表性胃炎，建议复查。", "结论：＊＊＊＊＊＊＊，建议复查。"},
	{"health", "印象：右肺占位，考虑肺腺癌", "印象：右肺占位，考虑＊＊＊"},
	{"health", "Assessment:\n- Atrial fibrillation\n- Heart failure with preserved ejection fraction",
	 "Assessment:\n- *******************\n- **********************************************"},
	{"health", "Impression: Crohn's disease", "Impression: ***************"},
	/* a patient speaking, and prose cues */
	{"health", "我有高血压，去年又查出了糖尿病。", "我有＊＊＊，去年又查出了＊＊＊。"},
	{"health", "我得了带状疱疹，疼得睡不着", "我得了＊＊＊＊，疼得睡不着"},
	{"health", "我妈查出乳腺癌了", "我妈查出＊＊＊了"},
	{"health", "最近偏头痛又犯了", "最近＊＊＊又犯了"},
	{"health", "I have asthma and eczema.", "I have *****************."},
	{"health", "I've got psoriasis since last summer", "I've got ********* since last summer"},
	{"health", "Known case of hypothyroidism, on levothyroxine.",
	 "Known case of **************, on levothyroxine."},
	{"health", "She is living with multiple sclerosis.", "She is living with ******************."},
	{"health", "Diagnosed  with  atrial fibrillation  last  year.",
	 "Diagnosed  with  *******************  last  year."},
	{"health", "history of cirrhosis of the liver and gout.", "history of *******************************."},
	{"health", "Problem list: obesity; sleep apnea", "Problem list: ********************"},
	{"health", "I suffer from chronic migraines.", "I suffer from *****************."},
	{"health", "我的诊断结果是肺结核", "我的诊断结果是＊＊＊"},
	{"health", "Assessment and plan:\n1. Essential hypertension - continue lisinopril",
	 "Assessment and plan:\n1. ********************** - continue lisinopril"},
	/* hard negatives: disease words without a diagnosis context */
	{"health", "本周天气炎热，注意防暑。", "本周天气炎热，注意防暑。"},
	{"health", "这段代码有毛病，跑不起来。", "这段代码有毛病，跑不起来。"},
	{"health", "我有毛病才信他", "我有毛病才信他"},
	{"health", "心病还须心药医", "心病还须心药医"},
	{"health", "病毒式营销让品牌爆火", "病毒式营销让品牌爆火"},
	{"health", "拖延是团队的癌症", "拖延是团队的癌症"},
	{"health", "他得了第一名", "他得了第一名"},
	{"health", "结论：项目按期完成。", "结论：项目按期完成。"},
	{"health", "检查结论：未见异常", "检查结论：未见异常"},
	{"health", "Cancer research funding rose this year.", "Cancer research funding rose this year."},
	{"health", "The history of cancer research is long.", "The history of cancer research is long."},
	{"health", "a history of economic depression in the region",
	 "a history of economic depression in the region"},
	{"health", "Run the antivirus scan; the virus was removed.",
	 "Run the antivirus scan; the virus was removed."},
	{"health", "I have a meeting at noon.", "I have a meeting at noon."},
	{"health", "We are living with our parents.", "We are living with our parents."},
	{"health", "The known issue is fixed.", "The known issue is fixed."},
	{"health", "Risk assessment: low", "Risk assessment: low"},
	{"health", "Impression: the client liked it.", "Impression: the client liked it."},
	/* lists under other headings, or cut off from their heading */
	{"health", "Shopping list:\n1. Milk\n- eggs", "Shopping list:\n1. Milk\n- eggs"},
	{"health", "Known problems:\n1. The app crashes on asthma.json",
	 "Known problems:\n1. The app crashes on asthma.json"},
	{"health", "Topics:\n1. Diabetes\n2. Hypertension", "Topics:\n1. Diabetes\n2. Hypertension"},
	{"health", "Diagnosis:\n\n1. see attached", "Diagnosis:\n\n1. see attached"},
	{"health", "诊断：\n他说：\n1. 高血压", "诊断：\n他说：\n1. 高血压"},
	{"health", "步骤：1、打开冰箱；2、放入大象", "步骤：1、打开冰箱；2、放入大象"},
	{"health", "故障诊断：\n1. 电源模块损坏\n2. 主板烧毁", "故障诊断：\n1. 电源模块损坏\n2. 主板烧毁"},
};

int main(void)
{
	return examples_main(examples, sizeof examples / sizeof examples[0]);
}
