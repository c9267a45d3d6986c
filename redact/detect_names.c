/*
 * detect_names.c — the built-in detector of personal names.
 *
 * A name has no shape of its own (王博 is two characters, May is a month),
 * so every alternative of the pattern starts at a cue (姓名：, 被告, Dear,
 * From:), an honorific (先生, 女士), a signature's closing, or a record's
 * other personal values on the same line, and masks only the value, the
 * capture group "v"; the cue stays readable. The English cue words are
 * listed again as .cues, next to the pattern: the prefilter runs pcre2 only
 * where one of them (or a Han character) stands. The rules at the top of
 * detect_contact.c apply (bounded, no \\b by digits).
 */
#include "patterns_i.h"
#include "records_i.h"
#include "redact_i.h"
#include "surnames.h"
#include "name_gazetteer.h"

/* ---- name ---------------------------------------------------------- */

/* Han characters that end a name: the word after it (称, 于, 男...). */
#define GN_STOP                                                                          \
	"的了在是和与及或我你他她们这那个有为对从到把被将也都就而但并称说认于向因等已经" \
	"自诉请要不没无各所之其此该男女性年岁月日时出生住现后前以得由入来去至上下先士师"
#define GN "[^\\P{Han}" GN_STOP "]"
#define SUR_GLUED "(?:" REDACT_SURNAMES_COMPOUND "|[" REDACT_SURNAMES_CORE "])"
/* One character: the honorific lookbehinds need fixed lengths. */
#define SUR_HON "[" REDACT_SURNAMES_CORE REDACT_SURNAMES_HONORIFIC "]"
#define SUR_ALL                                                                          \
	"(?:" REDACT_SURNAMES_COMPOUND "|[" REDACT_SURNAMES_CORE REDACT_SURNAMES_HONORIFIC   \
	REDACT_SURNAMES_COLON "])"
/* Cues sharing a first character are factored: pcre2's JIT rejects a
 * position much faster when the alternatives start differently. */
#define NAME_CUE_CN                                                                      \
	"(?:(?:法定代表|被(?:保险|申请|告|上诉|害|执行)|申请|委托|联系|收[件货]|寄件|持卡|当事"  \
	"|投保|受益|借款|经办|负责|代理|监护|病|证|上诉|第三|嫌疑|陪审)人|姓名|患者|被告|原告"  \
	"|户主|医师|审判[长员]|书记员|执行员|记者|通讯员|(?:我|名)叫)"
/* Cues that are often followed by an ordinary word (市民周末...): a name
 * after them must end at a clear boundary (NAME_END). */
#define NAME_CUE_CN_WEAK "(?:[市居村网]民|网友|[业车]主)"
/* Surnames good enough when the name is followed by NAME_END. */
#define SUR_MID "(?:" REDACT_SURNAMES_COMPOUND "|" SUR_HON ")"
/* What may follow a name: punctuation, a space, a conjunction or verb of
 * speech, or (原告X与被告Y民间借贷纠纷) the start of a case type. */
#define NAME_END                                                                         \
	"(?=[，,、。；;：:（()）\\s]|$|[与和诉向说称等]|表示|反映|介绍|民间|借款|买卖|合同"      \
	"|劳动|侵权|离婚|房屋|租赁|机动车|追偿|股权|物业|服务|建设|财产|名誉|继承|抚养)"

/* A full-width space (U+3000) separates title and name in judgments. */
#define SP_CN "[ \\t\\x{3000}]"
/* Every honorific has two characters: the lookbehinds below step back
 * over exactly two. */
#define HONORIFIC                                                                        \
	"(?:先生|女士|小姐|老[师板]|医生|经理|律师|教授|主任|同[学志]|大夫|护士|[院校局处科部]长" \
	"|总监|阿姨|师傅|夫人|太太|书记)"
/* Words that stand before an honorific but are no name (历史老师). */
#define HON_NOT_NAME                                                                     \
	"(?:历史|语文|音乐|实习|全体|班主|部门|项目|车间|各位|这位|那位|哪位|诸位|两位|高中" \
	"|初中|小学|大学|党委|公安|中学|英语|数学|物理|化学|生物|地理|美术|体育)"
#define EN_WORD                                                                          \
	"(?:[A-Z](?:[a-z]{0,3}[A-Z][a-z]{1,20}|'[A-Z][a-z]{1,20}|[a-z]{1,20})"            \
	"(?:-[A-Z][a-z]{1,20})?|[A-Z]\\.)"
/* Words that open a greeting or a signature without being a name: the
 * crowd addressed, a team, a month not followed by a family name (Dear
 * January newsletter readers; May Chen is a name). And
 * a signature or greeting of one to three words whose last word says a
 * company (Northwind Traders, Fabrikam Inc) is no person. */
