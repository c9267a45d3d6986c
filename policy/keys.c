/*
 * keys.c — the words a policy value may be, and their names.
 *
 * Values are lowercase words compared exactly (case-sensitive): "Deny" is
 * not "deny". Invariant: *_name() of a parsed value gives back the word that
 * parses to it.
 */
#include <string.h>

#include "policy_i.h"

static const char *const mode_names[] = {
	[POLICY_MODE_REDACT] = "redact",
	[POLICY_MODE_ALLOW] = "allow",
	[POLICY_MODE_DENY] = "deny",
	[POLICY_MODE_HIDE] = "hide",
};

static const char *const binary_names[] = {
	[POLICY_BINARY_DENY] = "deny",
	[POLICY_BINARY_ALLOW] = "allow",
	[POLICY_BINARY_SCAN] = "scan",
};

static const char *const names_names[] = {
	[POLICY_NAMES_REDACT] = "redact",
	[POLICY_NAMES_KEEP] = "keep",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int find_word(const char *const *names, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], value) == 0)
			return (int)i;
	return -1;
}

int policy_parse_mode(const char *value, enum policy_mode *out)
{
	int i = find_word(mode_names, COUNT(mode_names), value);
	if (i < 0)
		return -1;
	*out = (enum policy_mode)i;
	return 0;
}

int policy_parse_binary(const char *value, enum policy_binary *out)
{
	int i = find_word(binary_names, COUNT(binary_names), value);
	if (i < 0)
		return -1;
	*out = (enum policy_binary)i;
	return 0;
}

int policy_parse_names(const char *value, enum policy_names *out)
{
	int i = find_word(names_names, COUNT(names_names), value);
	if (i < 0)
		return -1;
	*out = (enum policy_names)i;
	return 0;
}

const char *policy_names_name(enum policy_names names)
{
	return (size_t)names < COUNT(names_names) ? names_names[names] : "?";
}

static const char *const action_names[] = {
	[REDACT_ACTION_MASK] = "mask",
	[REDACT_ACTION_PARTIAL] = "partial",
	[REDACT_ACTION_PSEUDONYMIZE] = "pseudonymize",
	[REDACT_ACTION_REPLACE] = "replace",
	[REDACT_ACTION_REMOVE] = "remove",
};

int policy_parse_action(const char *value, enum redact_action *out)
{
	int i = find_word(action_names, COUNT(action_names), value);
	if (i < 0)
		return -1;
	*out = (enum redact_action)i;
	return 0;
}

const char *policy_mode_name(enum policy_mode mode)
{
	return (size_t)mode < COUNT(mode_names) ? mode_names[mode] : "?";
}

const char *policy_binary_name(enum policy_binary binary)
{
	return (size_t)binary < COUNT(binary_names) ? binary_names[binary] : "?";
}

const char *policy_action_name(enum redact_action action)
{
	return (size_t)action < COUNT(action_names) ? action_names[action] : "?";
}

static const char *const format_names[] = {
	[REDACT_FORMAT_TEXT] = "text",
	[REDACT_FORMAT_CSV] = "csv",
	[REDACT_FORMAT_TSV] = "tsv",
	[REDACT_FORMAT_CODE] = "code",
	[REDACT_FORMAT_SQL] = "sql",
};

int policy_parse_format(const char *value, int *out)
{
	if (strcmp(value, "auto") == 0) {
		*out = -1;
		return 0;
	}
	int i = find_word(format_names, COUNT(format_names), value);
	if (i < 0)
		return -1;
	*out = i;
	return 0;
}

const char *policy_format_name(int format)
{
	if (format < 0)
		return "auto";
	return (size_t)format < COUNT(format_names) ? format_names[format] : "?";
}
