/*
 * name_gazetteer.h — is a short run of words a person's name? Checks
 * against word lists of given names and family names (English, and
 * Chinese in pinyin or in characters), for the prose name detector
 * (detect_names.c), whose pattern supplies the context (Dear, convicted,
 * 您好...) and leaves the words to these checks.
 */
#ifndef REDACT_NAME_GAZETTEER_H
#define REDACT_NAME_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Latin script: two or three words (an initial "J." may stand between),
 * given name and family name in either order, each from a list: an
 * English given name with a family name that is no common noun (Jordan
 * River is not a name), or a pinyin family name with a given name of one
 * to three pinyin syllables (Zhang Wei, Haoran Luo, YAO Yu). Han: a
 * family name of redact/surnames.h and one or two more characters that do
 * not make a common word (高兴, 周末). A value of both scripts is checked
 * by its first byte. */
bool redact_name_prose_valid(const uint8_t *v, size_t len);

/* A signature under a closing (Regards,\nJane) or the words after Dear:
 * weak contexts, where a company (Initech), a team (Engineering) or a
 * department stand as often as a person. One Latin word must be a given
 * name of the list; two or three words must pass redact_name_prose_valid;
 * Han is not checked here (its contexts have their own lists). The name
 * detector's alternatives that need it set the pcre2 mark NAME_CHECK_MARK
 * (scan.c asks this function for their values). */
#define NAME_CHECK_MARK "name-check"
bool redact_name_weak_context_valid(const uint8_t *v, size_t len);

/* A name with no context at all (a segment of a file's name: 张伟,
 * john smith): Han, two or three characters starting with a surname safe
 * in every context (surnames.h, CORE), no common word; Latin, exactly two
 * words, an English given name the list knows before a family name, or a
 * pinyin family name and given name in either order. Stricter than
 * redact_name_prose_valid: no given name outside the lists. */
bool redact_name_alone_valid(const uint8_t *v, size_t len);

/* The single-word checks, for tests. w: ASCII letters, any case. */
bool redact_name_is_first_en(const char *w, size_t len);
bool redact_name_is_last_en(const char *w, size_t len);
bool redact_name_is_pinyin_surname(const char *w, size_t len);
bool redact_name_is_pinyin_given(const char *w, size_t len);

#endif /* REDACT_NAME_GAZETTEER_H */