#define EN_COMPANY                                                                       \
	"(?:Inc|Corp|Corporation|Co|Company|Ltd|LLC|LLP|PLC|GmbH|AG|Group|Holdings"        \
	"|Industries|Traders|Trading|Airlines|Airways|Logistics|Toys|Systems|Technologies" \
	"|Tech|Labs|Bank|Foods|Motors|Partners|Solutions|Services|Software|Studios"        \
	"|Consulting|Media|Networks|Pharma|Insurance|Energy|Foundation|University)"
/* Words before one of these (Dear Paris office, Hi Golden Gate team)
 * name a place or a group, not a person. */
#define EN_GROUP_NOUN                                                                    \
	"(?:office|offices|team|teams|branch|staff|colleagues|friends|customers|clients"     \
	"|members|residents|department|store|shop|crew|folks|people|readers|users|partners" \
	"|community|group|site|campus|headquarters|hotel|desk)"
#define EN_NOT_NAME                                                                      \
	"(?!(?:Sir|Madam|Customer|Customers|Team|All|User|Users|Friend|Friends|Colleague"   \
	"|Colleagues|Reader|Readers|Valued|Member|Members|Applicant|Hiring|Manager|Client"  \
	"|The|This|That|Not|None|Unknown|Patient|Name|Everyone|Everybody|Support|Sales"      \
	"|Operations|Admin|Staff|Board|Partners|Subscribers|Shareholders|Parents|Students"  \
	")(?![A-Za-z])"                                                                    \
	"|(?:January|February|March|April|May|June|July|August|September|October"          \
	"|November|December)(?![A-Za-z])(?! [A-Z])"                                        \
	"|[A-Z][A-Za-z.'\\-]*(?: [A-Z][A-Za-z.'\\-]*){0,2} " EN_COMPANY "\\.?(?![A-Za-z]))"
#define EN_CUE                                                                           \
	"(?:(?<![A-Za-z] )(?i:(?:full|first|last|given|family|legal|customer|patient"       \
	"|contact|account|card ?holder|holder|user)[ _]?)?(?i:name)[\"']?[ \\t]?[:=][ \\t]?" \
	"[\"']?|(?:Patient|Contact|Attn|Attention|Recipient|Insured|Holder)[ \\t]?:[ \\t]?"  \
	"|(?:Plaintiff|Defendant|Petitioner|Respondent|Appellant|Appellee|Claimant|Witness" \
	"|Judge|Justice|Magistrate|Counsel|Attorney|Reporter|Author|Signed|Signature"       \
	"|Employee|Tenant|Landlord|Sender|Physician|Doctor|Nurse|Guardian|Beneficiary"      \
	"|Owner|Driver|Victim|Suspect|Officer|Student)[ \\t]?:[ \\t]?"                        \
	"|(?i:my name is|my name's) "                                                       \
	"|(?:Dear|Mrs?\\.?|Ms\\.?|Miss|Dr\\.?|Prof\\.?) )"
/* Two or three capitalised words: after cues that may also stand before
 * an ordinary word (By, registered to), one word is not enough. */
#define EN_NAME2 EN_NOT_NAME EN_WORD "(?: " EN_WORD "){1,2}(?![A-Za-z])"
/* One to three words or a Chinese name, alone on its line (signatures). */
#define NAME_LINE                                                                        \
	"(?|" EN_NOT_NAME "(?<v>" EN_WORD "(?: " EN_WORD "){0,2})|(?<v>" SUR_ALL GN "{1,2}))" \
	"(?=[ \\t]{0,4}(?:\\r?\\n|$))"
/* A display name in a mail header, before <address>. */
#define MAIL_NAME                                                                        \
	"(?|\"(?<v>[^\"\\n<>@]{1,60})\"|(?<v>[^\\s\"<>@,:;][^\"\\n<>@,:;]{0,58}?))"               \
	"[ \\t]{0,2}<[^\\s<>@]{1,64}(?:@|＠)"

/* The first word of every English cue of the name pattern, with what it
 * needs next (struct redact_cue). */
#define NAME_OR_COLON "name|:"
/* What follows a cue word of name_prose before a name: a capital (a next
 * alternative in upper case matches only that letter), a comma or a
 * bracket (the defendant, Jane Doe); a Han name passes as any non-ASCII
 * byte does. Words that cue both detectors need one next in both lists
 * (prefilter.c counts a word with two different ones wherever it stands). */
#define NEXT_CAP                                                                         \
	"A|B|C|D|E|F|G|H|I|J|K|L|M|N|O|P|Q|R|S|T|U|V|W|X|Y|Z|,|("
