/*
 * detect_health.c — the built-in detector of health data: diagnoses,
 * conditions, medical history.
 *
 * A condition is found in a diagnosis context, and masked whole:
 * - after a diagnosis or history cue (诊断：, 既往史：, 患有, Diagnosis:,
 *   PMH:), to the end of its clause or up to a date that follows it (when
 *   it happened stays readable);
 * - in the numbered or bulleted list under such a heading (诊断：1. …
 *   2. …, one a line or inline), each item on its own (the numbers stay);
 * - after a weaker cue (结论：, 印象：, Assessment:, Impression:, history of,
 *   diagnosed with, living with, known, 我有, 得了, 查出, 确诊, I have), when
 *   what follows is a condition: a lexicon term or a disease word with its
 *   modifiers and qualifiers (health_lexicon.c), the longest that is one
 *   ("type 2 diabetes mellitus", "高血压病3级（极高危）",
 *   "chronic kidney disease stage 4").
 * Lexicon checks and the look back from a list item to its heading are C
 * helpers called from the pattern (pcre2 callouts, health_context.c), so
 * that a candidate that fails makes pcre2 try a shorter one. Disease words
 * elsewhere (炎热, 毛病, a virus scan, cancer research) have no cue and are
 * not masked. The English cue words are listed again as .cues for the
 * prefilter; list items start at a digit, a - or a Han character, which
 * the other anchors cover. The rules at the top of detect_contact.c apply
 * (bounded).
 */
#include "health_i.h"
#include "patterns_i.h"
#include "redact_i.h"

/* ---- health -------------------------------------------------------- */

#define CALLOUT(n) "(?C" n ")"
/* Between the words of a cue: one blank or two (text justified by hand). */
#define SP "[ \\t]{1,2}"
#define HAN "\\x{4e00}-\\x{9fff}"

/* A value ends where a date begins (诊断为X，于2023年..., diagnosed with X
 * in 2023-11-16 / on March 3, 2021): the date is not part of the health
 * fact, and masking it would hide when things happened. */
#define HEALTH_YEAR "(?:1[89]|20)[0-9]{2}(?:[-/.年]|, )"
#define HEALTH_STOP_CN "(?=(?:[于自从在] ?)?" HEALTH_YEAR ")"
#define HEALTH_STOP_EN                                                                   \
	"(?= (?i:in|on|since|from|at|during|until|as of|dated?) (?:[0-9]|" MONTH_EN " ?[0-9])" \
	"|" HEALTH_YEAR "|[0-9]{1,2}/[0-9]{1,2}/)"
/* To the clause end, or up to a date when one comes first. */
#define HEALTH_VAL_CN                                                                    \
	"[^\\s。；;\"|，,：:](?:[^。；;\\n\\r\"|,]{0,39}?" HEALTH_STOP_CN "|[^。；;\\n\\r\"|,]{0,39})"
/* English: a comma goes on only before a qualifier (", recurrent"). */
#define HEALTH_QUAL_EN                                                                   \
	"(?i:recurrent|severe|moderate|mild|unspecified|in remission|single episode"         \
	"|uncontrolled|controlled|stable|resolved|with|without|current episode)"
#define HEALTH_CH_EN "(?:[^.;\\n\\r\"|,]|,(?=[ \\t]{1,2}" HEALTH_QUAL_EN "(?![A-Za-z])))"
#define HEALTH_VAL_EN                                                                    \
	"[^\\s.;\"|,:](?:" HEALTH_CH_EN "{0,59}?" HEALTH_STOP_EN "|" HEALTH_CH_EN "{0,59})"

/* A Chinese candidate, checked by the lexicon (the longest that passes). */
#define CAND_ZH "[^\\s。；;，,、：:！!？?\"|]{2,24}"
/* An English candidate: up to eight words, and qualifiers after a comma;
 * then a boundary: punctuation, the line's end, or a word that cannot
 * continue a condition's name (in 2019, since college, last year, and). */
#define WORD_EN "[A-Za-z0-9][A-Za-z0-9'’\\-/]{0,30}"
#define CAND_EN                                                                          \
	"(?=[A-Za-z])" WORD_EN "(?:[ \\t]{1,2}" WORD_EN "){0,7}"                           \
	"(?:,[ \\t]{1,2}" HEALTH_QUAL_EN "(?:[ \\t]{1,2}" WORD_EN "){0,2})?"
