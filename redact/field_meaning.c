/*
 * field_meaning.c — whether a key names personal data by what it says, not
 * by an exact list: receiver_name, customerName, name_cn, owner_tel,
 * ship_to, home_addr, emergency_contact are; file_name, hostname,
 * ip_address, name_server, owner_id, phone_verified are not.
 *
 * The rule (docs/detection.md, "Fields"):
 *  1. A Latin key is split into lower-case words at _ - . and blanks and
 *     between camelCase humps ("customerName" is customer + name);
 *     "X_of_Y" reads as "Y_X" (date_of_birth is birth date).
 *  2. Tags at its end say nothing of what it holds and are dropped:
 *     digits, languages and scripts (cn, en, zh, py, pinyin, local ...),
 *     full, raw, primary, alt ... (name_cn, address_line_2).
 *  3. English puts the head last: the last word says what the value is.
 *     - a role (owner, holder, recipient, consignee, contact, patient ...)
 *       is a person, whatever they own or hold: file_owner, card_holder;
 *     - a datum of a person (name, phone, mobile, tel, email, address,
 *       addr, street, birthday, passport ...) is personal unless the
 *       nearest word before it that is a thing or a role is a thing
 *       (file_name, host_name, ip_address, server_addr,
 *       service_account_name are the thing's; receiver_name,
 *       app_owner_name, account_name a person's); name_server is not a
 *       name (its head is server);
 *     - a generic head (no, number, date, info, line, code ...) takes its
 *       meaning from the word before it: phone_no, id_number, cert_no,
 *       birth_date, contact_info, address_line; "id" is personal only
 *       there (id_no, id_card, not order_id or owner_id);
 *     - "to" after ship, bill, deliver, send, mail is an address (ship_to);
 *     - anything else (verified, id, type, count, server) is not: the
 *       value is about the datum, not the datum (phone_verified).
 *  4. One glued word counts when it is a datum with a modifier before it
 *     that says "person" (fullname, username, lastname, cardholder,
 *     shipto); with a thing before it (hostname, filename) it does not.
 *  5. A key with CJK characters is personal when it ends with one of the
 *     CJK field names of fields.c (Chinese puts the head last too:
 *     客户姓名, 紧急联系人, 收件人电话); 名称 (a thing's name) is none.
 *
 * Decisions: company_name is not personal (a company is not a natural
 * person; its name is not a person's data); username, nickname and
 * screen_name are (an account handle identifies its holder in an export);
 * display_name is not (bots, devices and groups have one); ip_address is
 * not by meaning, but stays a field by the built-in list (fields.c), as
 * an IP address is an online identifier; "bank" is no thing, so that
 * bank_account_name (the holder's) is masked, and bank_name with it.
 *
 * Everything here is a pure function of the key's bytes, the same
 * wherever the key is read, and cheap: no allocation, and every word is
 * looked up once in a hash table built (once) from the lists below. Keys
 * of text files are asked from the field pattern's callouts (fields.c)
 * and from the prefilter (candidates.c); CSV headers and SQL column names
 * through redact_fields_match_header.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "redact_i.h"

#define WORDS_MAX 12
#define WORD_MAX 24

struct words {
	char w[WORDS_MAX][WORD_MAX + 1];
	uint8_t len[WORDS_MAX];
	size_t n;
};

/* Someone: a value under such a key is a person (or their name). */
static const char *const roles[] = {
	"owner", "holder", "cardholder", "accountholder", "policyholder", "receiver",
	"recipient", "consignee", "consignor", "shipper", "sender", "addressee", "contact",
	"person", "customer", "patient", "applicant", "guardian", "spouse", "beneficiary",
	"payee", "payer", "passenger", "tenant", "landlord", "buyer", "insured", "insurant",
	"debtor", "creditor", "employee", "signer", "signatory", "witness", "author",
	"maintainer", "assignee", "kin", "father", "mother", "guarantor", "cosigner",
	"householder", "occupant", "traveler", "traveller",
	"attendee", "student", "doctor", "physician", "nurse", "teacher", "supervisor",
	NULL,
};

