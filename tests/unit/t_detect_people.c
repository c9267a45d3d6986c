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
	/* health: hard negatives */
	{"health", "诊断证明书", "诊断证明书"},
	{"health", "in good condition today", "in good condition today"},
	{"health", "糖尿病防治指南", "糖尿病防治指南"},
	{"health", "history of the project", "history of the project"},
	{"health", "疾病预防控制中心", "疾病预防控制中心"},
	{"health", "diagnosis pending", "diagnosis pending"},
};

int main(void)
{
	struct tap t = {0};
	redact_catalog *cat;
	if (redact_catalog_new(&cat) < 0) {
		printf("Bail out! catalog\n");
		return 1;
	}
	run_examples(&t, cat, examples, sizeof examples / sizeof examples[0]);
	redact_catalog_free(cat);
	return tap_done(&t);
}
