/*
 * records_i.h — the record rules: pattern fragments that read a line of a
 * delimited dump as a record about a person (included by detect_names.c
 * and detect_address.c, whose patterns each end with one record
 * alternative).
 *
 * A dump row has no header: cells are split by | ; , tab ， ； ---- or a
 * run of spaces. On a line that also holds a personal value (a mobile
 * number, an 18-digit ID, an e-mail address, a phone with a country or
 * area code), a cell shaped like a name is a name (张伟, 诸葛 慧蓉, Zhang
 * Wei, WANG Fang, Mary K. Smith; "Smith, John" where the delimiter is not
 * a comma) and a cell shaped like an address is an address (a Chinese one
 * with a house or group number, village addresses included; an English one
 * from its house number or flat to its postcode).
 *
 * Invariants:
 * - Bounded: the personal value is looked for at most REC_LINE_AHEAD
 *   characters ahead on the line, or in the cell right before (fixed-length
 *   lookbehinds), so every block decides alike whatever read asked for it.
 * - A value starts where the match starts (its cell's first character,
 *   past a quote), so the prefilter's anchors hold at offset 0: a Han
 *   character (RC_HIGH), a capital letter at a cell start (RC_CELLCAP) or
 *   a number (RC_ADDRNUM).
 * - Every record alternative sets the pcre2 mark REC_MARK: in a file read
 *   as CSV/TSV whose header names a personal field, the record rules yield
 *   to the header (scan.c, csv.c redact_csv_governed): no record match in
 *   the header row, none in a column the header names; there the field's
 *   action applies (a pseudonym stays a pseudonym).
 */
#ifndef REDACT_RECORDS_I_H
#define REDACT_RECORDS_I_H

#include "surnames.h"

/* The name of the pcre2 mark of the record alternatives (scan.c). */
#define REC_MARK "record"
#define REC_MARK_VERB "(*MARK:" REC_MARK ")"

/* ---- cells ------------------------------------------------------------ */

/* A one-character delimiter; "," is one too, but not for "Smith, John". */
#define REC_D1 "[|;,\\t，；]"
#define REC_D1_NC "[|;\\t，；]"
/* What may stand right before a cell's first character (fixed-length
 * branches of a lookbehind): a line start, a delimiter with a space or a
 * quote after it, ---- , two spaces (the end of a run of them; not right
 * after a key's ":" or "=", where a value follows). */
#define REC_BEFORE_CELL(d1)                                                              \
	"(?<![^\\n])|" d1 "|" d1 " |----|(?<![:：=])  |(?<![^\\n])\"|" d1 "\"|" d1 " \"|----\""    \
	"|(?<![:：=])  \""
/* (The one character before is checked first: most positions fail on it.) */
#define REC_CELL_QUICK "(?<![^\\n|;,\\t，；\" -])"
#define REC_CELL_START REC_CELL_QUICK "(?<=" REC_BEFORE_CELL(REC_D1) ")"
#define REC_CELL_START_NC "(?<=" REC_BEFORE_CELL(REC_D1_NC) ")"
/* A cell's end: blanks, a closing quote, then a delimiter or the line's
 * end; or a run of spaces. */
#define REC_CELL_END_OF(d1)                                                              \
	"(?=\"?[ \\t]{0,8}(?:" d1 "|----|\\r?\\n|$)|\"?  )"
#define REC_CELL_END REC_CELL_END_OF(REC_D1)
#define REC_CELL_END_NC REC_CELL_END_OF(REC_D1_NC)

/* ---- the personal value on the line ----------------------------------- */

/* Mobiles: 13812345678, +86 138 1234 5678, 138-1234-5678. Landlines with an
 * area code (010-12345678), international numbers (+44 20 7946 0958). */
#define REC_MOBILE                                                                       \
	"(?<![0-9])(?:(?:\\+|00)86[ -]?)?1[3-9][0-9](?:[0-9]{8}|[ -][0-9]{4}[ -][0-9]{4})(?![0-9])"
#define REC_LANDLINE "(?<![0-9])0[1-9][0-9]{1,2}-[0-9]{7,8}(?![0-9])"
#define REC_INTL "(?<![0-9A-Za-z])\\+[1-9][0-9]{0,2}[ -]?\\(?[0-9]{1,4}\\)?[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}(?![0-9])"
#define REC_ID "(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"
/* A first-generation 15-digit ID: region, yymmdd, sequence. */
#define REC_ID15_BODY "[1-8][0-9]{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}"
#define REC_ID15 "(?<![0-9])" REC_ID15_BODY "(?![0-9])"
#define REC_EMAIL "[A-Za-z0-9._%+\\-]@[A-Za-z0-9][A-Za-z0-9\\-]{0,62}\\.[A-Za-z]"
/* How far ahead on the line a personal value is looked for (characters). */
#define REC_LINE_AHEAD "240"
#define REC_VALUE_AFTER                                                                  \
	"(?=[^\\n]{0,240}?(?:" REC_MOBILE "|" REC_ID "|" REC_ID15 "|" REC_EMAIL "|" REC_LANDLINE "|" REC_INTL "))"