/* A person's data: the value is personal unless a thing qualifies it. */
static const char *const data[] = {
	"name", "fullname", "firstname", "lastname", "surname", "givenname", "familyname",
	"middlename", "realname", "truename", "legalname", "maidenname", "forename",
	"nickname", "username", "fname", "lname", "phone", "mobile", "tel", "telephone",
	"cellphone", "fax", "msisdn", "email", "mail", "emailaddress", "address",
	"addr", "street", "residence", "domicile", "birthday", "dob", "birthdate", "birth",
	"passport", "ssn", "idcard", "wechat", "weixin", "qq", "whatsapp", NULL,
};

/* Heads that mean nothing alone: the word before says what they are. */
static const char *const generic[] = {
	"no", "num", "number", "nbr", "nr", "date", "info", "information", "detail",
	"details", "line", "text", "value", "val", "place", "card", NULL,
};

/* Tags at a key's end: language, script, rank, form. */
static const char *const tags[] = {
	"cn", "en", "zh", "py", "pinyin", "local", "native", "latin", "kana", "kanji",
	"ascii", "roman", "hans", "hant", "tw", "hk", "us", "uk", "full", "raw", "primary",
	"secondary", "alt", "other", "plain", "str", "string", "encrypted", "masked", "enc",
	NULL,
};