#define BOUND_EN                                                                         \
	"(?=[ \\t]{0,2}(?:[.,;:!?)\\]\"'<]|\\R|$)|[ \\t]{1,2}(?:[0-9(]|(?i:in|on|since|last"  \
	"|and|or|for|at|from|during|until|which|that|who|but|when|while|after|before|was"     \
	"|is|has|had|are|were|about|ago|this|the|diagnosed|treated|controlled|managed"        \
	"|requiring|status|no|not|as|per|also|currently|now|today|yesterday|years?|months?"  \
	"|weeks?|days?|every|with|without|s/p)(?![A-Za-z])))"
/* One English condition, checked; then more joined by "and", "or" or ";"
 * (history of A and B; Problem list: A; B). */
#define COND_EN "(?&cond_en)"
#define DEFINE_COND_EN                                                                   \
	"(?(DEFINE)(?<cond_en>(" CAND_EN ")" BOUND_EN CALLOUT(REDACT_HEALTH_CO_EN) "))"
#define CONDS_EN COND_EN "(?:(?:[ \\t]{1,2}(?i:and|or)|;|,)[ \\t]{1,2}" COND_EN "){0,4}"

/* A list marker: 1. 1、 1) （1） ① before blanks; - and • before a blank. */
#define MARK_NUM "(?:[（(][0-9]{1,2}[)）]|[0-9]{1,2}[、.．)）]|[①-⑳])"
#define MARK "(?:" MARK_NUM "[ \\t]{0,3}|[-•][ \\t]{1,3})"
/* A list item, to its end: the next marker, a separator, the line's end. */
#define ITEM_ZH                                                                          \
	"(?:[0-9]{1,2}(?=[型度级期]?[" HAN "]))?[" HAN "][^\\s。；;，,、：:|\"]{0,29}?"         \
	"(?=[ \\t]{0,8}(?:[。；;，,、]|\\R|$|" MARK_NUM "))"
#define ITEM_EN                                                                          \
	"[A-Za-z][^\\n\\r;|\"]{0,59}?"                                                       \
	"(?=[ \\t]{0,8}(?:;|\\.(?:[ \\t]|\\R|$)|\\R|$)|[ \\t]{1,8}" MARK_NUM                 \
	"|[ \\t]{1,3}[-–:][ \\t])"

/* How far before its first Han character a Chinese list item's match
 * starts (the marker: 12、, 1. , （1）is Han itself), and before a word of
 * a condition's name an English one's (the marker and the words before
 * it: "4) early-onset Alzheimer's disease"). */
#define ITEM_LEAD 4
#define ITEM_REACH 64
#define HEALTH_ITEM_WORD(w) REDACT_CUE(w, NULL)

/* The first word of every English cue of the health pattern, with what it
 * needs next (struct redact_cue). */
