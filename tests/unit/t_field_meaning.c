/*
 * t_field_meaning.c — keys named by meaning (field_meaning.c): which keys
 * are a person's data and which name a thing, asked of the classifier
 * directly and through the field detector in JSON, key=value, key: value,
 * INI, YAML and CSV headers; and that a policy's added names still work
 * beside the rule.
 *
 * The keys are written for this test (not taken from the corpus
 * generator); the values are invented.
 */
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "redact.h"
#include "redact_i.h" /* redact_field_key_personal */
#include "tap.h"

static const char *const personal[] = {
	/* names, by role and by datum, in snake, kebab, dotted and camel case */
	"receiver_name", "recipientName", "customerName", "CustomerFullName", "name_cn",
	"name_en", "name_pinyin", "full_name", "fullname", "first_name", "LastName",
	"given-name", "realName", "user_name", "username", "nickname", "screen_name",
	"to_name", "from_name", "sender_name", "owner_name", "holder_name",
	"account_holder", "card_holder", "cardholder", "policyholder", "holder", "owner",
	"file_owner", "receiver", "recipient", "recipients", "consignee", "contact",
	"contact_person", "emergency_contact", "emergencyContact", "patient", "guardian",
	"beneficiary", "payee", "passenger", "tenant", "author", "maintainer",
	"app_owner_name", "company_contact_name", "customer.name", "billing.contact.name",
	"name_of_account_holder", "bank_account_name", "account_name", "signer", "father_name",
	/* telephone, e-mail and address */
	"owner_tel", "contact_phone", "contactPhone", "receiver_mobile", "mobile_no",
	"phone_number", "phoneNumber", "home_phone", "tel_no", "email_address",
	"contact_email", "emailAddress", "home_addr", "receiver_address", "shipping_address",
	"mailing_address", "street", "street_name", "ship_to", "shipTo", "bill_to",
	"deliver_to", "address_line", "addressLine", "place_of_residence", "residence",
	/* documents and dates */
	"id_number", "id_no", "IDNumber", "cert_no", "certNo", "certificate_number",
	"passport_no", "date_of_birth", "birth_date", "birthDate", "birthday",
	/* CJK heads: the key ends with a person or their datum */
	"姓名", "客户姓名", "联系人", "紧急联系人", "收件人", "快递收件人", "收货人", "持卡人",
	"户主", "收件人电话", "户籍地址", "住址", "家庭住址", "用户名",
};

static const char *const things[] = {
	/* things with names */
	"file_name", "filename", "fileName", "host_name", "hostname", "hostName",
	"app_name", "appName", "product_name", "company_name", "companyName",
	"display_name", "displayName", "bucket_name", "table_name", "class_name",
	"className", "queue_name", "name_server", "nameserver", "namespace",
	"service_name", "project_name", "db_name", "database_name", "schema_name",
	"branch_name", "image_name", "container_name", "pod_name", "node_name",
	"cluster_name", "domain_name", "model_name", "brand_name", "category_name",
	"group_name", "team_name", "role_name", "job_name", "task_name", "event_name",
	"metric_name", "label_name", "type_name", "step_name", "font_name",
	"school_name", "city_name", "country_name", "region_name", "customer_company_name",
	"book_title", "song_name", "drug_name", "device_name", "printer_name",
	"serviceAccountName", "claimName", "secretName", "configMapName", "policy_name",
	/* network and memory addresses */
	"ip_address", "mac_address", "server_address", "remote_addr", "remoteAddr",
	"server_addr", "bind_address", "listen_addr", "peer_addr", "proxy_address",
	"gateway_address", "memory_address", "base_address", "wallet_address",
	"address_family", "address_space", "mac_addr", "hwaddr",
	/* about a datum, not the datum */
	"phone_verified", "email_enabled", "name_length", "address_type", "contact_type",
	"owner_id", "holder_id", "customer_id", "user_id", "message_id", "order_id",
	"phone_count", "name_label", "address_status", "recipient_count",
	/* other keys */
	"id", "version", "app_ver", "build", "user", "client", "driver", "parent",
	"status", "level", "msg", "message", "time", "created_at", "duration_ms",
	"self.name", "this.owner", "名称", "项目名称", "产品名称", "文件名",
};

struct example {
	enum redact_format format;
	const char *in, *want;
};