/* Things that have names, addresses and numbers of their own. */
static const char *const things[] = {
	/* files, hosts and software */
	"file", "filename", "path", "dir", "folder", "host", "hostname", "server", "app",
	"application", "product", "display", "device", "bucket", "table", "class", "queue",
	"topic", "project", "service", "svc", "module", "package", "pkg", "function", "func",
	"method", "var", "variable", "field", "column", "col", "index", "key", "db",
	"database", "schema", "branch", "tag", "image", "container", "pod", "node",
	"cluster", "namespace", "ns", "domain", "model", "brand", "item", "sku", "category",
	"group", "team", "role", "job", "task", "event", "metric", "label", "type", "kind",
	"step", "stage", "pipeline", "workflow", "build", "release", "version", "env",
	"environment", "config", "setting", "param", "parameter", "option", "feature",
	"flag", "test", "suite", "template", "report", "dataset", "doc", "document",
	"attachment", "sheet", "page", "view", "route", "api", "endpoint", "channel",
	"volume", "disk", "partition", "mount", "cert", "certificate", "secret", "token",
	"stream", "log", "logger", "thread", "process", "proc", "command", "cmd", "program",
	"script", "plugin", "extension", "font", "color", "colour", "theme", "plan", "tier",
	"repo", "repository", "commit", "browser", "os", "platform", "system", "machine",
	"vm", "instance", "resource", "attribute", "attr", "property", "prop", "object",
	"obj", "entity", "element", "layer", "map", "chart", "graph", "dashboard", "panel",
	"widget", "window", "tab", "menu", "button", "icon", "style", "format", "layout",
	"bot", "robot", "alias", "blob", "share", "drive", "printer", "sensor",
	/* configuration and deployment */
	"claim", "storage", "issuer", "provider", "engine", "runtime", "handler",
	"listener", "producer", "subscription", "exchange", "replica", "shard", "realm",
	"scope", "audience", "permission", "rule", "alert", "profile", "bundle", "artifact",
	"asset", "stack", "vault", "keystore", "truststore", "sink", "connector", "adapter",
	"codec", "locale", "language", "lang", "currency", "counter", "gauge", "histogram",
	"span", "trace", "appender", "policy", "cron", "schedule", "action", "trigger",
	"webhook", "hook", "daemon", "pool", "cache", "sequence", "procedure",
	"macro", "form", "input", "output", "arg", "argument", "header", "cookie",
	"session", "request", "response", "query", "filter", "sort", "experiment",
	"activity", "fragment", "intent", "component", "struct", "enum", "symbol",
	"milestone", "sprint", "epic", "board", "ticket", "chat", "meeting", "calendar",
	"campaign", "segment", "playlist", "track", "workbook",
	/* programs' own words: a name of a function, a library, a format */
	"get", "set", "is", "has", "new", "old", "tmp", "temp", "orig", "original",
	"default", "canonical", "normalized", "valid", "safe", "unsafe", "pretty",
	"friendly", "dotted", "qualified", "relative", "absolute", "lib", "library", "mod",
	"fn", "exe", "dll", "so", "dist", "distribution", "egg", "wheel", "ext", "arch",
	"tool", "compiler", "linker", "interpreter", "lexer", "parser", "formatter",
	"signal", "hash", "digest", "cipher", "curve", "algorithm", "alg", "charset",
	"encoding", "scheme", "section", "record", "part", "klass", "tok", "root",
	"subdir", "directory", "tar", "zip", "archive", "month", "day", "week", "weekday",
	"result", "error", "errcode", "exc", "exception", "mock", "fixture", "spinner",
	"plat", "computer", "dom", "netbios", "cname", "srv", "ptr", "keytab", "gpo",
	"ssl", "tls", "ssh", "metadata", "manifest", "prog", "program", "sub", "proj",
	"subproject", "init", "main", "toplevel", "builtin", "impl", "xml", "json",
	"registry", "descriptive", "operation", "notation", "vcs", "cmake", "pkgconfig",
	"sitedir", "outdir", "idir", "pch", "dep", "req", "opt", "ns", "va", "vfunc",
	"meth", "coro", "co", "wrap", "wrapper", "term", "uni", "wiki", "crc", "salt",
	"csidl", "xtlang", "emission", "mech", "sasl", "irpc", "fsmo", "krbtgt", "rdn",
	"local", "reuse", "resolve", "angle",
	/* organisations and places that are no one's home */
	"company", "corp", "corporation", "org", "organization", "organisation", "store",
	"shop", "merchant", "vendor", "supplier", "school", "hospital",
	"department", "dept", "site", "website", "web", "venue", "room", "building",
	"warehouse", "depot", "facility", "city", "country", "province", "state", "county",
	"district", "region", "zone", "support", "sales", "noreply",
	/* titles of works and goods */
	"title", "song", "album", "movie", "book", "game", "course", "drug", "medicine",
	/* network and memory addresses */
	"url", "uri", "link", "network", "net", "ssid", "wifi", "interface", "iface", "ip",
	"ipv4", "ipv6", "mac", "hw", "ether", "ethernet", "listen", "bind", "remote",
	"peer", "src", "source", "dst", "dest", "destination", "target", "proxy", "gateway",
	"gw", "router", "dns", "nat", "lan", "wan", "vip", "broadcast", "multicast",
	"socket", "sock", "memory", "mem", "base", "return", "ret", "load", "physical",
	"phys", "virtual", "virt", "bus", "pci", "register", "reg", "port", "rpc", "grpc",
	"http", "https", "backend", "upstream", "frontend", "redis", "smtp", "imap", "pop",
	"ldap", "relay", "wallet", "contract", "bluetooth", "ble", "mqtt", "broker",
	"bootstrap", "advertise", "advertised", "announce", "callback", "redirect",
	"download", "upload", "mailbox", "cdn", "vpc", "subnet", "dc", NULL,
};

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}
static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}
static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Splits an ASCII key into lower-case words; false when it has a byte
 * that is no letter, digit or separator, or too many words. */
static bool split(const char *k, size_t len, struct words *out)
{
	out->n = 0;
	size_t wl = 0;
	bool open = false;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? k[i] : '\0';
		bool sep = i == len || c == '_' || c == '-' || c == '.' || c == ' ' || c == '\t';
		if (!sep && !is_lower(c) && !is_upper(c) && !is_digit(c))
			return false;
		/* camelCase: an upper-case letter after a lower-case one or a
		 * digit starts a word; so does the last capital of a run
		 * before a lower-case letter (IDNumber: id + number). */
		bool hump = !sep && open && wl > 0 && is_upper(c) &&
		            (is_lower(k[i - 1]) || is_digit(k[i - 1]) ||
		             (is_upper(k[i - 1]) && i + 1 < len && is_lower(k[i + 1])));
		/* digits after letters: a word of their own (line2) */
		bool digits = !sep && open && wl > 0 && is_digit(c) != is_digit(k[i - 1]);
		if (sep || hump || digits) {
			if (open) {
				out->w[out->n][wl] = '\0';
				out->len[out->n] = (uint8_t)wl;
				out->n++;
				open = false;
			}
			if (sep)
				continue;
		}
		if (!open) {
			if (out->n == WORDS_MAX)
				return false;
			open = true;
			wl = 0;
		}
		if (wl == WORD_MAX)
			return false;
		out->w[out->n][wl++] = is_upper(c) ? (char)(c - 'A' + 'a') : c;
	}
	return out->n > 0;
}