static const struct redact_cue health_cues[] = {
	REDACT_CUE("diagnosis", ":|=|of"), REDACT_CUE("diagnoses", REDACT_CUE_KEY_SEP),
	REDACT_CUE("medical", "history|condition"), REDACT_CUE("pmh", REDACT_CUE_KEY_SEP),
	REDACT_CUE("problem", "list"),
	REDACT_CUE("condition", REDACT_CUE_KEY_SEP), REDACT_CUE("conditions", REDACT_CUE_KEY_SEP),
	REDACT_CUE("allergies", REDACT_CUE_KEY_SEP), REDACT_CUE("allergy", REDACT_CUE_KEY_SEP),
	REDACT_CUE("assessment", REDACT_CUE_KEY_SEP), REDACT_CUE("impression", REDACT_CUE_KEY_SEP),
	REDACT_CUE("chief", "complaint"), REDACT_CUE("health", "status"),
	REDACT_CUE("diagnosed", "with"), REDACT_CUE("suffers", "from"),
	REDACT_CUE("suffer", "from"), REDACT_CUE("suffering", "from"),
	REDACT_CUE("history", "of"), REDACT_CUE("living", "with"), REDACT_CUE("known", NULL),
	REDACT_CUE("positive", "for"), REDACT_CUE("treated", "for"),
	REDACT_CUE("treatment", "for"), REDACT_CUE("allergic", "to"),
	REDACT_CUE("i", "have|ve"),
	/* Words of condition names: an English list item (1. schizophrenia,
	 * - bipolar I disorder) is looked for where one occurs, up to
	 * ITEM_REACH bytes before it, not at every digit and dash. */
	HEALTH_ITEM_WORD("disease"), HEALTH_ITEM_WORD("disorder"), 
	HEALTH_ITEM_WORD("cancer"), HEALTH_ITEM_WORD("carcinoma"), HEALTH_ITEM_WORD("infection"),
	HEALTH_ITEM_WORD("failure"), HEALTH_ITEM_WORD("diabetes"), HEALTH_ITEM_WORD("hypertension"),
	HEALTH_ITEM_WORD("hypotension"), HEALTH_ITEM_WORD("fibrillation"), HEALTH_ITEM_WORD("flutter"),
	HEALTH_ITEM_WORD("tuberculosis"), HEALTH_ITEM_WORD("epilepsy"), HEALTH_ITEM_WORD("schizophrenia"),
	HEALTH_ITEM_WORD("asthma"), HEALTH_ITEM_WORD("arthritis"), HEALTH_ITEM_WORD("colitis"),
	HEALTH_ITEM_WORD("hepatitis"), HEALTH_ITEM_WORD("cirrhosis"), HEALTH_ITEM_WORD("sclerosis"),
	HEALTH_ITEM_WORD("lupus"), HEALTH_ITEM_WORD("hypothyroidism"), HEALTH_ITEM_WORD("hyperthyroidism"),
	HEALTH_ITEM_WORD("depression"), HEALTH_ITEM_WORD("anxiety"), HEALTH_ITEM_WORD("dementia"),
	HEALTH_ITEM_WORD("migraine"), HEALTH_ITEM_WORD("stroke"), HEALTH_ITEM_WORD("pneumonia"),
	HEALTH_ITEM_WORD("bronchitis"), HEALTH_ITEM_WORD("emphysema"), HEALTH_ITEM_WORD("anemia"),
	HEALTH_ITEM_WORD("anaemia"), HEALTH_ITEM_WORD("leukemia"), HEALTH_ITEM_WORD("leukaemia"),
	HEALTH_ITEM_WORD("lymphoma"), HEALTH_ITEM_WORD("myeloma"), HEALTH_ITEM_WORD("melanoma"),
	HEALTH_ITEM_WORD("sarcoma"), HEALTH_ITEM_WORD("tumor"), HEALTH_ITEM_WORD("tumour"),
	HEALTH_ITEM_WORD("obesity"), HEALTH_ITEM_WORD("gout"), HEALTH_ITEM_WORD("osteoporosis"),
	HEALTH_ITEM_WORD("psoriasis"), HEALTH_ITEM_WORD("eczema"), HEALTH_ITEM_WORD("nervosa"),
	HEALTH_ITEM_WORD("autism"), HEALTH_ITEM_WORD("adhd"), HEALTH_ITEM_WORD("ptsd"),
	HEALTH_ITEM_WORD("copd"), HEALTH_ITEM_WORD("hiv"), HEALTH_ITEM_WORD("aids"),
	HEALTH_ITEM_WORD("syphilis"), HEALTH_ITEM_WORD("malaria"), HEALTH_ITEM_WORD("insomnia"),
	HEALTH_ITEM_WORD("angina"), HEALTH_ITEM_WORD("infarction"), HEALTH_ITEM_WORD("embolism"),
	HEALTH_ITEM_WORD("thrombosis"), HEALTH_ITEM_WORD("aneurysm"), HEALTH_ITEM_WORD("neuropathy"),
	HEALTH_ITEM_WORD("nephropathy"), HEALTH_ITEM_WORD("retinopathy"),
	HEALTH_ITEM_WORD("cardiomyopathy"), HEALTH_ITEM_WORD("glaucoma"), HEALTH_ITEM_WORD("cataract"),
	HEALTH_ITEM_WORD("ulcer"), HEALTH_ITEM_WORD("pancreatitis"), HEALTH_ITEM_WORD("appendicitis"),
	HEALTH_ITEM_WORD("gastritis"), HEALTH_ITEM_WORD("hyperlipidemia"), HEALTH_ITEM_WORD("dyslipidemia"),
	HEALTH_ITEM_WORD("psychosis"), HEALTH_ITEM_WORD("neoplasm"), HEALTH_ITEM_WORD("hernia"),
	HEALTH_ITEM_WORD("ocd"), HEALTH_ITEM_WORD("parkinson"), HEALTH_ITEM_WORD("alzheimer"),
	HEALTH_ITEM_WORD("crohn"), HEALTH_ITEM_WORD("fibrosis"),
	HEALTH_ITEM_WORD("covid"), HEALTH_ITEM_WORD("influenza"), HEALTH_ITEM_WORD("measles"),
	REDACT_CUES_END,
};

