/*
 * patterns_i.h — pattern fragments shared by the built-in detectors
 * (detect_*.c), defined once.
 *
 * Invariant kept by every fragment here: it is bounded. No repetition runs
 * without an upper limit, so a built-in match, and a partial match at a
 * subject's cut, never reaches further than a value can be long: a run of
 * ten thousand digits is decided without reading to its end (scan.c fails
 * a read only where a value could run past the block's reach).
 */
#ifndef REDACT_PATTERNS_I_H
#define REDACT_PATTERNS_I_H

/* A digit, ASCII or full-width (U+FF10..U+FF19). */
#define D "[0-9０-９]"

/* Appended as the last alternative of a pattern whose matches cannot start
 * right after a character of cls: when nothing matched at the start of a
 * run of such characters, no match starts inside it either, so the search
 * goes on after the run ((*SKIP)) instead of trying each position in it.
 * The run is taken 64 characters at a time: at the next 64 the pattern's
 * own fence (a cls character before it) fails at once and the run is
 * skipped further, so the matches are the same, and an endless run never
 * reaches a subject's cut. */
#define SKIP_RUN_END "{1,64}+(*SKIP)(*F)"
#define SKIP_RUN(cls) "|" cls SKIP_RUN_END

/* An alternative that never matches, starting with an ASCII '(': with it
 * pcre2's JIT looks for start positions with its start-bit table instead
 * of its multi-character fast-forward, which is slower on a set mixing
 * ASCII and full-width digits (measured: 10-15% of such a detector's time
 * on prose). Harmless otherwise. */
#define JIT_SCAN_HINT "|\\((*F)"

/* A cue word right before a value, as a lookbehind (so that a match starts
 * at the value, not at every letter that could begin a cue), followed by
 * nothing, one of ":：.# ", ": ", " No." or " No. ". Each top-level branch
 * of a lookbehind has a fixed length; words of different lengths are
 * separate branches. The suffix is checked first (cheap), then the words. */
#define CUE_LB(last, words)                                                                        \
	"(?<=[:：.# ]|" last ")(?:(?<=" last ")" words "|(?<=[:：.# ])(?<=(?<=" last ")" words ".)"     \
	"|(?<=[:：.] )(?<=(?<=" last ")" words "..)|(?<= [Nn]o[.:])(?<=(?<=" last ")" words "....)"     \
	"|(?<= [Nn]o[.:] )(?<=(?<=" last ")" words ".....))"
/* Words ending in one of the characters last: that one character is
 * checked first, as most positions fail there. */
#define CUE(last, words) "(?<=" last ")(?<=" words ")"
/* English words not glued to a letter before them. */
#define EN(words) "(?<![A-Za-z])(?:" words ")"

/* An English month name, full or abbreviated (dates of birth, dates that
 * end a health value). */
#define MONTH_EN                                                                         \
	"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"          \
	"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?"

/* SKIP_RUN and JIT_SCAN_HINT alternatives never match, but at the end of
 * the input pcre2 would call a run they consumed unfinished. catalog.c
 * compiles each built-in a second time without them (its end_pattern)
 * for deciding what is unfinished there (scan.c). */

/* Wraps an alternative, written right after a '|', whose evidence comes
 * after its value (a letterhead's name: the address line under it). At
 * the input's end it would call every line of the value's shape
 * unfinished ("Account Manager\n" under a signature), so the end pattern
 * leaves it out too: a value it finds is one whose evidence is there. */
#define NOT_AT_END_OPEN "(?#not-at-end)"
#define NOT_AT_END_CLOSE "(?#/not-at-end)"
#define NOT_AT_END(alt) NOT_AT_END_OPEN alt NOT_AT_END_CLOSE

#endif /* REDACT_PATTERNS_I_H */