/* Modifiers that make a datum a person's: fullname, username, home_addr. */
static const char *const person_modifiers[] = {
	"full", "first", "last", "given", "family", "middle", "real", "true", "legal",
	"maiden", "nick", "user", "sur", "fore", "screen", "login", "account", "card",
	"home", "ship", "bill", "deliver", "delivery", "mail", "postal", "street",
	"personal", NULL,
};
/* Before "to": ship_to, bill_to. */
static const char *const senders[] = {"ship", "bill", "deliver", "send", "mail", "sold", "post",
                                      NULL};
/* Before a generic head: an identity document's number (id_no, cert_no). */
static const char *const documents[] = {"id", "cert", "certificate", "identity", NULL};
/* First words that make a key an object's attribute in code (self.name). */
static const char *const receivers[] = {"self", "this", "cls", NULL};

/* ---- The words, looked up in one hash table --------------------------
 * Built once from the lists above; a key costs a hash and a compare or
 * two per word, however long the lists grow. */
enum {
	K_ROLE = 1 << 0,
	K_DATA = 1 << 1,
	K_GENERIC = 1 << 2,
	K_TAG = 1 << 3,
	K_THING = 1 << 4,
	K_PMOD = 1 << 5,
	K_SENDER = 1 << 6,
	K_DOCUMENT = 1 << 7,
	K_RECEIVER = 1 << 8,
};
#define TABLE_SIZE 2048u /* a power of two, over twice the words */

struct slot {
	const char *w;
	uint8_t len;
	uint16_t kinds;
};
static struct slot table[TABLE_SIZE];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static uint32_t hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)w[i]) * 16777619u;
	return h;
}

static void add_list(const char *const *list, uint16_t kind)
{
	for (; *list; list++) {
		size_t n = strlen(*list);
		for (uint32_t i = hash(*list, n) & (TABLE_SIZE - 1);; i = (i + 1) & (TABLE_SIZE - 1)) {
			if (!table[i].w) {
				table[i] = (struct slot){*list, (uint8_t)n, kind};
				break;
			}
			if (table[i].len == n && memcmp(table[i].w, *list, n) == 0) {
				table[i].kinds |= kind;
				break;
			}
		}
	}
}

static void build_table(void)
{
	add_list(roles, K_ROLE);
	add_list(data, K_DATA);
	add_list(generic, K_GENERIC);
	add_list(tags, K_TAG);
	add_list(things, K_THING);
	add_list(person_modifiers, K_PMOD);
	add_list(senders, K_SENDER);
	add_list(documents, K_DOCUMENT);
	add_list(receivers, K_RECEIVER);
}

static uint16_t lookup(const char *w, size_t n)
{
	for (uint32_t i = hash(w, n) & (TABLE_SIZE - 1);; i = (i + 1) & (TABLE_SIZE - 1)) {
		if (!table[i].w)
			return 0;
		if (table[i].len == n && memcmp(table[i].w, w, n) == 0)
			return table[i].kinds;
	}
}

/* The kinds of a word, or of its singular (owners, addresses). */
static uint16_t kinds(const char *w, size_t n)
{
	uint16_t k = lookup(w, n);
	if (!k && n > 3 && w[n - 1] == 's') {
		k = lookup(w, n - 1);
		if (!k && n > 4 && w[n - 2] == 'e')
			k = lookup(w, n - 2);
	}
	return k;
}

static uint16_t word_kinds(const struct words *ws, size_t i)
{
	return kinds(ws->w[i], ws->len[i]);
}

static bool all_digits(const char *w)
{
	for (; *w; w++)
		if (!is_digit(*w))
			return false;
	return true;
}

/* One glued word: a known datum or role ending after a person modifier
 * or a role (username, cardholder, shipto). */
