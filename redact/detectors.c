/*
 * detectors.c — the list of built-in detector tables, in catalog order.
 *
 * Each detect_*.c file holds the detectors of one family of personal data
 * with their validators; a new family adds its table here. The order only
 * decides the order of `redact --list-detectors`: marks are a union, so it
 * never changes what is masked.
 */
#include "redact_i.h"

const struct redact_builtin_table redact_builtin_tables[] = {
	{redact_detect_contact, &redact_detect_contact_count},
	{redact_detect_ids, &redact_detect_ids_count},
	{redact_detect_people, &redact_detect_people_count},
	{redact_detect_names, &redact_detect_names_count},
	{redact_detect_health, &redact_detect_health_count},
	{redact_detect_places, &redact_detect_places_count},
	{redact_detect_address, &redact_detect_address_count},
	{redact_detect_fields, &redact_detect_fields_count},
};

const size_t redact_builtin_table_count =
	sizeof redact_builtin_tables / sizeof redact_builtin_tables[0];