#define NEXT_NAME_COLON_OR_CAP "name|:|" NEXT_CAP
#define NEXT_COLON_OR_CAP ":|" NEXT_CAP
static const struct redact_cue name_cues[] = {
	/* EN_CUE: "X name" (glued too), "Patient:" */
	REDACT_CUE("full", "name"), REDACT_CUE("first", "name"), REDACT_CUE("last", "name"),
	REDACT_CUE("given", "name"), REDACT_CUE("family", "name"), REDACT_CUE("legal", "name"),
	REDACT_CUE("customer", "name"), REDACT_CUE("patient", NEXT_NAME_COLON_OR_CAP),
	REDACT_CUE("contact", NAME_OR_COLON),
	REDACT_CUE("card", "holder"), REDACT_CUE("cardholder", "name"),
	REDACT_CUE("holder", NEXT_NAME_COLON_OR_CAP), REDACT_CUE("user", "name"),
	REDACT_CUE("name", NULL), REDACT_CUE("fullname", NULL), REDACT_CUE("firstname", NULL),
	REDACT_CUE("lastname", NULL), REDACT_CUE("givenname", NULL),
	REDACT_CUE("familyname", NULL), REDACT_CUE("legalname", NULL),
	REDACT_CUE("customername", NULL), REDACT_CUE("patientname", NULL),
	REDACT_CUE("contactname", NULL), REDACT_CUE("accountname", NULL),
	REDACT_CUE("cardholdername", NULL), REDACT_CUE("holdername", NULL),
	REDACT_CUE("username", NULL), REDACT_CUE("my", "name"),
	/* EN_CUE: "Plaintiff:" and the like */
	REDACT_CUE("attn", NEXT_COLON_OR_CAP), REDACT_CUE("attention", ":"), REDACT_CUE("recipient", ":"),
	REDACT_CUE("insured", ":"), REDACT_CUE("plaintiff", NEXT_COLON_OR_CAP), REDACT_CUE("defendant", NEXT_COLON_OR_CAP),
	REDACT_CUE("petitioner", ":"), REDACT_CUE("respondent", ":"),
	REDACT_CUE("appellant", ":"), REDACT_CUE("appellee", ":"), REDACT_CUE("claimant", ":"),
	REDACT_CUE("witness", NEXT_COLON_OR_CAP), REDACT_CUE("judge", ":"), REDACT_CUE("justice", ":"),
	REDACT_CUE("magistrate", ":"), REDACT_CUE("counsel", ":"), REDACT_CUE("attorney", ":"),
	REDACT_CUE("reporter", ":"), REDACT_CUE("author", ":"), REDACT_CUE("signed", NULL),
	REDACT_CUE("signature", ":"), REDACT_CUE("employee", NEXT_COLON_OR_CAP), REDACT_CUE("tenant", NEXT_COLON_OR_CAP),
	REDACT_CUE("landlord", ":"), REDACT_CUE("physician", ":"), REDACT_CUE("doctor", ":"),
	REDACT_CUE("nurse", ":"), REDACT_CUE("guardian", ":"), REDACT_CUE("beneficiary", NEXT_COLON_OR_CAP),
	REDACT_CUE("owner", ":"), REDACT_CUE("driver", ":"), REDACT_CUE("victim", NEXT_COLON_OR_CAP),
	REDACT_CUE("suspect", NEXT_COLON_OR_CAP), REDACT_CUE("officer", ":"), REDACT_CUE("student", ":"),
	/* EN_CUE: titles */
	REDACT_CUE("dear", NULL), REDACT_CUE("mr", NULL), REDACT_CUE("mrs", NULL),
	REDACT_CUE("ms", NULL), REDACT_CUE("miss", NULL), REDACT_CUE("dr", NULL),
	REDACT_CUE("prof", NULL),
	/* bylines, closings before a signature, mail headers ("Sender:" is
	 * also a cue anywhere) */
	REDACT_CUE_AT_LINE_START("by"), REDACT_CUE_AT_LINE_START("sincerely"),
	REDACT_CUE_AT_LINE_START("yours"), REDACT_CUE_AT_LINE_START("best"),
	REDACT_CUE_AT_LINE_START("kind"), REDACT_CUE_AT_LINE_START("warm"),
	REDACT_CUE_AT_LINE_START("warmest"), REDACT_CUE_AT_LINE_START("with"),
	REDACT_CUE_AT_LINE_START("regards"), REDACT_CUE_AT_LINE_START("respectfully"),
	REDACT_CUE_AT_LINE_START("cordially"), REDACT_CUE_AT_LINE_START("cheers"),
	REDACT_CUE_AT_LINE_START("thanks"), REDACT_CUE_AT_LINE_START("thank"),
	REDACT_CUE_AT_LINE_START("from"), REDACT_CUE_AT_LINE_START("to"),
	REDACT_CUE_AT_LINE_START("cc"), REDACT_CUE_AT_LINE_START("bcc"),
	REDACT_CUE_AT_LINE_START("reply"), REDACT_CUE_AT_LINE_START("sender"),
	REDACT_CUE("sender", ":"), REDACT_CUES_END,
};


