/*
 * detect_address.c — the built-in detector of postal addresses: Chinese
 * addresses (省/市/区/路/号...) and English street addresses.
 *
 * A Chinese address only starts where a run of Han characters starts (or
 * after a word that stands before one: 住, 寄, 在) and needs two parts at
 * least; an English one starts at a house number and needs a street type.
 * The whole address is the value. The rules at the top of detect_contact.c
 * apply (bounded).
 */
#include "patterns_i.h"
#include "records_i.h"
#include "redact_i.h"

/* ---- address ------------------------------------------------------- */

/* Han characters that end a place name rather than belong to it: function
 * words and verbs that stand before an address (在, 住, 址, 寄...). */
#define ADDR_STOP "的了在是和与及或我你他她们这那个有为对从到把被将也都就而但并很住址于自至往寄送去来处位即系曾已均由"
#define ADDR_HAN "[\\x{3400}-\\x{9fff}]"
/* A character of a place name: Han, not a stop character. (A range and a
 * negative look ahead: much cheaper in pcre2's JIT than \p{Han}.) */
#define ADDR_NC "(?:(?![" ADDR_STOP "])" ADDR_HAN "|" ADDR_STOP_OK ")"
/* Stop characters that begin or end common place names: 和平路, 和田,
 * 成都, 首都, 都江堰, 自贡. */
#define ADDR_STOP_OK "(?:和(?=[平田县])|(?<=[成首京])都|都(?=[江匀])|自(?=贡))"
/* Where an address may start: after a non-Han character or one of the
 * words that usually precede one; and only if an address keyword follows
 * within nine characters. Rejects most positions in a few steps. */
#define ADDR_START                                                                       \
	"(?:(?<!" ADDR_HAN ")|(?<=[在住址于至往寄送发到从自为是的成]))"                     \
	"(?!(?:改|换|变更?|更改?)[成为])"                                                  \
	"(?=" ADDR_HAN "{1,8}?[省市区县旗盟镇乡村道街路巷同])"
#define ADDR_ADMIN "(?:特别行政区|自治区|自治州|自治县|省|市|区|县|旗|盟|镇|乡|街道|村)"
#define ADDR_STREET "(?:大道|大街|路|街|巷|胡同)"
#define ADDR_R "(?:" ADDR_NC "{1,5}?" ADDR_ADMIN ")"
#define ADDR_S "(?:" ADDR_NC "{1,8}?" ADDR_STREET ")"
#define ADDR_N                                                                           \
	"(?:(?:[0-9０-９]{1,5}(?:[-－][0-9０-９]{1,4})?|[A-Z])"                          \
	"(?:号院|号楼|号|栋|幢|座|单元|室|楼|层|弄))"
#define EN_TYPE                                                                          \
	"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way"   \
	"|Place|Pl|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Sq)"
#define EN_WORD "(?:[A-Z][a-z]{1,20}|[0-9]{1,3}(?:st|nd|rd|th)|[NSEW]\\.?)"
#define EN_UNIT                                                                          \
	"(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|Floor|Fl)\\.? ?#?[0-9A-Za-z]"     \
	"[0-9A-Za-z\\-]{0,5}|,? #[0-9A-Za-z][0-9A-Za-z\\-]{0,5})"
#define EN_CITY                                                                          \
	"(?:, [A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2},? [A-Z]{2} [0-9]{5}"            \
	"(?:-[0-9]{4})?(?![0-9]))"

const struct redact_builtin redact_detect_address[] = {
	{
		.name = "address",
		.anchor = {{RC_HIGH, 0, 0}, {RC_ADDRNUM, 0, 0}, {RC_CELLCAP, 0, 0}},
		.description = "postal addresses: Chinese (省/市/区/路/号...) with two or more "
		               "parts, English street addresses with number and street type",
		.example = "上海市浦东新区世纪大道100号",
		.pattern = "(?|"
		           /* records (records_i.h): a cell of a dump row beside a phone;
		            * first, so that the whole cell wins over a shorter match */
		           REC_ADDR_ALT "|"
		           /* Chinese: two parts at least (省+市, 市+路, 路+号, 区+栋+室) */
		           ADDR_START "(?<v>" ADDR_NC "{1,8}?(?:" ADDR_ADMIN "(?:" ADDR_R "{1,5}"
		           ADDR_S "?|" ADDR_S "|" ADDR_N "{2})|" ADDR_STREET "(?=" ADDR_N "))" ADDR_N
		           "{0,6}(?:(?<=[座栋幢])[0-9０-９]{2,5}(?![0-9０-９]))?)"
		           /* English: 1600 Example Avenue, Apt 4B, Springfield, IL 62704 */
		           "|(?=[0-9])(?<![0-9A-Za-z\\-])(?<v>[0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,4})? "
		           "(?:" EN_WORD " ){1,4}" EN_TYPE "(?![A-Za-z])\\.?" EN_UNIT "?" EN_CITY
		           "?)"
		           ")",
		.group = "v",
	},
};

const size_t redact_detect_address_count =
	sizeof redact_detect_address / sizeof redact_detect_address[0];