/* The cell right before ends with a mobile or an ID (fixed lengths), seen
 * from this cell's start across the delimiter forms between them. */
/* Each branch of a lookbehind has a fixed length: each value shape is
 * tried after each delimiter form (quoted cells: "138...","张伟"). */
#define REC_PREV(sep)                                                                    \
	"(?<=(?<![0-9])1[3-9][0-9]{9}" sep "|(?<![0-9])1[3-9][0-9][ -][0-9]{4}[ -][0-9]{4}" sep \
	"|\\+861[3-9][0-9]{9}" sep "|\\+86[ -]1[3-9][0-9]{9}" sep                          \
	"|(?<![0-9])[0-9]{17}[0-9Xx]" sep "|(?<![0-9])" REC_ID15_BODY sep ")"
#define REC_VALUE_BEFORE                                                                 \
	"(?:" REC_PREV(REC_D1) "|" REC_PREV(REC_D1 " ") "|" REC_PREV(" " REC_D1 " ")         \
	"|" REC_PREV("\"" REC_D1 "\"") "|" REC_PREV("\"" REC_D1 " \"") "|" REC_PREV("----") \
	"|" REC_PREV("  ") "|" REC_PREV("   ") "|" REC_PREV("    ") "|" REC_PREV("     ")    \
	"|" REC_PREV("      ") "|" REC_PREV("       ") "|" REC_PREV("        ") ")"
/* The value after is evidence the input's end may not have reached yet:
 * there, a cell is no record of itself (patterns_i.h, NOT_AT_END). */
#define REC_PERSON "(?:" REC_VALUE_BEFORE "|" NOT_AT_END(REC_VALUE_AFTER) ")"

/* ---- names ------------------------------------------------------------- */

/* Han characters that end a name rather than belong to it. */
#define REC_GN_STOP                                                                      \
	"的了在是和与及或我你他她们这那个有为对从到把被将也都就而但并称说认于向因等已经" \
	"自诉请要不没无各所之其此该男女性年岁月日时出生住现后前以得由入来去至上下先士师"
#define REC_GN "[^\\P{Han}" REC_GN_STOP "]"
#define REC_SUR                                                                          \
	"(?:" REDACT_SURNAMES_COMPOUND "|[" REDACT_SURNAMES_CORE REDACT_SURNAMES_HONORIFIC   \
	REDACT_SURNAMES_COLON "])"
/* 张伟, 欧阳娜娜, 钱 昊玉 (a space after the surname). */
#define REC_NAME_ZH REC_SUR "[ \\x{3000}]?" REC_GN "{1,2}"
/* A capitalised word of a Latin or pinyin name: Wei, McDonald, O'Brien,
 * Thompson-Kowalski; a family name in capitals (WANG); an initial. */
#define REC_WORD                                                                         \
	"[A-Z](?:[a-z]{0,3}[A-Z][a-z]{1,20}|'[A-Z][a-z]{1,20}|[a-z]{1,20})(?:-[A-Z][a-z]{1,20})?"
#define REC_CAPS "[A-Z]{2,12}"
#define REC_INITIAL "[A-Z]\\."
/* Words that begin capitalised pairs that are no person: places, streets,
 * companies, table and log words, greetings (Hi Hiring Committee,). */
#define REC_NOT_FIRST                                                                    \
	"(?!(?:New|San|Santa|Los|Las|Saint|St|Fort|Port|Mount|North|South|East|West|Upper"   \
	"|Lower|Great|Little|Hong|Kuala|United|Central|General|National|International|Main" \
	"|The|This|That|Not|None|Unknown|Total|Order|Product|Item|Service|Status|Error"      \
	"|Warning|Info|Debug|User|Admin|Customer|Client|Account|Test|Demo|Sample|Default"    \
	"|Mr|Mrs|Ms|Dr|Prof|Flat|Apt|Unit|Suite|Room|Monday|Tuesday|Wednesday|Thursday"      \
	"|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September"   \
	"|October|November|December|Red|Blue|Green|Black|White|Gold|Silver|Free|Pro|Max"     \
	"|Mini|Plus|Home|Office|Data|Web|App|Mobile|Phone|Email|Mail|Name|Address"             \
	"|Hi|Hello|Hey|Dear|Thanks|Thank|Regards|Best|Cheers|Welcome|Good)(?![A-Za-z]))"
