/*
 * address_en_i.h — the grammar of Western postal addresses, as pattern
 * fragments for detect_address.c.
 *
 * Number-first (UK, US, Canada): [unit,] house number + street name +
 * street type [+ direction] [, unit] [, town [,] postcode]: "Flat 8B, 151
 * Kings Road, Bristol BS9 8EG", "2716 W 3rd St, Apt 14C, Albany, NY
 * 12276-5681", "163 Jasper Avenue, Toronto, ON M0T 0N8", "1356 Rue
 * Sainte-Catherine, Halifax, NS B6Y 6Z5". Street-first (Netherlands,
 * Germany): street + house number, then the postcode and the town:
 * "Keizersgracht 123, 1012 AB Amsterdam", "Hauptstraße 5, 10115 Berlin";
 * detect_address.c's validator asks that the street be a street by its
 * word (…straße, …straat, …weg, Am …).
 *
 * The parts may be on one line (", ") or on lines of their own, as in a
 * letterhead. Invariant: every fragment is bounded (patterns_i.h), and a
 * match starts at a digit, at a unit word at most 32 bytes before a house
 * number, or at a capital at most 168 bytes before a postcode of four or
 * five digits (the detector's anchors).
 */
#ifndef REDACT_ADDRESS_EN_I_H
#define REDACT_ADDRESS_EN_I_H

/* Between the parts: a comma and blanks, and/or a line break before a
 * line that can go on with the address. */
#define EN_NL "\\r?\\n[ \\t]{0,2}(?=[A-Z0-9#'])"
#define EN_BR "(?:,[ \\t]{0,2}(?:" EN_NL ")?|[ \\t]{0,2}" EN_NL ")"
/* Between a town and its postcode: blanks too. */
#define EN_BR_POST "(?:,?[ \\t]{1,2}|" EN_BR ")"
#define EN_NUM "[0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,4})?"
#define EN_WORD "(?:[A-Z][a-z'’]{1,20}\\.?|[0-9]{1,3}(?:st|nd|rd|th)|[NSEW]\\.?)"
#define EN_TYPE                                                                          \
	"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way"   \
	"|Place|Pl|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Sq|Close|Crescent|Cres"        \
	"|Gardens|Gdns|Mews|Circle|Cir|Trail|Trl|Parade|Broadway|Esplanade|Quay|Wharf"    \
	"|Loop|Plaza|Alley)"
/* Types that are surnames and words too ("2021 Ryan Green", "3 Blue
 * Hill"): such a street needs a unit, a town and postcode after it. */
#define EN_TYPE_WEAK "(?:Green|Hill|Park|Rise|Vale|View|Walk|Row|Grove|Heights|Crossing)"
#define EN_DIR "(?: (?:North|South|East|West|NE|NW|SE|SW|N|S|E|W)(?![A-Za-z]))?"
/* French-Canadian order: the type first (1356 Rue Sainte-Catherine). */
#define EN_FR                                                                            \
	"(?:Rue|Avenue|Boulevard|Boul\\.|Chemin|Route|Place|Rang|Montée|Côte|Allée)"       \
	"(?: (?:de la|de l'|du|des|de|d'|la|le|l'))? ?[A-Z][\\p{L}'-]{1,30}"                  \
	"(?: [A-Z][\\p{L}'-]{1,30}){0,2}"
/* A unit: a unit word (detect_address.c lists them again as cue words)
 * and its number, or "#12". */
#define EN_UNIT_WORD                                                                     \
	"(?:Flat|Apartment|Apt|Unit|Suite|Ste|Room|Rm|Floor|Fl|FLAT|APT|UNIT|SUITE)\\.? ?#?"      \
	"[0-9A-Za-z][0-9A-Za-z\\-]{0,5}"
#define EN_UNIT "(?:" EN_UNIT_WORD "|#[0-9A-Za-z][0-9A-Za-z\\-]{0,5})"
#define EN_UNIT_AFTER "(?:(?:,? |" EN_BR ")" EN_UNIT ")"
/* A town: one to three capitalised words, with the small words of
 * Stratford-upon-Avon, Frankfurt am Main, Alphen aan den Rijn. */
