/*
 * detect_places.c — built-in detectors for whereabouts: geographic
 * coordinates and Chinese licence plates (postal addresses are in
 * detect_address.c).
 *
 * The patterns follow the rules at the top of detect_contact.c (explicit
 * lookarounds instead of \b, every repetition bounded). For throughput a
 * pattern should reject a start position after one or two cheap checks.
 */
#include <stdlib.h>
#include <string.h>

#include "redact_i.h"

/* ---- geo ----------------------------------------------------------- */

/* Reads the ASCII numbers of s (digits with at most one '.') into v.
 * Returns how many (at most cap). */
static size_t numbers_of(const uint8_t *s, size_t len, double *v, size_t cap)
{
	size_t n = 0, i = 0;
	while (i < len && n < cap) {
		if (s[i] < '0' || s[i] > '9') {
			i++;
			continue;
		}
		char buf[32];
		size_t k = 0;
		while (i < len && k + 1 < sizeof buf &&
		       ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && !memchr(buf, '.', k))))
			buf[k++] = (char)s[i++];
		buf[k] = '\0';
		v[n++] = strtod(buf, NULL);
	}
	return n;
}

static bool has(const uint8_t *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

/* Degrees, minutes and seconds in range; a pair of decimals is a latitude
 * and a longitude in either order; a single value is within +-180. */
static bool valid_geo(const uint8_t *s, size_t len)
{
	double v[3];
	size_t n = numbers_of(s, len, v, 3);
	bool dms = has(s, len, "'") || has(s, len, "\xe2\x80\xb2") || /* ′ */
	           has(s, len, "\xe2\x80\x99") || has(s, len, "\xe5\x88\x86"); /* ’ 分 */
	if (n == 0)
		return false;
	if (dms)
		return v[0] <= 180 && (n < 2 || v[1] < 60) && (n < 3 || v[2] < 60);
	if (n == 2)
		return v[0] <= 180 && v[1] <= 180 && (v[0] <= 90 || v[1] <= 90);
	return n == 1 && v[0] <= 180;
}

#define GEO_NUM "[-+]?[0-9]{1,3}\\.[0-9]{3,10}"
#define GEO_DEG "(?:°|º|度)"
#define GEO_MIN "(?:′|'|’|分)"
#define GEO_SEC "(?:″|\"|''|”|秒)"
#define GEO_DMS                                                                          \
	"[0-9]{1,3}" GEO_DEG " ?[0-9]{1,2}(?:\\.[0-9]{1,4})?" GEO_MIN                    \
	"(?: ?[0-9]{1,2}(?:\\.[0-9]{1,4})?" GEO_SEC ")?"
#define GEO_DEC_DEG "[0-9]{1,3}\\.[0-9]{2,8}°"
#define GEO_HEMI_CN "(?:北纬|南纬|东经|西经)"
/* A number preceded by another decimal and a comma belongs to a list. */
#define GEO_NOT_LIST                                                                     \
	"(?<!\\.[0-9],|\\.[0-9]{2},|\\.[0-9]{3},|\\.[0-9]{4},|\\.[0-9]{5},|\\.[0-9]{6},"  \
	"|\\.[0-9], |\\.[0-9]{2}, |\\.[0-9]{3}, |\\.[0-9]{4}, |\\.[0-9]{5}, |\\.[0-9]{6}, )"

/* A bare pair of decimals is a position only where the text says a place
 * is meant: right after a word of whereabouts (at, location, 坐标, 位置,
 * 在, GeoJSON's "coordinates" ...) and up to five separators, or after
 * the "], [" of an array of pairs (the later points of a GeoJSON line or
 * polygon: a track of where someone went). Prices,
 * measurements and scores with as many decimals are not positions. */
#define GEO_CTX_EN(w) "(?<![A-Za-z])" w
#define GEO_CTX_WORD                                                                     \
	"(?<=(?i)" GEO_CTX_EN("at") "|" GEO_CTX_EN("loc") "|" GEO_CTX_EN("location")          \
	"|" GEO_CTX_EN("position") "|" GEO_CTX_EN("pos") "|" GEO_CTX_EN("coordinates")        \
	"|" GEO_CTX_EN("coords") "|" GEO_CTX_EN("coord") "|" GEO_CTX_EN("gps")                \
	"|" GEO_CTX_EN("located") "|" GEO_CTX_EN("geo") "|" GEO_CTX_EN("place")               \
	"|" GEO_CTX_EN("point") "|" GEO_CTX_EN("latlng") "|" GEO_CTX_EN("lnglat")             \
	"|" GEO_CTX_EN("lonlat") "|坐标|经纬度|位置|定位|位于|地点|在|于|\\],)"
#define GEO_CTX_SEP "[ \t:=\"'(\\[（：【]"
#define GEO_CTX_AT(k) "(?<=" GEO_CTX_WORD GEO_CTX_SEP "{" #k "})"
#define GEO_CONTEXT                                                                      \
	"(?:" GEO_CTX_WORD "|" GEO_CTX_AT(1) "|" GEO_CTX_AT(2) "|" GEO_CTX_AT(3) "|"      \
	GEO_CTX_AT(4) "|" GEO_CTX_AT(5) ")"

/* The first word of every English cue of the geo pattern (lat=,
 * "lng":), with what it needs next (struct redact_cue). */
static const struct redact_cue geo_cues[] = {
	REDACT_CUE("latitude", REDACT_CUE_KEY_SEP), REDACT_CUE("lat", REDACT_CUE_KEY_SEP),
	REDACT_CUE("longitude", REDACT_CUE_KEY_SEP), REDACT_CUE("lng", REDACT_CUE_KEY_SEP),
	REDACT_CUE("lon", REDACT_CUE_KEY_SEP), REDACT_CUE("long", REDACT_CUE_KEY_SEP),
	REDACT_CUES_END,
};

/* ---- plate --------------------------------------------------------- */

/* At least three digits among the serial: "新APP12" is not a plate. */
static bool valid_plate(const uint8_t *s, size_t len)
{
	size_t digits = 0;
	for (size_t i = 0; i < len; i++)
		digits += s[i] >= '0' && s[i] <= '9';
	return digits >= 3;
}

#define PLATE_PROV "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领]"
#define PLATE_AN "[A-HJ-NP-Z0-9]"

const struct redact_builtin redact_detect_places[] = {
	{
		.name = "geo",
		.anchor = {{RC_GEONUM, 0, 2}, {RC_CUE, 0, 0}, {RC_HIGH, 0, 0}},
		.cues = geo_cues,
		.description = "geographic coordinates: decimal latitude/longitude pairs "
		               "(3+ decimals) after a word of whereabouts (at, location, 坐标, "
		               "位置 ...), lat=/lng= values, degree-minute-second forms",
		.example = "31.2304°N",
		.pattern = "(?|"
		           /* starting with a digit or a sign: one cheap look ahead first */
		           "(?<![0-9A-Za-z.])(?=[-+]?[0-9]{1,3}[.°º度])(?|"
		           /* a bare pair after a word of whereabouts: at 31.2304,
		            * 121.4737 (not inside a list) */
		           "(?=" GEO_NUM " ?[,，] ?[-+]?[0-9]{1,3}\\.[0-9]{3})"
		           GEO_NOT_LIST "(?<![+\\-])" GEO_CONTEXT "(?<v>" GEO_NUM " ?[,，] ?" GEO_NUM
		           ")(?![0-9.])(?! ?, ?[-+]?[0-9]{1,3}\\.[0-9]{3})"
		           /* 31°13'49"N, 31.2304°N */
		           "|(?<v>" GEO_DMS " ?[NSEW])(?![A-Za-z])"
		           "|(?<v>" GEO_DEC_DEG " ?[NSEW])(?![A-Za-z])"
		           ")"
		           /* N31°13'49", N31.2304° */
		           "|(?<![A-Za-z0-9'\"°′″’”秒])(?=[NSEW] ?[0-9]{1,3}[.°º度])"
		           "(?|(?<v>[NSEW] ?" GEO_DMS ")|(?<v>[NSEW] ?" GEO_DEC_DEG "))"
		           /* lat=31.2304, "lon": 121.4737, 纬度：31.2304 */
		           "|(?<![A-Za-z_])(?i:latitude|lat|longitude|lng|lon|long)[\"']?\\s{0,2}"
		           "[:=]\\s{0,2}[\"']?(?<v>" GEO_NUM ")(?![0-9])"
		           "|(?:纬度|经度)[:：=]?\\s{0,2}(?<v>" GEO_NUM ")(?![0-9])"
		           /* 北纬31°13'49", 北纬31.2304° */
		           "|(?<v>" GEO_HEMI_CN " ?(?:" GEO_DMS "|[0-9]{1,3}\\.[0-9]{2,8}°?(?![0-9])))"
		           ")",
		.group = "v",
		.validate = valid_geo,
	},
	{
		.name = "plate",
		.anchor = {{RC_HIGH, 0, 0}},
		.description = "Chinese vehicle licence plates (京A·12345, new-energy 沪AD12345)",
		.example = "京A·12345",
		.pattern = PLATE_PROV "[A-HJ-NP-Z](?:·|•|・| |-)?"
		           "(?:[DF]" PLATE_AN "[0-9]{4}|[0-9]{5}[DF]|" PLATE_AN "{5}"
		           "|" PLATE_AN "{4}[学警港澳挂领])(?![A-Za-z0-9])",
		.validate = valid_plate,
	},
};

const size_t redact_detect_places_count =
	sizeof redact_detect_places / sizeof redact_detect_places[0];