/* ... and words that end them. */
#define REC_NOT_LAST                                                                     \
	"(?<!Street|Road|Avenue|Lane|Drive|Close|Park|City|Town|Center|Centre|Station"       \
	"|Airport|Hospital|School|College|University|Bank|Hotel|Store|Shop|Mall|Building"   \
	"|Tower|Plaza|Square|Garden|Gardens|House|Services|Service|Team|Department|Office"  \
	"|Group|Inc|Ltd|LLC|Corp|Company|Limited|Holdings|Technologies|Systems|Solutions"    \
	"|Committee|Board|Council"                                                           \
	"|Edition|Version|Series|Model|Kong|York|Jersey|Zealand|Island|Islands|Province"     \
	"|County|State|Republic|Kingdom|Error|Exception|Request|Response|Order|Payment)"
/* Given [middle] family (Mary K. Smith, Zhang Wei), FAMILY Given (WANG
 * Fang), Given FAMILY; Family, Given (Smith, John) only between
 * delimiters that are not commas. */
#define REC_NAME_LATIN                                                                   \
	REC_NOT_FIRST "(?:" REC_WORD "(?: (?:" REC_INITIAL "|" REC_WORD ")){0,1} " REC_WORD   \
	"|" REC_CAPS " " REC_WORD "|" REC_WORD " " REC_CAPS                                  \
	"|(?<!,|, |,\"|, \")(?:" REC_WORD "|" REC_CAPS "), " REC_WORD                        \
	"(?!\"?[ \\t]{0,8},))(?![A-Za-z.']|-[A-Za-z])" REC_NOT_LAST

/* A record alternative: a cell at a cell start whose content is shape
 * (one group, called twice), on a line that holds a personal value. The
 * shape and the cell's end are checked first: they reject most positions
 * at once. v is the first group of the alternative (the pattern's branch
 * reset numbers it like the others' v); the shape the second. */
#define REC_ALT(first, shape)                                                            \
	"(?=" first ")" REC_CELL_START REC_MARK_VERB "(?=(?+2)" REC_CELL_END ")" REC_PERSON  \
	"(?<v>(?+1))" REC_CELL_END "(?(DEFINE)(" shape "))"
/* The record alternative of the name pattern (group v). */
#define REC_NAME_ALT                                                                     \
	REC_ALT("[A-Z\\x{3400}-\\x{9fff}]", "(?:" REC_NAME_ZH "|" REC_NAME_LATIN ")")

/* ---- addresses --------------------------------------------------------- */

/* Chinese: starts with a place (a few characters, then 省 市 区 县 镇 乡
 * 旗 盟), holds a house, group or flat number, and runs to its cell's end
 * (estate names and all: 路12号阳光小区3栋2单元501室, 西屯村3组12号). */
#define REC_ADDR_ZH_CHAR "[\\x{3400}-\\x{9fff}0-9０-９A-Za-z\\-－#()（）·]"
#define REC_ADDR_ZH                                                                      \
	"(?=[\\x{3400}-\\x{9fff}]{1,8}?[省市区县镇乡旗盟])"                                  \
	"(?=" REC_ADDR_ZH_CHAR "{0,60}?[0-9０-９](?:号|组|栋|幢|室|弄|单元|楼|层))"           \
	REC_ADDR_ZH_CHAR "{4,80}"
/* English: a house number (a flat before it), and either up to a UK, US or
 * Canadian postcode (commas allowed) or, without one, up to a delimiter
 * that is not a comma. */
#define REC_POSTCODE                                                                     \
	"(?:[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}|[A-Z]{2} [0-9]{5}(?:-[0-9]{4})?"          \
	"|[A-Z][0-9][A-Z] [0-9][A-Z][0-9])(?![0-9A-Za-z])"
#define REC_ADDR_EN_HEAD                                                                 \
	"(?:(?:Flat|Apt|Apartment|Unit|Suite|Room)\\.? ?#?[0-9][0-9A-Za-z\\-]{0,5},? )?"      \
	"[0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,4})? [A-Z]"
#define REC_ADDR_EN                                                                      \
	REC_ADDR_EN_HEAD "(?:[^|;\\t\\n\"]{0,100}?" REC_POSTCODE "(?=" REC_CELL_END ")"      \
	"|[^|;,\\t\\n\"]{2,100}?(?=" REC_CELL_END_NC "))"
#define REC_ADDR_ALT                                                                     \
	REC_ALT("[FAURS0-9\\x{3400}-\\x{9fff}]", "(?:" REC_ADDR_ZH "|" REC_ADDR_EN ")")

#endif