const struct redact_builtin redact_detect_health[] = {
	{
		.name = "health",
		.anchor = {{RC_HIGH, 0, ITEM_LEAD}, {RC_CUE, 0, ITEM_REACH}},
		.cues = health_cues,
		.description = "health data: a whole condition in a diagnosis context (诊断：1. 高血压病3级 "
		               "2. 2型糖尿病; 既往史：, Diagnosis:, and after 结论：/Assessment:/history of/"
		               "我得了/I have a lexicon or …病 …炎 -itis term); not 炎热, 毛病",
		.example = "诊断：2型糖尿病",
		.example_masked = "诊断：*＊＊＊＊",
		.pattern = DEFINE_COND_EN "(?|"
		           /* a colon after the cue, or a cue ending in 为/有/患/出 */
		           "(?:诊断(?:为|结果|出)?|初步诊断|确诊(?:为|患有)?|被诊断[为出]|既往(?:病?史|有)"
		           "|病[史情因名]|过敏史|家族史|主诉|疾病名称|患有|罹患)"
		           "(?:[ \\t]{0,2}[:：][ \\t]{0,2}|(?<=[为有患出]))(?!" MARK_NUM ")"
		           "(?<v>" HEALTH_VAL_CN ")"
		           /* weaker cues: what follows must be a condition */
		           "|(?:(?:结论|印象|(?:报告|结果)(?:出来了|显示|提示)?)[ \\t]{0,2}[:：][ \\t]{0,2}"
		           "(?!" MARK_NUM ")"
		           "|(?:[我他她]也?有|[我他她]?得了|[我他她]?患了|患上|(?:检查)?查出(?:来了|了|来)?"
		           "|确诊(?:了|是)?|被?诊断(?:结果)?是|说我是|我是|考虑(?:为|是)?|疑似|怀疑(?:是|为)?)[ \\t]?)"
		           "(?<v>" CAND_ZH ")" CALLOUT(REDACT_HEALTH_CO_ZH)
		           /* 最近X又复发了 */
		           "|(?:最近|近期|近来|这次)(?<v>" CAND_ZH ")(?=又?(?:复发|发作|加重|犯了))"
		           CALLOUT(REDACT_HEALTH_CO_ZH)
		           /* an item of a list under a heading (health_context.c) */
		           "|(?<![^\\s：:；;，,。])" MARK "(?<v>" ITEM_ZH "|" ITEM_EN ")"
		           CALLOUT(REDACT_HEALTH_CO_ITEM)
		           "|(?=[A-Za-z])(?<![A-Za-z])(?|"
		           "(?i:diagnosis|diagnoses|medical" SP "history|medical" SP "condition|pmh"
		           "|allergies|allergy|chief" SP "complaint|health" SP "status|problem" SP "list)"
		           "[\"']?"
		           "[ \\t]{0,2}[:=][ \\t]{0,2}[\"']?(?!" MARK "|(?i:history of|h/o)[ \\t])"
		           "(?<v>" HEALTH_VAL_EN "(?:;[ \\t]{1,2}" COND_EN "){0,4})"
		           "|(?i:assessment|impression|conditions?)[ \\t]{0,2}[:=][ \\t]{0,2}(?!" MARK ")"
		           "(?<v>" CONDS_EN ")"
		           "|(?i:diagnosed" SP "with|suffer(?:s|ing)?[ \\t]{1,2}from|history[ \\t]{1,2}of"
		           "|positive[ \\t]{1,2}for|treated[ \\t]{1,2}for|treatment[ \\t]{1,2}for"
		           "|allergic[ \\t]{1,2}to|living[ \\t]{1,2}with|diagnosis[ \\t]{1,2}of"
		           "|known(?:[ \\t]{1,2}case[ \\t]{1,2}of)?"
		           "|i(?:[ \\t]{1,2}have|'ve|’ve)(?:[ \\t]{1,2}(?:got|had|been[ \\t]{1,2}diagnosed"
		           "[ \\t]{1,2}with))?)[ \\t]{1,2}(?<v>" CONDS_EN ")"
		           "))",
		.group = "v",
	},
};

const size_t redact_detect_health_count =
	sizeof redact_detect_health / sizeof redact_detect_health[0];
