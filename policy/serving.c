/*
 * serving.c — how a file is served: the one place where a path's mode and
 * its binary setting meet the file's first bytes.
 *
 * Invariant (fail closed): a file is served raw only when its path is in
 * allow mode, or it is binary and binary = allow says so; a binary file
 * under binary = deny is refused; everything else goes through the
 * engine. The mount (fs/handle.c) and `redact` (cli/filter.c) both ask
 * here, so they decide alike.
 */
#include "policy.h"

enum policy_serving policy_serving(const struct policy_view *view, const void *head, size_t n,
                                   bool *binary)
{
	if (binary)
		*binary = false;
	switch (view->mode) {
	case POLICY_MODE_ALLOW: return POLICY_SERVE_RAW;
	case POLICY_MODE_DENY: return POLICY_SERVE_DENIED;
	case POLICY_MODE_HIDE: return POLICY_SERVE_HIDDEN;
	case POLICY_MODE_REDACT:
	default: break;
	}
	bool bin = head && redact_looks_binary(head, n);
	if (binary)
		*binary = bin;
	if (!bin)
		return POLICY_SERVE_REDACTED;
	switch (view->binary) {
	case POLICY_BINARY_ALLOW: return POLICY_SERVE_RAW;
	case POLICY_BINARY_SCAN: return POLICY_SERVE_REDACTED;
	case POLICY_BINARY_DENY:
	default: return POLICY_SERVE_DENIED;
	}
}

const char *policy_serving_says(const struct policy_view *view, enum policy_serving how,
                                bool binary)
{
	switch (how) {
	case POLICY_SERVE_RAW:
		return binary ? "raw (binary = allow)" : "raw (mode allow)";
	case POLICY_SERVE_DENIED:
		return view->mode == POLICY_MODE_DENY ? "refused (mode deny)" : "refused (binary = deny)";
	case POLICY_SERVE_HIDDEN:
		return "not there (mode hide)";
	case POLICY_SERVE_REDACTED:
	default:
		return binary ? "redacted as if text (binary = scan)" : "redacted";
	}
}
