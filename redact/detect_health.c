/*
 * detect_health.c — the built-in detector of health data: diagnoses,
 * conditions, medical history.
 *
 * A condition is found after a diagnosis or history cue (诊断：, 既往史：,
 * 患有, diagnosis:, diagnosed with, history of) and masked to the end of
 * its clause, or up to a date that follows it (when it happened stays
 * readable). The English cue words are listed again as .cues for the
 * prefilter. The rules at the top of detect_contact.c apply (bounded).
 */
#include "patterns_i.h"
#include "redact_i.h"

/* ---- health -------------------------------------------------------- */

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
#define HEALTH_VAL_EN                                                                    \
	"[^\\s.;\"|,:](?:[^.;\\n\\r\"|,]{0,39}?" HEALTH_STOP_EN "|[^.;\\n\\r\"|,]{0,39})"
/* A condition after "history of": a known term, or up to three words
 * ending in a disease word (rheumatoid arthritis, Crohn's disease,
 * chronic kidney disease stage 3); never "the"/"a"... first. */
#define HEALTH_COND_EN                                                                   \
	"(?!(?i:the|a|an|this|that|these|those|our|its|his|her|their|my|your|no|any)\\s)"  \
	"(?:[A-Za-z][A-Za-z'\\-]{1,20} ){0,3}(?:(?i:[a-z'\\-]{0,20}"                      \
	"(?:itis|osis|emia|aemia|pathy|algia|oma)|disease|disorder|syndrome|cancer"           \
	"|failure|infection|insufficiency|migraine|gout|stroke|COPD)"                        \
	"(?: (?i:stage|type|grade|class) [0-9IV]{1,3}| [A-E](?![A-Za-z]))?"                  \
	"|" HEALTH_TERM_EN ")"
#define HEALTH_TERM_EN                                                                   \
	"(?i:HIV(?:-positive| positive)?|AIDS|type [12] diabetes|diabetes|hypertension"     \
	"|depression|cancer|hepatitis [BC]|tuberculosis|schizophrenia|bipolar disorder"     \
	"|epilepsy|asthma|dementia|pregnancy|leukemia|syphilis|anxiety disorder|anxiety)"

/* The first word of every English cue of the health pattern, with what it
 * needs next (struct redact_cue). */
static const struct redact_cue health_cues[] = {
	REDACT_CUE("diagnosis", REDACT_CUE_KEY_SEP), REDACT_CUE("diagnoses", REDACT_CUE_KEY_SEP),
	REDACT_CUE("medical", "history|condition"),
	REDACT_CUE("condition", REDACT_CUE_KEY_SEP), REDACT_CUE("allergies", REDACT_CUE_KEY_SEP),
	REDACT_CUE("allergy", REDACT_CUE_KEY_SEP),
	REDACT_CUE("chief", "complaint"), REDACT_CUE("health", "status"),
	REDACT_CUE("diagnosed", "with"), REDACT_CUE("suffers", "from"),
	REDACT_CUE("suffering", "from"), REDACT_CUE("history", "of"),
	REDACT_CUE("positive", "for"), REDACT_CUE("treated", "for"),
	REDACT_CUE("treatment", "for"), REDACT_CUE("allergic", "to"), REDACT_CUES_END,
};

const struct redact_builtin redact_detect_health[] = {
	{
		.name = "health",
		.anchor = {{RC_HIGH, 0, 0}, {RC_CUE, 0, 0}},
		.cues = health_cues,
		.description = "health data: the value after a diagnosis or medical-history cue "
		               "(诊断：, 既往史：, 患有, diagnosis:, diagnosed with), to the clause end",
		.example = "诊断：2型糖尿病",
		.example_masked = "诊断：*＊＊＊＊",
		.pattern = "(?|"
		           /* a colon after the cue, or a cue ending in 为/有/患/出 */
		           "(?:诊断(?:为|结果|出)?|初步诊断|确诊(?:为|患有)?|被诊断[为出]|既往(?:病?史|有)"
		           "|病[史情因名]|过敏史|家族史|主诉|疾病名称|患有|罹患)"
		           "(?:[ \\t]{0,2}[:：][ \\t]{0,2}|(?<=[为有患出]))(?<v>" HEALTH_VAL_CN ")"
		           "|(?=[A-Za-z])(?<![A-Za-z])(?|"
		           "(?i:diagnosis|diagnoses|medical history|medical condition|condition"
		           "|allergies|allergy|chief complaint|health status)[\"']?"
		           "[ \\t]{0,2}[:=][ \\t]{0,2}[\"']?(?<v>" HEALTH_VAL_EN ")"
		           "|(?i:diagnosed with|suffers from|suffering from)[ \\t]{1,2}"
		           "(?<v>" HEALTH_VAL_EN ")"
		           "|(?i:history of|positive for|treated for|treatment for"
		           "|allergic to)[ \\t]{1,2}(?<v>" HEALTH_COND_EN ")(?![A-Za-z])"
		           "))",
		.group = "v",
	},
};

const size_t redact_detect_health_count =
	sizeof redact_detect_health / sizeof redact_detect_health[0];