/* ---- name_prose ------------------------------------------------------ */

/* Names in prose without a cue of their own: context that a person is
 * meant (a greeting, a sign-off, a role, a verb of legal and news prose,
 * a list, a git trailer, a copyright line) around a short run of words,
 * and the words checked against gazetteers (name_gazetteer.c): given and
 * family names, English and pinyin; Chinese family names and words that
 * are no name. The context may stand after the name (Jane Doe was
 * sentenced, 张伟去年确诊): the cue anchor reaches PROSE_REACH bytes before
 * a match and PROSE_REACH_AFTER after its start. */
/* A Latin name: two or three words, an initial between (Lily J. Visser);
 * a word is capitalised or upper case (YAO Yu), maybe hyphenated. */
#define PN_WORD "[A-Z](?:[a-z]{1,20}|[A-Z]{1,11})(?:-[A-Z][a-z]{1,20})?"
#define PN_EN PN_WORD "(?: [A-Z]\\.)? " PN_WORD "(?: " PN_WORD ")?(?![A-Za-z'\\-])"
/* The same, at most 54 bytes: where the cue stands after the name, it
 * must be within the anchor's reach (PROSE_REACH_AFTER). */
#define PN_WORD_SHORT "[A-Z](?:[a-z]{1,11}|[A-Z]{1,11})"
#define PN_EN_SHORT                                                                      \
	PN_WORD_SHORT "(?: [A-Z]\\.)? (?:" PN_WORD_SHORT " )?" PN_WORD_SHORT "(?:-[A-Z][a-z]{1,11})?" \
	"(?![A-Za-z'\\-])"
/* A Chinese name: family name (not the function-word ones) and one or
 * two given-name characters. */
#define PN_ZH SUR_MID GN "{1,2}"
#define PN_ANY "(?|(?<v>" PN_EN ")|(?<v>" PN_ZH ")(?!" GN "))"
#define PN_SP "[ \\t]{1,3}"
/* Before a name: greetings, sign-offs, self-introductions, roles, verbs
 * of legal and news prose, list heads. */
#define PN_CUE_EN                                                                        \
	"(?:(?:Hi|Hello|Hey|Hiya|Dear|Morning|Good" PN_SP "(?:morning|afternoon|evening)"       \
	"|Thanks|Thank" PN_SP "you|Cheers|Regards|Best|Congratulations|Welcome"                   \
	"|(?:Best|Kind|Warm|Warmest|Many)" PN_SP "(?:regards|wishes|thanks)"                      \
	"|Sincerely(?:" PN_SP "yours)?|Yours" PN_SP "(?:sincerely|truly|faithfully))"          \
	"(?:[,!]?(?:" PN_SP "--)?" PN_SP "|[,!]?[ \\t]{0,3}\\r?\\n(?:[ \\t]{0,4}\\r?\\n)?"        \
	"(?:--[ \\t]{1,2})?[ \\t]{0,4})"                                                       \
	"|(?:[Ii]t's|[Ii]t" PN_SP "is|[Mm]y" PN_SP "name" PN_SP "is|I'm|I" PN_SP "am"    \
	"|[Ss]peaking" PN_SP "with|[Ss]igned" PN_SP "by|[Ss]ubmitted" PN_SP "by)" PN_SP       \
	"(?:is" PN_SP ")?"                                                                   \
	"|(?i:(?:the" PN_SP ")?(?:defendant|plaintiff|claimant|patient|card" "holder"  \
	"|account" PN_SP "holder|recipient|witness|tenant|beneficiary|applicant|victim"      \
	"|suspect|buyer|seller|client|complainant|accused|deceased|insured|borrower"         \
	"|employee|member))(?:,|" PN_SP "\\(|\\()?[ \\t]{0,3}"                             \
	"|(?:convicted|charged|sentenced|fined|sued|arrested|acquitted|indicted|said"        \
	"|(?:sold|selling|sell)(?:" PN_SP "[a-z]{1,12}){0,3}" PN_SP "to|[Tt]hanks" PN_SP "to|[Cc]c'd"           \
	"|Present:|Attendees:|Participants:|Absent:|Apologies:|Invitees:"                  \
	"|(?:[Dd]eliver|[Ss]hip|[Ss]end)" PN_SP "to:?|Attn:?)" PN_SP                                            \
	"|(?:Signed-off|Co-authored|Reviewed|Acked|Reported|Tested|Suggested|Helped)-by:"   \
	"[ \\t]{1,2}|Author:[ \\t]{1,2}"                                                      \
	"|(?:Copyright|\\([Cc]\\)|版权所有)(?:[ \\t]{1,2}\\([Cc]\\))?[ \\t]{1,2}[0-9]{4}"      \
	"(?:(?:-|, ?)[0-9]{4})?[ \\t]{1,2})"