static const struct example examples[] = {
	{REDACT_FORMAT_TEXT, "{\"receiver_name\": \"Ann Lee\", \"file_name\": \"a.txt\"}",
	 "{\"receiver_name\": \"*******\", \"file_name\": \"a.txt\"}"},
	{REDACT_FORMAT_TEXT, "{\"Ship To\": \"12 Elm St\", \"Display Name\": \"CI Bot\"}",
	 "{\"Ship To\": \"*********\", \"Display Name\": \"CI Bot\"}"},
	{REDACT_FORMAT_TEXT, "{\"持卡人\": \"Tom Wu\", \"户主\": \"王五\", \"名称\": \"仓库\"}",
	 "{\"持卡人\": \"******\", \"户主\": \"＊＊\", \"名称\": \"仓库\"}"},
	{REDACT_FORMAT_TEXT, "t=1 owner=\"Bo Chen\" host_name=db1 consignee=Li",
	 "t=1 owner=\"*******\" host_name=db1 consignee=**"},
	{REDACT_FORMAT_TEXT, "op=add customer.name=Zed app.name=shop",
	 "op=add customer.name=*** app.name=shop"},
	{REDACT_FORMAT_TEXT, "emergency_contact: Jane Roe\nbucket_name: logs\n",
	 "emergency_contact: ********\nbucket_name: logs\n"},
	/* INI and .env: a key that begins its line takes the rest of it */
	{REDACT_FORMAT_TEXT, "[a]\nholder = Qiang Xu\nqueue_name = mail out\n",
	 "[a]\nholder = ********\nqueue_name = mail out\n"},
	{REDACT_FORMAT_TEXT, "紧急联系人 =Wei Xia\n", "紧急联系人 =*******\n"},
	/* YAML */
	{REDACT_FORMAT_TEXT, "- id: 3\n  recipient: 'Amy Wu'\n  product_name: Dot\n",
	 "- id: 3\n  recipient: '******'\n  product_name: Dot\n"},
	/* a key ending in a digit is no key by meaning (a clock's 12:30 is
	 * none either) */
	{REDACT_FORMAT_TEXT, "at 12:30 contact2: x\n", "at 12:30 contact2: x\n"},
	/* CSV headers by meaning */
	{REDACT_FORMAT_CSV, "id,receiver_name,hostname\n1,Ann,web1\n",
	 "id,receiver_name,hostname\n1,***,web1\n"},
};

int main(void)
{
	struct tap t = {0};
	for (size_t i = 0; i < sizeof personal / sizeof personal[0]; i++)
		tap_ok(&t, redact_field_key_personal(personal[i], strlen(personal[i])),
		       "personal: %s", personal[i]);
	for (size_t i = 0; i < sizeof things / sizeof things[0]; i++)
		tap_ok(&t, !redact_field_key_personal(things[i], strlen(things[i])), "not personal: %s",
		       things[i]);

	redact_catalog *cat = test_catalog(NULL);
	redact_profile field;
	redact_profile_init(&field, cat);
	redact_profile_enable(&field, (size_t)redact_catalog_lookup(cat, "field"));
	for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		field.format = examples[i].format;
		struct buf out = {0};
		int rc = stream_all(&field, examples[i].in, strlen(examples[i].in), 0, &out);
		bool same = rc == 0 && out.data && strcmp(out.data, examples[i].want) == 0;
		tap_ok(&t, same, "example %zu", i);
		if (!same)
			printf("#   got: %s\n", out.data ? out.data : "(error)");
		free(out.data);
	}

	/* The rule does not take away a policy's names: hostname is no
	 * person's by meaning, but a policy may make it a field. */
	const char *extra[] = {"hostname", "工号"};
	redact_fields *more;
	char err[REDACT_ERRLEN];
	tap_ok(&t, redact_fields_new(&more, extra, 2, err, sizeof err) == 0, "extra names");
	redact_profile ext = field;
	ext.fields = more;
	ext.format = REDACT_FORMAT_TEXT;
	const char *in = "x=1 hostname=web1 工号：9 receiver=Al file_name=a";
	struct buf out = {0};
	stream_all(&ext, in, strlen(in), 0, &out);
	tap_ok(&t, out.data && strcmp(out.data, "x=1 hostname=**** 工号：* receiver=** file_name=a") == 0,
	       "a policy's names and the rule together: %s", out.data ? out.data : "");
	free(out.data);
	redact_fields_free(more);
	redact_catalog_free(cat);
	return tap_done(&t);
}
