/*
 * detect_people.c — built-in detectors (being written).
 */
#include "redact_i.h"

const struct redact_builtin redact_detect_people[] = {{0}};
const size_t redact_detect_people_count = 0;