static bool glued_personal(const char *w, size_t n)
{
	static const struct {
		const char *s;
		size_t len;
	} heads[] = {{"name", 4}, {"holder", 6}, {"address", 7}, {"addr", 4},
	             {"phone", 5}, {"mobile", 6}, {"to", 2}, {"email", 5}};
	for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++) {
		size_t hl = heads[h].len;
		if (n <= hl || memcmp(w + n - hl, heads[h].s, hl) != 0)
			continue;
		if (kinds(w, n - hl) & (K_PMOD | K_ROLE))
			return true;
	}
	return false;
}

/* Whether the datum at word d of ws is a person's: the nearest role or
 * thing before it decides (app_owner_name, file_name); person modifiers
 * do not stop the search (service_account_name is the service's). */
static bool datum_is_personal(const struct words *ws, size_t d)
{
	for (size_t i = d; i-- > 0;) {
		uint16_t k = word_kinds(ws, i);
		if (k & K_ROLE)
			return true;
		if (k & K_THING)
			return false;
	}
	return true;
}

/* Rule 3 at word h (the head) of ws. */
static bool head_is_personal(const struct words *ws, size_t h)
{
	uint16_t k = word_kinds(ws, h);
	if (k & K_ROLE)
		return true;
	if (k & K_DATA)
		return datum_is_personal(ws, h);
	if (h > 0 && ws->len[h] == 2 && memcmp(ws->w[h], "to", 2) == 0)
		return (word_kinds(ws, h - 1) & K_SENDER) != 0;
	if (h > 0 && (k & K_GENERIC)) {
		uint16_t m = word_kinds(ws, h - 1);
		if (m & K_DOCUMENT) /* id_no, cert_no; not id_date */
			return !(ws->len[h] == 4 && memcmp(ws->w[h], "date", 4) == 0);
		if (m & (K_ROLE | K_DATA))
			return head_is_personal(ws, h - 1);
		return glued_personal(ws->w[h - 1], ws->len[h - 1]);
	}
	if (h == 0 && ws->n == 1)
		return glued_personal(ws->w[0], ws->len[0]);
	return false;
}

static bool latin_key_personal(const char *k, size_t len)
{
	struct words ws;
	if (!split(k, len, &ws))
		return false;
	/* X of Y: Y X (date_of_birth, name_of_holder) */
	for (size_t i = 1; i + 1 < ws.n; i++) {
		if (ws.len[i] != 2 || memcmp(ws.w[i], "of", 2) != 0)
			continue;
		struct words r = {.n = 0};
		for (size_t j = i + 1; j < ws.n; j++, r.n++) {
			memcpy(r.w[r.n], ws.w[j], sizeof r.w[0]);
			r.len[r.n] = ws.len[j];
		}
		for (size_t j = 0; j < i; j++, r.n++) {
			memcpy(r.w[r.n], ws.w[j], sizeof r.w[0]);
			r.len[r.n] = ws.len[j];
		}
		ws = r;
		break;
	}
	pthread_once(&table_once, build_table);
	/* self.name, this.owner: an object's attribute in code, not a key */
	if (ws.n > 1 && (word_kinds(&ws, 0) & K_RECEIVER))
		return false;
	size_t h = ws.n - 1;
	while (h > 0 && (all_digits(ws.w[h]) || (word_kinds(&ws, h) & K_TAG)))
		h--;
	return head_is_personal(&ws, h);
}

/* Rule 5: a key with CJK characters ends with one of the CJK field names
 * (the built-in list's non-ASCII names). */
static bool cjk_key_personal(const char *k, size_t len)
{
	for (const char *const *n = redact_default_fields; *n; n++) {
		size_t nl = strlen(*n);
		if ((unsigned char)(*n)[0] < 0x80 || nl > len)
			continue;
		if (memcmp(k + len - nl, *n, nl) == 0)
			return true;
	}
	return false;
}

bool redact_field_key_personal(const char *key, size_t len)
{
	if (len == 0 || len > FIELD_MEANING_KEY_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)key[i] >= 0x80)
			return cjk_key_personal(key, len);
	return latin_key_personal(key, len);
}