/* After a name, in English prose: a verb that is one of the cue words. */
#define PN_VERB                                                                          \
	"(?:sentenced|convicted|diagnosed|arrested|admitted|released|fined|charged|jailed"   \
	"|acquitted|indicted|moved|pleaded|told|signed|testified|confessed|denied|here)"     \
	"(?![A-Za-z])"
#define PN_AFTER_EN                                                                      \
	"(?:,? [0-9]{1,3},)?" PN_SP "(?:(?:was|were|had been|has been|has)" PN_SP ")?" PN_VERB
/* Chinese: before a name. */
#define PN_CUE_ZH                                                                        \
	"(?:用户|客户|买家|卖家|证人|收款人|付款人|被害人|受害人|被申请人|感谢|谢谢|祝好[，,]?"  \
	"|早上好|晚上好|下午好|亲爱的|我是|我叫|本人|我这边是|记者|通讯员|实习生|判处|指控"     \
	"|卖给|出售给|提供给|转卖给|伙同|参会人员[:：]|出席人员[:：]|——|@|\\[)" SP_CN "{0,2}"
/* Chinese: after a name that has only a boundary before it. */
#define PN_AFTER_ZH                                                                      \
	"(?=[，,。、；;：:！!？?]|[ \\t]{0,2}(?:\\r?\\n|$)|[ \\t]|您好|你好|老师|和|与|及|以|因"   \
	"|将|犯|去年|确诊|被判|已|等|负责|报道|报警|出庭|要求|反馈|敬上|伙同|非法|涉嫌|获利)"

/* Lists of names (Present: Jane Doe, Li Na and Tom Wu; a line of names
 * under a sign-off). A match masks one item, and the matches of a list's
 * items start at different places: the first item after a head is
 * PN_CUE_EN's; an item at a line's start or after a comma or semicolon
 * that another item follows is its own match; an item after another
 * (the last one: "and Tom Wu") starts its match at the separator or head
 * colon before that other one. Only the masked item is looked up in the
 * gazetteers; the items beside it need a name's shape. */
#define PN_LIST_SEP                                                                      \
	"(?:[,;][ \\t]{1,2}(?:(?:and|&)[ \\t]{1,2})?|[ \\t]{1,2}(?:and|&)[ \\t]{1,2})"
#define PN_ITEM "(?:" PN_EN "|" PN_ZH "(?!" GN "))"
/* A letterhead or an addressee: a name alone on its line (or before a
 * comma) and, next, what an address's first line starts with: a house
 * number (1356 Rue ..., 6895 N Main St), a flat or suite, or a street
 * word and its number (Lindenstraße 137a, Molenweg 67 bis). */
#define PN_ADDR_START                                                                    \
	"(?:[0-9]{1,5}[A-Za-z]?(?:-[0-9]{1,4})?[ \\t]{1,2}(?:[NSEW][ \\t])?[A-Z0-9]"      \
	"|(?:Flat|Apt|Apartment|Unit|Suite|Room|Floor)\\.?[ \\t]{1,2}[0-9]{1,5}[A-Za-z]?[,\\s]" \
	"|\\p{Lu}\\p{Ll}{1,30}\\.?[ \\t]{1,2}[0-9]{1,5}[A-Za-z]?(?:-[0-9]{1,3}|[ \\t]bis)?,)"
/* At a capital where a cell of a row could start (RC_CELLCAP: a line's
 * start, after ", " or "; "), the byte checked first: a list's item that
 * another follows; Customer Jane Doe, This is Jane Doe (no cue words of
 * their own: "customer" and "this" are too common); a letterhead's name
 * and a salutation line (Jane Doe,\n\n), which find their evidence after
 * the name (NOT_AT_END). */
#define PN_CELL_ALT                                                                      \
	"(?=[A-Z])(?:(?<![^\\n])|(?<=[,;] )|(?<=[,;]  ))(?|"                                   \
	"(?:Customer|This" PN_SP "is)" PN_SP PN_ANY                                         \
	"|" NOT_AT_END("(?<v>" PN_EN ")(?=" PN_LIST_SEP PN_ITEM ")")                        \
	"|" NOT_AT_END("(?<![^\\n])(?<v>" PN_EN ")(?:[ \\t]{0,3}\\r?\\n|,[ \\t]{1,2})"      \
	               PN_ADDR_START                                                        \
	               "|(?<![^\\n])(?<v>" PN_EN "),[ \\t]{0,3}\\r?\\n[ \\t]{0,3}\\r?\\n") ")"
