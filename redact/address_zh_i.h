/*
 * address_zh_i.h — the grammar of a Chinese postal address, as pattern
 * fragments for detect_address.c.
 *
 * An address is a run of parts in their order: administrative levels
 * (省/自治区/市/区/县/旗/镇/乡/街道/村), a street (路/街/大道/巷/胡同/弄), then
 * numbered parts (号/弄/组/栋/幢/座/单元/楼/层/室), an estate's name after
 * the house number (…花园, …小区, …苑) and a building-unit-room triple
 * (5-3-204), up to the end of the room number. Two parts at least.
 *
 * Invariant: every fragment is bounded (see patterns_i.h). A start is
 * rejected in a few steps: only at the first character of a Han run (or
 * after a word that stands before an address: 在, 住, 到, 去, 为 ...), and
 * only if a level or street character follows within nine characters.
 */
#ifndef REDACT_ADDRESS_ZH_I_H
#define REDACT_ADDRESS_ZH_I_H

/* Han characters that end a place name rather than belong to it: function
 * words, determiners and verbs that stand before or after an address
 * (在, 住, 址, 寄, 去, 各, 附近...). */
#define ADDR_STOP                                                                        \
	"的了在是和与及或我你他她们这那个有为对从到把被将也都就而但并很住址于自至往寄送去来处位即系" \
	"曾已均由各该此每其附找"
#define ADDR_HAN "[\\x{3400}-\\x{9fff}]"
/* Stop characters that begin or end common place names: 和平路, 和田,
 * 呼和浩特, 成都, 首都, 都江堰, 花都区, 丰都县, 自贡, 来宾, 个旧, 于都, 东至县. */
#define ADDR_STOP_OK                                                                     \
	"(?:和(?=[平田县浩])|(?<=[成首京])都|都(?=[江匀区市县镇])|自(?=贡)|来(?=宾)|个(?=旧)"   \
	"|于(?=[都田洪])|至(?=县))"
/* Verbs that stand right before an address (放, 搬到) but may be
 * inside a street's name (解放路): not in a first level's name, and an
 * address may start after them. */
#define ADDR_LEAD "放搬"
/* A character of a place name: Han, not a stop character. (A range and a
 * negative look ahead: much cheaper in pcre2's JIT than \p{Han}.) */
#define ADDR_NC "(?:(?![" ADDR_STOP "])" ADDR_HAN "|" ADDR_STOP_OK ")"
/* ... of the first level's name or street's name. */
#define ADDR_NF "(?:(?![" ADDR_STOP ADDR_LEAD "])" ADDR_HAN "|" ADDR_STOP_OK ")"
/* Where an address may start: after a non-Han character or a stop
 * character (我住在…, 地址是否为…, 寄到…, 明天去…), not at "改成/换为" nor
 * at a numbered part's word (第5号台风); and
 * only if a level or street character follows within nine characters.
 * Rejects most positions of a Chinese text in one or two steps. */
#define ADDR_START                                                                       \
	"(?:(?<!" ADDR_HAN ")|(?<=[" ADDR_STOP ADDR_LEAD "发成]))"                             \
	"(?!(?:改|换|变更?|更改?)[成为]|[号楼室层栋幢座单元组弄])"                             \
	"(?=" ADDR_HAN "{1,8}?[省市区县旗盟镇乡村道街路巷同弄])"
/* Administrative levels, longest first. */
#define ADDR_ADMIN                                                                       \
	"(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|区|县|旗|盟|镇|乡|街道|村)"
#define ADDR_STREET "(?:大道|大街|路|街|巷|胡同|弄|道)(?:[东西南北中一二三四五六七八九十]段)?"
/* A number: digits (ASCII or full-width, or 一...十), a letter (D座). */
#define ADDR_DIGITS                                                                      \
	"(?:[0-9０-９]{1,5}(?:[-－][0-9０-９]{1,4})?|[A-Za-z]|[一二三四五六七八九十]{1,3})"
/* A numbered part: house, lane, village group, building, unit, floor,
 * room. */
#define ADDR_N                                                                           \
	"(?:" ADDR_DIGITS "(?:号院|号楼|号(?![线码])|栋|幢|座|单元|室|楼|层|弄|组|巷|排))"
/* An estate's name after the house number, a village or a street:
 * 福馨家园, 丽景苑, 华府名邸, 阳光小区. A word of its own kind ends it (the
 * longest such word within seven characters). */
#define ADDR_ESTATE_END                                                                  \
	"(?:花园|家园|小区|社区|公寓|大厦|大楼|广场|中心|新村|新城|山庄|公馆|名都|华庭|雅居"    \
	"|[苑园庭府邸湾城居阁轩里坊墅寓舍院庄])"
#define ADDR_ESTATE "(?<=[号院村路街道巷弄])(?&zc){1,7}" ADDR_ESTATE_END
/* Building-unit-room written with dashes: 5-3-204, 19-2-2805, 12-1203. */
#define ADDR_BLDG "[0-9０-９]{1,3}(?:[-－][0-9０-９]{1,4}){1,2}(?![0-9０-９])"
/* A room number after a building, unit or floor: 2幢1005, 4单元1704. */
#define ADDR_ROOM "(?<=[座栋幢元楼层])[0-9０-９]{2,5}(?![0-9０-９])"
/* The parts used more than once, as named subroutines (a fragment
 * repeated in place would copy it each time: pcre2 caps a pattern's
 * compiled size). ADDR_ZH_DEFINE goes once at the end of the pattern. */
#define ADDR_ZH_DEFINE                                                                   \
	"(?(DEFINE)(?<zc>" ADDR_NC ")(?<zf>" ADDR_NF ")(?<zn>" ADDR_N ")"                      \
	"(?<zt>" ADDR_N "|" ADDR_ESTATE "|" ADDR_BLDG "))"
#define ADDR_ZC "(?&zc)"
/* The first level: a name of two to five characters (市区道路 is no
 * address, nor 号台风登陆广东省), of one before 县/镇/乡/村/旗 (沛县), of more
 * before 自治区/县/旗 (新疆维吾尔自治区; ADDR_START's look ahead bounds it). */
#define ADDR_FIRST                                                                       \
	"(?:(?&zf){2,5}?" ADDR_ADMIN "|(?&zf){2,11}?自治[区州县旗]|(?&zf)[县镇乡村旗])"
/* A further level, a street (a blank may stand before it: 北京市 朝阳区). */
#define ADDR_R "(?:[ 　]?" ADDR_ZC "{1,5}?" ADDR_ADMIN ")"
#define ADDR_S "(?:[ 　]?" ADDR_ZC "{1,8}?" ADDR_STREET ")"
/* What follows the last level or street. */
#define ADDR_TAIL "(?&zt){0,8}(?:" ADDR_ROOM ")?"

/* A Chinese address: two parts at least (省+市, 市+路, 路+号, 村+组,
 * 区+栋+单元), then the numbered parts. */
#define ADDR_ZH                                                                          \
	ADDR_START "(?<v>(?:" ADDR_FIRST "(?:" ADDR_R "{1,5}" ADDR_S "?|" ADDR_S ")" ADDR_TAIL \
	"|" ADDR_FIRST "(?:(?&zn)(?&zt)|(?<=村)(?&zn))" ADDR_TAIL                              \
	"|(?&zf){1,8}?" ADDR_STREET "(?&zn)" ADDR_TAIL "))"

#endif /* REDACT_ADDRESS_ZH_I_H */
