/*
 * health_i.h — the health detector's C helpers (health_lexicon.c,
 * health_context.c): whether a phrase names a condition, and whether a
 * list item stands under a diagnosis heading. detect_health.c reaches them
 * through pcre2 callouts (REDACT_HEALTH_CO_*), so that a candidate that is
 * not a condition makes pcre2 backtrack to a shorter one.
 *
 * Invariant: every helper reads only the bytes it is given, and the
 * callout no more than REDACT_BEHIND bytes before a match's start (the
 * context every block carries), so a block's marks depend on its subject
 * alone.
 */
#ifndef REDACT_HEALTH_I_H
#define REDACT_HEALTH_I_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

/* Callout numbers used in detect_health.c's pattern: each checks the
 * capture that closed last. */
#define REDACT_HEALTH_CO_ZH "101"   /* a Chinese condition */
#define REDACT_HEALTH_CO_EN "102"   /* an English condition */
#define REDACT_HEALTH_CO_ITEM "103" /* a list item under a diagnosis heading
                                     * (checked as a condition when the
                                     * heading is a weak one: 结论, Assessment) */

/* health_lexicon.c: whether s[0..n) names a condition: a lexicon term, or
 * a term or a disease word (…病, …炎, -itis, disease, disorder…) with
 * modifiers before it and qualifiers after it (3级, （极高危）, 术后,
 * stage 4, ", recurrent", "of the liver"). Not figures of speech (毛病,
 * 心病, 懒癌) nor non-medical uses the lexicon knows of. */
bool redact_health_condition_zh(const uint8_t *s, size_t n);
bool redact_health_condition_en(const uint8_t *s, size_t n);

/* health_context.c: the callout of the health pattern (pcre2_set_callout
 * in catalog.c). Returns 0 to go on, 1 to fail here (backtrack). */
int redact_health_callout(pcre2_callout_block *cb, void *data);

#endif /* REDACT_HEALTH_I_H */