/* At a separator or a list head's colon: the item after the next one. */
#define PN_LIST_ALT                                                                      \
	"(?=[,;: \\t])(?:[,;]|:(?<=Present:|Attendees:|Participants:|Absent:|Apologies:"   \
	"|Invitees:)|(?<=Cc'd|cc'd|Thanks to|thanks to))[ \\t]{1,3}" PN_ITEM PN_LIST_SEP PN_ANY

static const struct redact_cue name_prose_cues[] = {
	REDACT_CUE("hi", NULL), REDACT_CUE("hello", NULL), REDACT_CUE("hey", NULL),
	REDACT_CUE("hiya", NULL), REDACT_CUE("dear", NULL), REDACT_CUE("morning", NULL),
	REDACT_CUE("good", "morning|afternoon|evening"), REDACT_CUE("thanks", NULL),
	REDACT_CUE("thank", "you"), REDACT_CUE("cheers", NULL), REDACT_CUE("regards", NULL),
	REDACT_CUE("best", NULL), REDACT_CUE("congratulations", NULL), REDACT_CUE("welcome", NULL),
	REDACT_CUE("kind", "regards"), REDACT_CUE("warm", "regards"), REDACT_CUE("warmest", "regards"),
	REDACT_CUE("many", "thanks"), REDACT_CUE("sincerely", NULL), REDACT_CUE("yours", NULL),
	REDACT_CUE("it", "is|s"), REDACT_CUE("my", "name"),
	REDACT_CUE("i", "m|am"), REDACT_CUE("speaking", "with"), REDACT_CUE("signed", NULL),
	REDACT_CUE("submitted", "by"),
	REDACT_CUE("defendant", NEXT_COLON_OR_CAP), REDACT_CUE("plaintiff", NEXT_COLON_OR_CAP), REDACT_CUE("claimant", NEXT_CAP),
	REDACT_CUE("patient", NEXT_NAME_COLON_OR_CAP), REDACT_CUE("cardholder", NEXT_CAP),
	REDACT_CUE("card", "holder"), REDACT_CUE("recipient", NEXT_CAP),
	REDACT_CUE("witness", NEXT_COLON_OR_CAP), REDACT_CUE("tenant", NEXT_COLON_OR_CAP), REDACT_CUE("beneficiary", NEXT_COLON_OR_CAP),
	REDACT_CUE("applicant", NEXT_CAP), REDACT_CUE("victim", NEXT_COLON_OR_CAP), REDACT_CUE("suspect", NEXT_COLON_OR_CAP),
	REDACT_CUE("buyer", NEXT_CAP), REDACT_CUE("seller", NEXT_CAP), REDACT_CUE("client", NEXT_CAP),
	REDACT_CUE("complainant", NEXT_CAP), REDACT_CUE("accused", NEXT_CAP), REDACT_CUE("deceased", NEXT_CAP),
	REDACT_CUE("insured", NEXT_CAP), REDACT_CUE("borrower", NEXT_CAP), REDACT_CUE("employee", NEXT_COLON_OR_CAP),
	REDACT_CUE("member", NEXT_CAP), REDACT_CUE("asked", NULL), REDACT_CUE("holder", NEXT_NAME_COLON_OR_CAP),
	REDACT_CUE("convicted", NULL), REDACT_CUE("charged", NULL), REDACT_CUE("sentenced", NULL),
	REDACT_CUE("fined", NULL), REDACT_CUE("sued", NEXT_CAP), REDACT_CUE("arrested", NULL),
	REDACT_CUE("acquitted", NULL), REDACT_CUE("indicted", NULL), REDACT_CUE("said", NEXT_CAP),
	REDACT_CUE("sold", NULL), REDACT_CUE("selling", NULL), REDACT_CUE("sell", NULL),
	REDACT_CUE("cc", "d"), REDACT_CUE("present", ":"), REDACT_CUE("attendees", ":"),
	REDACT_CUE("participants", ":"), REDACT_CUE("absent", ":"), REDACT_CUE("apologies", ":"),
	REDACT_CUE("invitees", ":"), REDACT_CUE("deliver", "to"),
	REDACT_CUE("ship", "to"), REDACT_CUE("send", "to"), REDACT_CUE("attn", NEXT_COLON_OR_CAP),
	REDACT_CUE("off", "-by"), REDACT_CUE("authored", "-by"),
	REDACT_CUE("reviewed", "-by"), REDACT_CUE("acked", "-by"), REDACT_CUE("reported", "-by"),
	REDACT_CUE("tested", "-by"), REDACT_CUE("suggested", "-by"), REDACT_CUE("helped", "-by"),
	REDACT_CUE("author", ":"), REDACT_CUE("copyright", NULL),
	/* after a name (was sentenced, had been released: the verb) */
	REDACT_CUE("diagnosed", NULL), REDACT_CUE("released", NULL), REDACT_CUE("jailed", NULL),
	REDACT_CUE("moved", NULL), REDACT_CUE("pleaded", NULL), REDACT_CUE("admitted", NULL),
	REDACT_CUE("told", NULL), REDACT_CUE("testified", NULL), REDACT_CUE("confessed", NULL),
	REDACT_CUE("denied", NULL), REDACT_CUE("here", NULL),
	REDACT_CUES_END,
};
/* How far a cue word stands before a match's start (PN_CUE_EN's longest
 * run before its cue word: "Good  morning", "(C) 2019-2023") and after
 * it (PN_EN_SHORT and PN_AFTER_EN: 54 + 20 bytes). */
