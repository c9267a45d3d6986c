/*
 * detect_places.c — built-in detectors (being written).
 */
#include "redact_i.h"

const struct redact_builtin redact_detect_places[] = {{0}};
const size_t redact_detect_places_count = 0;