#define ADDR_TOWN_WORD "(?:'s-)?[A-ZÄÖÜ][\\p{Ll}'’]{1,24}"
#define ADDR_TOWN                                                                        \
	ADDR_TOWN_WORD "(?:[ -](?:(?:upon|on|am|an der|an|im|sur|en|aan den|aan de|aan|op|bei)" \
	"[ -])?" ADDR_TOWN_WORD "){0,2}"
#define POST_UK "[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}"
#define POST_US "[A-Z]{2} {1,2}[0-9]{5}(?:-[0-9]{4})?"
#define POST_CA "[A-Z]{2},? {1,2}[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]"
#define EN_TOWN_POST                                                                     \
	"(?:" EN_BR "(?:" ADDR_TOWN EN_BR_POST "){0,2}(?:" POST_US "|" POST_CA "|" POST_UK        \
	")(?![A-Za-z0-9]))"
/* Words that count things rather than name a street: "200 Million
 * Street Fighter copies". */
#define EN_NOT_STREET                                                                    \
	"(?!(?:Million|Billion|Thousand|Hundred|Dollars?|Euros?|Pounds?|Percent|Years?"   \
	"|Months?|Days?|Hours?|Minutes?|Times|Miles?|Feet|Points?|Players?|Pages?)[ ,.])"
#define EN_STREET                                                                        \
	EN_NUM " (?=[A-Z0-9])" EN_NOT_STREET "(?:(?:" EN_WORD " ){1,4}(?:" EN_TYPE            \
	"(?![A-Za-z])\\.?" EN_DIR "|" EN_TYPE_WEAK "(?![A-Za-z])" EN_DIR "(?=" EN_UNIT_AFTER  \
	"|" EN_TOWN_POST "))|" EN_FR ")"
/* Number-first, from the house number or from a unit before it. */
#define EN_REST EN_STREET EN_UNIT_AFTER "?" EN_TOWN_POST "?"
#define ADDR_EN                                                                          \
	"(?=[0-9])(?:(?<![0-9A-Za-z\\-])|(?<=--))(?<v>" EN_REST ")"                            \
	"|(?=[FASUR])(?<![A-Za-z#])(?<v>" EN_UNIT_WORD EN_BR EN_REST ")"

/* Street-first: a street of one to three words (Lindenstraße, Am Markt,
 * Unter den Linden, Karl-Marx-Allee), a house number (16a, 260A, 286 bis,
 * 243-2, 123-II), then a Dutch (1012 AB), German (10115), Swiss or
 * Austrian (8001) postcode and the town. A quick look at the first word comes before the fence: most
 * capitals fail at their second letter. */
#define EU_LOWER "[a-zäöüßéèëïç]"
#define EU_WORD "[A-ZÄÖÜ]" EU_LOWER "{1,20}\\.?"
#define EU_SMALL "(?:den|der|dem|de|het|van|am|an|im|zum|zur|op|aan|la|le|du|des)"
#define EU_STREET EU_WORD "(?:[ -](?:" EU_SMALL " )?" EU_WORD "){0,2}"
#define EU_NUM                                                                           \
	"[1-9][0-9]{0,3}[A-Za-z]?(?:[-/][0-9]{1,3}[A-Za-z]?|-[IVX]{1,4})?"                    \
	"(?: (?:bis|hs|[A-Za-z])(?![\\p{L}\\p{N}]))?"
#define EU_POST                                                                          \
	"(?:[1-9][0-9]{3}(?: ?[A-Z]{2})?|(?:D-)?[0-9]{5})(?![\\p{L}\\p{N}])"
#define ADDR_EU                                                                          \
	"(?=[A-ZÄÖÜ]" EU_LOWER "{1,20}[. -])(?:(?<![\\p{L}\\p{N}.'’\\-])|(?<=--))"               \
	"(?<v>" EU_STREET " " EU_NUM EN_BR EU_POST " " ADDR_TOWN ")"

#endif /* REDACT_ADDRESS_EN_I_H */
