/*
 * t_detect_people.c — the people detectors (dob, name, health) on positives and hard negatives.
 *
 * Every expected string is written by hand: the value's characters
 * replaced by '*' (one per byte of an ASCII or 2-byte character) or '＊'
 * (a 3-byte character), the rest untouched. Cue-based detectors mask the
 * value only: the cue stays readable. All data invented.
 */
#include "examples.h"

static const struct example examples[] = {
	/* name: greetings and signatures that are no person (issue 13) */
	{"name", "Dear Operations,\nhello", "Dear Operations,\nhello"},
	{"name", "Dear Support Team,", "Dear Support Team,"},
	{"name", "Dear January newsletter readers", "Dear January newsletter readers"},
	{"name", "Regards,\nNorthwind Traders\n", "Regards,\nNorthwind Traders\n"},
	{"name", "Regards,\nFabrikam Inc\n", "Regards,\nFabrikam Inc\n"},
	{"name", "Dear May Chen,", "Dear ********,"},
	{"name", "Regards,\nJane Doe\n", "Regards,\n********\n"},
	/* dob: the date after a birth cue */
	{"dob", "出生日期：1990年3月7日", "出生日期：****＊*＊*＊"},
	{"dob", "DOB: 1990-03-07", "DOB: **********"},
	{"dob", "生于1990/3/7，", "生于********，"},
	{"dob", "Date of birth: 07/03/1990.", "Date of birth: **********."},
	{"dob", "born on March 7, 1990 in", "born on ************* in"},
	{"dob", "Born 7 March 1990", "Born ************"},
	{"dob", "生日 19900307", "生日 ********"},
	{"dob", "出生年月：1990年3月", "出生年月：****＊*＊"},
	{"dob", "出生日期１９９０年３月７日", "出生日期＊＊＊＊＊＊＊＊＊"},
	{"dob", "D.O.B. 12/31/1985", "D.O.B. **********"},
	{"dob", "张三，1985年出生于1985.12.31", "张三，1985年出生于**********"},
	{"dob", "birthday=2001-02-28&x=1", "birthday=**********&x=1"},
	/* dob: the date before its cue */
	{"dob", "男，1985年3月7日出生，汉族", "男，****＊*＊*＊出生，汉族"},
	{"dob", "1985年3月7日生，", "****＊*＊*＊生，"},
	{"dob", "1990-03-07出生", "**********出生"},
	{"dob", "1985年12月出生", "****＊**＊出生"},
	/* dob: hard negatives */
	{"dob", "created 2023-10-15", "created 2023-10-15"},
	{"dob", "合同签订于2023年5月1日", "合同签订于2023年5月1日"},
	{"dob", "出生日期：1990-02-30", "出生日期：1990-02-30"},
	{"dob", "DOB: 2023-13-01", "DOB: 2023-13-01"},
	{"dob", "生日快乐！2023-10-15见", "生日快乐！2023-10-15见"},
	{"dob", "dobby 1990-03-07", "dobby 1990-03-07"},
	{"dob", "born 19901307", "born 19901307"},
	/* name: Chinese after a cue */
	{"name", "姓名：张伟，男", "姓名：＊＊，男"},
	{"name", "原告：陈爱丽，女", "原告：＊＊＊，女"},
	{"name", "被告王博，男", "被告＊＊，男"},
	{"name", "被告王博称", "被告＊＊称"},
	{"name", "姓名：于伟", "姓名：＊＊"},
	{"name", "患者欧阳娜娜入院", "患者＊＊＊＊入院"},
	{"name", "联系人 李明 电话", "联系人 ＊＊ 电话"},
	{"name", "收件人：司马相如；", "收件人：＊＊＊＊；"},
	{"name", "法定代表人：刘强", "法定代表人：＊＊"},
	/* name: more cues, titles, bylines, signatures */
	{"name", "审判员　丁雅婷\n", "审判员　＊＊＊\n"},
	{"name", "书记员 毛凯", "书记员 ＊＊"},
	{"name", "记者 冯刚 报道", "记者 ＊＊ 报道"},
	{"name", "原告石敏与被告金宇民间借贷纠纷", "原告＊＊与被告＊＊民间借贷纠纷"},
	{"name", "医师：蔡浩然", "医师：＊＊＊"},
	{"name", "我叫刘伟，", "我叫＊＊，"},
	{"name", "的市民高艳向本报反映", "的市民＊＊向本报反映"},
	{"name", "此致\n敬礼\n侯军\n2023年3月8日", "此致\n敬礼\n＊＊\n2023年3月8日"},
	/* name: Chinese before an honorific */
	{"name", "请张先生来", "请＊先生来"},
	{"name", "王小明老师好", "＊＊＊老师好"},
	{"name", "致高女士", "致＊女士"},
	{"name", "和李明医生一起", "和＊＊医生一起"},
	/* name: English */
	{"name", "Name: Mary O'Brien", "Name: ************"},
	{"name", "Dear Mr. McDonald,", "Dear Mr. ********,"},
	{"name", "Patient: John Smith-Jones.", "Patient: ****************."},
	{"name", "Attn: Li Wei", "Attn: ******"},
	{"name", "\"name\": \"Alice Chen\"", "\"name\": \"**********\""},
	{"name", "Full name: Anna Maria Lopez", "Full name: ****************"},
	{"name", "Name: 张伟", "Name: ＊＊"},
	{"name", "Plaintiff: Nancy Carter, residing", "Plaintiff: ************, residing"},
	{"name", "Judge: Emily Clark\n", "Judge: ***********\n"},
	{"name", "By Chloe Dubois\nPolice said", "By ************\nPolice said"},
	{"name", "Sincerely,\nJohn Smith\n", "Sincerely,\n**********\n"},
	{"name", "Best regards,\n\nAnna Lee", "Best regards,\n\n********"},
	{"name", "-- \nGeorge Lopez\n", "-- \n************\n"},
	{"name", "my name is Carol White, I", "my name is ***********, I"},
	{"name", "From: \"George Lopez\" <g.lopez@example.com>",
	 "From: \"************\" <g.lopez@example.com>"},
	{"name", "To: 魏海燕 <wei@example.org>", "To: ＊＊＊ <wei@example.org>"},
	{"name", "Cc: Ann Lee <a@example.com>, Bob Stone <b@example.com>",
	 "Cc: ******* <a@example.com>, ********* <b@example.com>"},
	/* name: hard negatives */
	{"name", "被告认为", "被告认为"},
	{"name", "Name: the file name", "Name: the file name"},
	{"name", "file name: Report", "file name: Report"},
	{"name", "Dear Sir or Madam", "Dear Sir or Madam"},
	{"name", "历史老师", "历史老师"},
	{"name", "各位老师", "各位老师"},
	{"name", "患者于昨日入院", "患者于昨日入院"},
	{"name", "患者高热三天", "患者高热三天"},
	{"name", "收货人信息", "收货人信息"},
	{"name", "被告公司", "被告公司"},
	{"name", "By default\nthe", "By default\nthe"},
	{"name", "Stand By Me Tonight\n", "Stand By Me Tonight\n"},
	{"name", "By The Way\n", "By The Way\n"},
	{"name", "市民周末出行", "市民周末出行"},
	{"name", "被告向原告借款", "被告向原告借款"},
	{"name", "原告高度重视", "原告高度重视"},
	{"name", "记者从市公安局获悉", "记者从市公安局获悉"},
	{"name", "审判员认为", "审判员认为"},
	{"name", "Thanks,\nthe team", "Thanks,\nthe team"},
	{"name", "From: <noreply@example.com>", "From: <noreply@example.com>"},
	{"name", "Judge: pending", "Judge: pending"},
	{"name", "此致\n敬礼！\n\n2023年3月8日", "此致\n敬礼！\n\n2023年3月8日"},
	/* health */
	{"health", "诊断：2型糖尿病。", "诊断：*＊＊＊＊。"},
	{"health", "既往史：高血压10年；", "既往史：＊＊＊**＊；"},
	{"health", "患者患有抑郁症，需随访。", "患者患有＊＊＊＊＊＊＊。"},
	{"health", "过敏史: 青霉素", "过敏史: ＊＊＊"},
	{"health", "Diagnosis: Type 2 diabetes.", "Diagnosis: ***************."},
	{"health", "diagnosed with hepatitis B; follow", "diagnosed with ***********; follow"},
	{"health", "history of HIV-positive status", "history of ************ status"},
	{"health", "Allergies: penicillin\n", "Allergies: **********\n"},
	{"health", "主诉：头痛3天", "主诉：＊＊*＊"},
	{"health", "\"diagnosis\": \"asthma\", \"x\": 1", "\"diagnosis\": \"******\", \"x\": 1"},
	{"health", "确诊为肺结核", "确诊为＊＊＊"},
	/* health: the value stops before a date */
	{"health", "diagnosed with gout in 2022-12-11. Records", "diagnosed with **** in 2022-12-11. Records"},
	{"health", "diagnosed with type 2 diabetes in November 20, 2024.",
	 "diagnosed with *************** in November 20, 2024."},
	{"health", "diagnosed with asthma on 03/04/2021", "diagnosed with ****** on 03/04/2021"},
	{"health", "Diagnosis: migraine since 2019-01-02", "Diagnosis: ******** since 2019-01-02"},
	{"health", "既往史：糖尿病2019年确诊", "既往史：＊＊＊2019年确诊"},
	/* health: History of + a condition */
	{"health", "History of rheumatoid arthritis; seen", "History of ********************; seen"},
	{"health", "History of Crohn's disease.", "History of ***************."},
	{"health", "history of chronic kidney disease stage 3 and",
	 "history of ****************************** and"},
	{"health", "History of COPD;", "History of ****;"},
	/* health: hard negatives */
	{"health", "诊断证明书", "诊断证明书"},
	{"health", "in good condition today", "in good condition today"},
	{"health", "糖尿病防治指南", "糖尿病防治指南"},
	{"health", "history of the project", "history of the project"},
	{"health", "疾病预防控制中心", "疾病预防控制中心"},
	{"health", "history of the disease", "history of the disease"},
	{"health", "history of this syndrome", "history of this syndrome"},
	{"health", "History of Rome", "History of Rome"},
	{"health", "diagnosis pending", "diagnosis pending"},
};

int main(void)
{
	return examples_main(examples, sizeof examples / sizeof examples[0]);
}