#define PROSE_REACH 48
#define PROSE_REACH_AFTER 80

const struct redact_builtin redact_detect_names[] = {
	{
		.name = "name",
		.anchor = {{RC_HIGH, 0, 0}, {RC_CUE, 0, 0}, {RC_GT, 0, 0}, {RC_DDASH, 0, 0},
		           {RC_CELLCAP, 0, 0}},
		.cues = name_cues,
		.description = "personal names: Chinese names after a cue (姓名：, 患者, 被告, 审判员, "
		               "记者) or before an honorific (先生, 女士), English names after Name:, "
		               "Plaintiff:, Mr., Dear, in bylines, mail headers and signatures, and "
		               "cells of dump rows beside a phone, ID or e-mail",
		.example = "姓名：张伟",
		.example_masked = "姓名：＊＊",
		.pattern = "(?|"
		           /* 姓名：于伟 / 被告王博 / 联系人为张伟 */
		           NAME_CUE_CN "(?|" SP_CN "{0,2}[:：]" SP_CN "{0,2}(?<v>" SUR_ALL GN "{1,2})"
		           "|(?:" SP_CN "{1,3}|为|是)?(?<v>" SUR_GLUED GN "{1,2})"
		           /* 原告石敏与被告金宇: a wider surname list, a clear end */
		           "|(?:" SP_CN "{1,3}|为|是)?(?<v>" SUR_MID GN "{1,2})" NAME_END ")"
		           /* 市民高艳向本报反映 */
		           "|" NAME_CUE_CN_WEAK SP_CN "{0,2}(?<v>" SUR_MID GN "{1,2})" NAME_END
		           /* 此致\n敬礼\n张伟: the signature under the closing */
		           "|此致" SP_CN "{0,4}(?:\\r?\\n" SP_CN "{0,4})?敬礼[!！。]?" SP_CN "{0,4}"
		           "\\r?\\n(?:" SP_CN "{0,8}\\r?\\n)?" SP_CN "{0,8}" NAME_LINE
		           /* 张先生, 王小明老师: the name is captured looking back */
		           "|" HONORIFIC "(?<!" HON_NOT_NAME "\\p{Han}{2})"
		           "(?|(?<=(?<v>" SUR_HON GN "{2})\\p{Han}{2})"
		           "|(?<=(?<v>(?:" REDACT_SURNAMES_COMPOUND ")" GN ")\\p{Han}{2})"
		           "|(?<=(?<v>" SUR_HON GN ")\\p{Han}{2})"
		           "|(?<=(?<v>" REDACT_SURNAMES_COMPOUND ")\\p{Han}{2})"
		           "|(?<=(?<v>" SUR_HON ")\\p{Han}{2}))"
		           /* Name: Mary O'Brien / Dear Mr. McDonald / Name: 张伟 */
		           "|(?=[A-Za-z])(?<![A-Za-z_])" EN_CUE "(?:(?:Mrs?|Ms|Dr|Prof)\\.? )?[ \\t]?"
		           /* right after Dear (no title): a weak context, the words
		            * are checked against the lists (Dear Engineering,) */
		           "(?:(?<=Dear )(*MARK:" NAME_CHECK_MARK "))?"
		           "(?|" EN_NOT_NAME "(?![A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2} " EN_GROUP_NOUN "(?![A-Za-z]))"
		           "(?<v>" EN_WORD "(?: " EN_WORD "){0,2})(?![A-Za-z])"
		           "|(?<v>" SUR_ALL GN "{1,2}))"
		           /* bylines: By Jane Doe (alone on its line) */
		           "|(?<![^\\n])By[ \\t]{1,2}(?<v>" EN_NAME2 ")(?=[ \\t]{0,4}(?:\\r?\\n|$|,| and ))"
		           /* Sincerely,\nJane Doe / -- \nJane Doe: a signature */
		           "|(?<![^\\n])(?:(?:Sincerely|Yours (?:sincerely|faithfully|truly)|Best wishes"
		           "|(?:Best |Kind |Warm |Warmest |With best )?[Rr]egards|Respectfully|Cordially"
		           "|Cheers|Thanks|Thank you|Best),?|-- ?)[ \\t]{0,4}\\r?\\n"
		           "(?:[ \\t]{0,4}\\r?\\n)?[ \\t]{0,4}(*MARK:" NAME_CHECK_MARK ")" NAME_LINE
		           /* From: \"Jane Doe\" <jane@example.com>, To: 张伟 <...> */
		           "|(?<![^\\n])(?:From|FROM|To|TO|Cc|CC|Bcc|BCC|Reply-To|Sender)[ \\t]?:[ \\t]{0,2}" MAIL_NAME
		           /* the next of a list: ">, Li Na <", and on a folded line */
		           "|>,[ \\t]{0,2}(?:\\r?\\n[ \\t]{1,8})?" MAIL_NAME
		           /* records (records_i.h): 张伟|13812345678, Zhang Wei,zw@example.com */
		           "|" REC_NAME_ALT
		           ")",
		.group = "v",
	},
	{
		.name = "name_prose",
		.part_of = "name",
		.anchor = {{RC_HIGH, 0, 3}, {RC_CUE, -PROSE_REACH, PROSE_REACH_AFTER}, {RC_AT, 0, 0},
		           {RC_GT, 2, 60}, {RC_CELLCAP, 0, 3}},
		.cues = name_prose_cues,
		.validate = redact_name_prose_valid,
		.description = "part of name (a policy enables and sets it as name): "
		               "personal names in prose (English, pinyin, Chinese) checked against "
		               "gazetteers of given and family names, beside a greeting or sign-off "
		               "(Hi, Regards, 您好), a self-introduction (my name is, 我是), a role "
		               "(defendant, 用户), a verb of legal or news prose (was sentenced, 指控), "
		               "every item of a list (Present: A, B and C), a letterhead (a name "
		               "line above an address), an addressee (Deliver to:), a git trailer "
		               "or a copyright line",
		.example = "Prosecutors charged Zhang Wei with fraud.",
		.example_masked = "Prosecutors charged ********* with fraud.",
		/* No match starts inside a word: checked first, and the rest of
		 * a run of letters skipped (SKIP_RUN, last). */
		.pattern = "(?:(?<![A-Za-z])|(?![A-Za-z]))(?|"
		           /* Dear Jane Doe, / the defendant, Zheng Lina, / Acked-by: 张伟 */
		           "(?<![A-Za-z])" PN_CUE_EN PN_ANY "(?! " EN_GROUP_NOUN "(?![A-Za-z]))"
		           /* Jane Doe was sentenced / Kaiwen Zhou here */
		           "|" NOT_AT_END("(?<![A-Za-z'\\-])(?<v>" PN_EN_SHORT ")(?=" PN_AFTER_EN ")")
		           /* [10:42] Ava Rose: / @Zhang Wei can / <Li Na> lgtm */
		           "|(?:\\[[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\\] ?|@)" PN_ANY "(?=[:>]| can| please| 这| 请)"
		           "|<(?|(?<v>" PN_EN_SHORT ")|(?<v>" PN_ZH "))>"
		           /* 用户雷若娜反馈, 我是陶菲坤的家属, ——陈蕾辉 敬上 */
		           "|" PN_CUE_ZH "(?<v>" PN_ZH ")"
		           /* 郭凯曦您好, 孟铭：不了, 孙楠、胡奕和林琪璐负责 */
		           /* (a cell of a CSV too: it yields to a header as a record does) */
		           "|" NOT_AT_END(REC_MARK_VERB "(?:(?<!\\p{Han})|(?<=[、和与及]))(?<v>" PN_ZH ")"
		                          PN_AFTER_ZH)
		           /* 感谢孙雅菲与秦楠建的帮助 */
		           "|" NOT_AT_END("(?<=[与和])(?<v>" PN_ZH ")(?=的)")
		           /* Present: Jane Doe, [Li Na] and [Tom Wu]; a letterhead */
		           "|" PN_CELL_ALT "|" PN_LIST_ALT
		           /* no match starts right after an ASCII letter */
		           SKIP_RUN("[A-Za-z]") ")",
		.group = "v",
	},
};

const size_t redact_detect_names_count =
	sizeof redact_detect_names / sizeof redact_detect_names[0];
