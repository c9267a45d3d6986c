/*
 * t_fs_polref.c — the policy in force and its references (fs/polref.c),
 * without a mount.
 *
 * rfs_pol_load: the built-in policy (no audit log); a good policy file
 * (its rules, its source, its audit_log opened relative to the file:
 * created 0600, appended to, not truncated, write-only, close-on-exec);
 * bad files with their "FILE:LINE: ..." or "FILE: ..." text (a bad value,
 * a missing file, a file others may write, an audit_log whose directory
 * is missing, an audit_log that is a symlink, whose target stays
 * untouched). Generations: distinct for every load, also when a freed
 * policy's memory is reused and when four threads load at once.
 * References: ref/unref counts, the audit fd closed exactly when the last
 * reference goes. The context (struct rfs_ctx, only pol_lock and cur):
 * init/begin/end; an operation that took a reference keeps the old policy
 * alive and usable across a swap; a swap waits for an operation in flight,
 * which keeps using the old policy, and a reader arriving meanwhile waits
 * too and sees the new one (writers preferred); a stream of overlapping
 * readers does not hold a swap off; fini drops only the context's
 * reference; and 10 swaps under four threads taking references leave no
 * policy (audit fd) behind.
 * Expected values are written by hand from polref.h, policy.h and the
 * policy texts below.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "polref.h"
#include "tap.h"
#include "tmpdir.h"

static struct tap t;
static char dir[4096];

static const char good_text[] =
	"; an invented policy\n"
	"[global]\n"
	"default = redact\n"
	"audit_log = audit.jsonl\n"
	"\n"
	"[path:/pub/**]\n"
	"mode = allow\n"
	"\n"
	"[path:/secret/**]\n"
	"mode = hide\n";

/* The same paths, the other way round, and no audit log. */
static const char other_text[] =
	"[global]\n"
	"default = deny\n"
	"[path:/secret/**]\n"
	"mode = allow\n";

static bool fd_open(int fd)
{
	return fd >= 0 && fcntl(fd, F_GETFD) != -1;
}

static enum policy_mode mode_of(const struct rfs_pol *p, const char *path)
{
	struct policy_view v;
	policy_resolve(p->pol, path, &v);
	return v.mode;
}

/* Loads dir/name; 0 or -errno, err filled. */
static int load(struct rfs_pol **p, const char *name, char *err, size_t errlen)
{
	char path[4096];
	*p = NULL;
	return rfs_pol_load(p, tmpdir_path(path, sizeof path, dir, name), err, errlen);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	nanosleep(&ts, NULL);
}

static void test_builtin(void)
{
	struct rfs_pol *p = NULL;
	char err[POLICY_ERRLEN] = "x";
	int res = rfs_pol_load(&p, NULL, err, sizeof err);
	tap_ok(&t, res == 0 && p && p->pol, "built-in policy loads");
	if (res != 0)
		return;
	tap_ok(&t, p->audit_fd == -1, "built-in: no audit log");
	tap_ok(&t, atomic_load(&p->refs) == 1, "built-in: one reference");
	tap_ok(&t, strcmp(policy_source(p->pol), "(built-in)") == 0, "built-in: its source");
	tap_ok(&t, mode_of(p, "/any/file.txt") == POLICY_MODE_REDACT, "built-in: redacts");
	rfs_pol_unref(p);
}

static void test_good(void)
{
	char err[POLICY_ERRLEN], path[4096], audit[4096];
	struct rfs_pol *p;
	tmpdir_path(path, sizeof path, dir, "good.ini");
	tmpdir_path(audit, sizeof audit, dir, "audit.jsonl");
	tmpdir_write(dir, "good.ini", good_text);
	tmpdir_write(dir, "audit.jsonl", "{\"earlier\": 1}\n");
	chmod(audit, 0600);
	int res = load(&p, "good.ini", err, sizeof err);
	if (!tap_ok(&t, res == 0 && p, "good policy loads"))
		printf("# %d: %s\n", res, err);
	if (res != 0)
		return;
	tap_ok(&t, strcmp(policy_source(p->pol), path) == 0, "good: its source is the file");
	tap_ok(&t, mode_of(p, "/pub/a.txt") == POLICY_MODE_ALLOW &&
	           mode_of(p, "/secret/k.txt") == POLICY_MODE_HIDE &&
	           mode_of(p, "/hr/staff.csv") == POLICY_MODE_REDACT,
	       "good: its rules (allow /pub, hide /secret, redact the rest)");
	tap_ok(&t, atomic_load(&p->refs) == 1, "good: one reference");
	int fd = p->audit_fd;
	tap_ok(&t, fd_open(fd) && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY &&
	           (fcntl(fd, F_GETFL) & O_APPEND),
	       "good: audit log open write-only for appending");
	tap_ok(&t, fd_open(fd) && (fcntl(fd, F_GETFD) & FD_CLOEXEC), "good: audit fd close-on-exec");
	struct stat a, b;
	tap_ok(&t, fstat(fd, &a) == 0 && stat(audit, &b) == 0 && a.st_ino == b.st_ino &&
	           a.st_dev == b.st_dev,
	       "good: audit_log = audit.jsonl is the file next to the policy");
	tap_ok(&t, write(fd, "{\"new\": 2}\n", 11) == 11, "good: the audit fd takes a line");
	char buf[64] = "";
	int rfd = open(audit, O_RDONLY | O_CLOEXEC);
	ssize_t n = rfd >= 0 ? read(rfd, buf, sizeof buf - 1) : -1;
	buf[n < 0 ? 0 : n] = '\0';
	if (rfd >= 0)
		close(rfd);
	tap_ok(&t, strcmp(buf, "{\"earlier\": 1}\n{\"new\": 2}\n") == 0,
	       "good: the audit log is appended to, not truncated");
	rfs_pol_unref(p);
	tap_ok(&t, !fd_open(fd), "good: the last unref closes the audit fd");

	/* A new audit log: created, mode 0600. */
	unlink(audit);
	mode_t old = umask(022);
	res = load(&p, "good.ini", err, sizeof err);
	umask(old);
	tap_ok(&t, res == 0 && stat(audit, &b) == 0 && S_ISREG(b.st_mode) &&
	           (b.st_mode & 07777) == 0600,
	       "good: a missing audit log is created with mode 0600");
	if (res == 0)
		rfs_pol_unref(p);
}

static void test_bad(void)
{
	char err[POLICY_ERRLEN], path[4096], want[8192];
	struct rfs_pol *p;
	int res;

	tmpdir_write(dir, "bad.ini", "[global]\ndefault = redact\nbinary = maybe\n");
	res = load(&p, "bad.ini", err, sizeof err);
	snprintf(want, sizeof want, "%s:3: bad value 'maybe' for binary (allowed: deny, allow, scan)",
	         tmpdir_path(path, sizeof path, dir, "bad.ini"));
	if (!tap_ok(&t, res < 0 && strcmp(err, want) == 0, "bad value: FILE:LINE error (%d)", res))
		tap_diag_text("err", err);
	tap_ok(&t, p == NULL, "bad value: no policy");

	tmpdir_write(dir, "bad2.ini", "[global]\ndefault = redact\n\n[path:/a]\nmode = allow\n"
	                              "[pathz:/b]\n");
	res = load(&p, "bad2.ini", err, sizeof err);
	snprintf(want, sizeof want, "%s:6: unknown section [pathz:/b] (expected [global], "
	         "[path:GLOB] or [detector:NAME])", tmpdir_path(path, sizeof path, dir, "bad2.ini"));
	if (!tap_ok(&t, res < 0 && strcmp(err, want) == 0, "unknown section: FILE:LINE error"))
		tap_diag_text("err", err);

	/* "FILE: ..." where no line applies. */
	tmpdir_path(path, sizeof path, dir, "missing.ini");
	res = load(&p, "missing.ini", err, sizeof err);
	size_t n = strlen(path);
	if (!tap_ok(&t, res == -ENOENT && strncmp(err, path, n) == 0 && err[n] == ':' &&
	                    err[n + 1] == ' ',
	            "missing file: -ENOENT, \"FILE: ...\" (%d)", res))
		tap_diag_text("err", err);

	tmpdir_write(dir, "shared.ini", "[global]\ndefault = allow\n");
	tmpdir_path(path, sizeof path, dir, "shared.ini");
	chmod(path, 0666);
	res = load(&p, "shared.ini", err, sizeof err);
	n = strlen(path);
	if (!tap_ok(&t, res < 0 && p == NULL && strncmp(err, path, n) == 0 && err[n] == ':' &&
	                    err[n + 1] == ' ',
	            "a policy file others may write: refused, \"FILE: ...\" (%d)", res))
		tap_diag_text("err", err);

	/* An audit log that cannot be opened refuses the policy. */
	tmpdir_write(dir, "nodir.ini", "[global]\naudit_log = nodir/audit.jsonl\n");
	tmpdir_path(path, sizeof path, dir, "nodir.ini");
	res = load(&p, "nodir.ini", err, sizeof err);
	n = strlen(path);
	if (!tap_ok(&t, res == -ENOENT && p == NULL && strncmp(err, path, n) == 0 &&
	                    err[n] == ':' && err[n + 1] == ' ' && strstr(err, "audit_log"),
	            "audit_log in a missing directory: -ENOENT, \"FILE: audit_log ...\" (%d)",
	            res))
		tap_diag_text("err", err);

	/* An audit log that is a symlink is not followed. */
	char target[4096], link[4096];
	tmpdir_write(dir, "elsewhere.txt", "untouched\n");
	tmpdir_path(target, sizeof target, dir, "elsewhere.txt");
	tmpdir_path(link, sizeof link, dir, "linked.jsonl");
	bool linked = symlink(target, link) == 0;
	tmpdir_write(dir, "link.ini", "[global]\naudit_log = linked.jsonl\n");
	res = load(&p, "link.ini", err, sizeof err);
	struct stat st;
	tap_ok(&t, linked && res < 0 && p == NULL && stat(target, &st) == 0 && st.st_size == 10,
	       "audit_log that is a symlink: refused, its target untouched (%d)", res);
	if (res == 0)
		rfs_pol_unref(p);
}

/* ---- Generations ---- */

#define GEN_THREADS 4
#define GEN_EACH 4

struct gen_run {
	uint64_t gen[GEN_EACH];
	int failed;
};

static void *gen_loader(void *arg)
{
	struct gen_run *r = arg;
	char err[POLICY_ERRLEN];
	for (int i = 0; i < GEN_EACH; i++) {
		struct rfs_pol *p;
		if (rfs_pol_load(&p, NULL, err, sizeof err) != 0) {
			r->failed++;
			continue;
		}
		r->gen[i] = p->gen;
		rfs_pol_unref(p);
	}
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void test_generations(void)
{
	char err[POLICY_ERRLEN];
	struct rfs_pol *a, *b, *c;
	load(&a, "good.ini", err, sizeof err);
	rfs_pol_load(&b, NULL, err, sizeof err);
	load(&c, "good.ini", err, sizeof err);
	bool ok = a && b && c;
	tap_ok(&t, ok && a->gen != b->gen && b->gen != c->gen && a->gen != c->gen,
	       "three loads, three generations");
	uint64_t gens[3] = { a ? a->gen : 0, b ? b->gen : 0, c ? c->gen : 0 };

	/* Free one and load again, many times: memory is reused, a generation
	 * never is. */
	void *old_addr = b;
	uint64_t old_gen = b ? b->gen : 0;
	rfs_pol_unref(b);
	bool fresh = true, reused = false;
	for (int i = 0; i < 5; i++) {
		struct rfs_pol *d;
		if (rfs_pol_load(&d, NULL, err, sizeof err) != 0) {
			fresh = false;
			break;
		}
		reused = reused || (void *)d == old_addr;
		fresh = fresh && d->gen != old_gen && d->gen != gens[0] && d->gen != gens[2];
		old_addr = d;
		old_gen = d->gen;
		rfs_pol_unref(d);
	}
	tap_ok(&t, fresh, "a load after a free gets a new generation%s",
	       reused ? " (at a reused address)" : "");
	rfs_pol_unref(a);
	rfs_pol_unref(c);

	struct gen_run runs[GEN_THREADS];
	pthread_t th[GEN_THREADS];
	int started = 0, failed = 0;
	memset(runs, 0, sizeof runs);
	for (int i = 0; i < GEN_THREADS; i++) {
		if (pthread_create(&th[i], NULL, gen_loader, &runs[i]) != 0)
			break;
		started++;
	}
	uint64_t all[GEN_THREADS * GEN_EACH];
	size_t n = 0;
	for (int i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		failed += runs[i].failed;
		for (int k = 0; k < GEN_EACH; k++)
			all[n++] = runs[i].gen[k];
	}
	qsort(all, n, sizeof all[0], cmp_u64);
	size_t dups = 0;
	for (size_t i = 1; i < n; i++)
		dups += all[i] == all[i - 1];
	for (size_t i = 0; i < n; i++)
		dups += all[i] == gens[0] || all[i] == gens[1] || all[i] == gens[2];
	tap_ok(&t, started == GEN_THREADS && failed == 0 && n == GEN_THREADS * GEN_EACH &&
	           dups == 0,
	       "%zu loads in %d threads at once: all generations distinct (%zu repeated)", n,
	       started, dups);
}

/* ---- References ---- */

static void test_refs(void)
{
	char err[POLICY_ERRLEN];
	struct rfs_pol *p;
	if (load(&p, "good.ini", err, sizeof err) != 0) {
		tap_ok(&t, false, "refs: load");
		return;
	}
	int fd = p->audit_fd;
	tap_ok(&t, rfs_pol_ref(p) == p && atomic_load(&p->refs) == 2, "ref: the same policy, 2 refs");
	rfs_pol_ref(p);
	rfs_pol_unref(p);
	rfs_pol_unref(p);
	tap_ok(&t, atomic_load(&p->refs) == 1 && fd_open(fd) && mode_of(p, "/pub/x") ==
	                                                            POLICY_MODE_ALLOW,
	       "unref of all but one: still alive and usable");
	rfs_pol_unref(p);
	tap_ok(&t, !fd_open(fd), "the last unref frees it (audit fd closed)");
	rfs_pol_unref(NULL);
}

/* ---- The context ---- */

/* A context (only pol_lock and cur set) whose policy in force is
 * good.ini, in *p1, and other.ini loaded into *p2 for a swap. */
static bool ctx_setup(struct rfs_ctx *ctx, struct rfs_pol **p1, struct rfs_pol **p2)
{
	char err[POLICY_ERRLEN] = "";
	memset(ctx, 0, sizeof *ctx);
	if (load(p1, "good.ini", err, sizeof err) != 0 ||
	    load(p2, "other.ini", err, sizeof err) != 0 || rfs_pol_init(ctx, *p1) != 0) {
		tap_diag_text("context setup", err);
		return false;
	}
	return true;
}

static void test_ctx_basics(void)
{
	char err[POLICY_ERRLEN];
	struct rfs_pol *p1, *p2;
	struct rfs_ctx ctx;
	if (!tap_ok(&t, ctx_setup(&ctx, &p1, &p2), "pol_init with a loaded policy"))
		return;
	int fd1 = p1->audit_fd;
	struct rfs_pol *q = rfs_pol_begin(&ctx);
	tap_ok(&t, q == p1 && atomic_load(&p1->refs) == 1, "begin: the policy in force, "
	       "the context's one reference");
	/* An operation that opens a file keeps a reference (handle.c). */
	struct rfs_pol *held = rfs_pol_ref(q);
	rfs_pol_end(&ctx);

	rfs_pol_swap(&ctx, p2);
	q = rfs_pol_begin(&ctx);
	tap_ok(&t, q == p2, "after swap, begin gives the new policy");
	rfs_pol_end(&ctx);
	tap_ok(&t, atomic_load(&held->refs) == 1 && fd_open(fd1),
	       "swap: the old policy lives on for the handle that holds it");
	tap_ok(&t, mode_of(held, "/pub/a.txt") == POLICY_MODE_ALLOW &&
	           mode_of(p2, "/pub/a.txt") == POLICY_MODE_DENY,
	       "swap: the handle still reads under the old rules, new operations the new");
	rfs_pol_unref(held);
	tap_ok(&t, !fd_open(fd1), "the handle's unref frees the old policy");

	/* fini drops the context's reference only. */
	struct rfs_pol *p3;
	load(&p3, "good.ini", err, sizeof err);
	int fd3 = p3->audit_fd;
	rfs_pol_swap(&ctx, p3);
	held = rfs_pol_ref(p3);
	rfs_pol_fini(&ctx);
	tap_ok(&t, atomic_load(&held->refs) == 1 && fd_open(fd3),
	       "fini: a policy still referenced lives on");
	rfs_pol_unref(held);
	tap_ok(&t, !fd_open(fd3), "and goes with its last reference");
}

/* A swap and an operation in flight. */
struct inflight {
	struct rfs_ctx *ctx;
	struct rfs_pol *want_new;
	atomic_int in, go, swapped, late_done;
	struct rfs_pol *seen;      /* by the operation in flight */
	struct rfs_pol *late_seen; /* by the reader that came during the swap */
	enum policy_mode seen_mode;
};

static void *inflight_op(void *arg)
{
	struct inflight *f = arg;
	struct rfs_pol *q = rfs_pol_begin(f->ctx);
	atomic_store(&f->in, 1);
	while (!atomic_load(&f->go))
		sleep_ms(1);
	f->seen = q;
	f->seen_mode = mode_of(q, "/pub/a.txt"); /* still usable */
	rfs_pol_end(f->ctx);
	return NULL;
}

static void *inflight_swap(void *arg)
{
	struct inflight *f = arg;
	rfs_pol_swap(f->ctx, f->want_new);
	atomic_store(&f->swapped, 1);
	return NULL;
}

static void *late_reader(void *arg)
{
	struct inflight *f = arg;
	f->late_seen = rfs_pol_begin(f->ctx);
	rfs_pol_end(f->ctx);
	atomic_store(&f->late_done, 1);
	return NULL;
}

static void test_swap_waits(void)
{
	struct rfs_pol *p1, *p2;
	struct rfs_ctx ctx;
	if (!ctx_setup(&ctx, &p1, &p2)) {
		tap_ok(&t, false, "swap waits: setup");
		return;
	}
	int fd1 = p1->audit_fd;
	struct inflight f = { .ctx = &ctx, .want_new = p2 };
	pthread_t op, sw, late;
	pthread_create(&op, NULL, inflight_op, &f);
	while (!atomic_load(&f.in))
		sleep_ms(1);
	pthread_create(&sw, NULL, inflight_swap, &f);
	sleep_ms(200);
	tap_ok(&t, !atomic_load(&f.swapped), "a swap waits for the operation in flight");
	tap_ok(&t, fd_open(fd1), "the old policy is not freed under the operation");
	pthread_create(&late, NULL, late_reader, &f);
	sleep_ms(200);
	tap_ok(&t, !atomic_load(&f.late_done), "a reader arriving during the swap waits (writers "
	       "preferred)");
	atomic_store(&f.go, 1);
	pthread_join(op, NULL);
	pthread_join(sw, NULL);
	pthread_join(late, NULL);
	tap_ok(&t, f.seen == p1 && f.seen_mode == POLICY_MODE_ALLOW,
	       "the operation in flight used the old policy to its end");
	tap_ok(&t, f.late_seen == p2, "the reader that waited sees the new policy");
	tap_ok(&t, !fd_open(fd1), "once the swap returned, the old policy is freed");
	rfs_pol_fini(&ctx);
}

/* Overlapping readers, one always in: the swap still gets through. */
struct stream {
	struct rfs_ctx *ctx;
	atomic_bool stop;
};

static void *stream_reader(void *arg)
{
	struct stream *s = arg;
	while (!atomic_load(&s->stop)) {
		rfs_pol_begin(s->ctx);
		sleep_ms(2);
		rfs_pol_end(s->ctx);
	}
	return NULL;
}

static void test_stream_of_readers(void)
{
	struct rfs_pol *p1, *p2;
	struct rfs_ctx ctx;
	if (!ctx_setup(&ctx, &p1, &p2)) {
		tap_ok(&t, false, "stream: setup");
		return;
	}
	struct stream s = { .ctx = &ctx };
	struct inflight f = { .ctx = &ctx, .want_new = p2 };
	pthread_t r[3], sw;
	for (int i = 0; i < 3; i++) {
		pthread_create(&r[i], NULL, stream_reader, &s);
		sleep_ms(1);
	}
	sleep_ms(50);
	pthread_create(&sw, NULL, inflight_swap, &f);
	int waited = 0;
	while (!atomic_load(&f.swapped) && waited < 5000) {
		sleep_ms(10);
		waited += 10;
	}
	tap_ok(&t, atomic_load(&f.swapped), "a stream of overlapping readers does not hold a "
	       "swap off (%d ms)", waited);
	atomic_store(&s.stop, true);
	for (int i = 0; i < 3; i++)
		pthread_join(r[i], NULL);
	pthread_join(sw, NULL);
	rfs_pol_fini(&ctx);
}

/* Many swaps while threads take and drop references. */
#define CHURN_THREADS 4
#define CHURN_SWAPS 10

struct churn {
	struct rfs_ctx *ctx;
	atomic_bool stop;
	atomic_long ops, bad;
};

static void *churn_reader(void *arg)
{
	struct churn *c = arg;
	while (!atomic_load(&c->stop)) {
		struct rfs_pol *q = rfs_pol_begin(c->ctx);
		uint64_t gen = q->gen;
		struct rfs_pol *h = rfs_pol_ref(q);
		rfs_pol_end(c->ctx);
		/* Used after end, as a handle would: the rules of its own load. */
		if (h->gen != gen || mode_of(h, "/secret/k") != POLICY_MODE_HIDE ||
		    !fd_open(h->audit_fd))
			atomic_fetch_add(&c->bad, 1);
		rfs_pol_unref(h);
		atomic_fetch_add(&c->ops, 1);
		sched_yield();
	}
	return NULL;
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;
	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}

static void test_churn(void)
{
	char err[POLICY_ERRLEN];
	struct rfs_pol *p;
	struct rfs_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	int fds_before = count_fds();
	if (load(&p, "good.ini", err, sizeof err) != 0 || rfs_pol_init(&ctx, p) != 0) {
		tap_ok(&t, false, "churn: setup");
		return;
	}
	/* Loaded first (a load compiles the detectors: slow), swapped in
	 * while the readers run. */
	struct rfs_pol *next[CHURN_SWAPS];
	int loaded = 0, swapped = 0;
	while (loaded < CHURN_SWAPS && load(&next[loaded], "good.ini", err, sizeof err) == 0)
		loaded++;
	struct churn c = { .ctx = &ctx };
	pthread_t th[CHURN_THREADS];
	for (int i = 0; i < CHURN_THREADS; i++)
		pthread_create(&th[i], NULL, churn_reader, &c);
	for (int i = 0; i < loaded; i++) {
		sleep_ms(20);
		rfs_pol_swap(&ctx, next[i]);
		swapped++;
	}
	atomic_store(&c.stop, true);
	for (int i = 0; i < CHURN_THREADS; i++)
		pthread_join(th[i], NULL);
	rfs_pol_fini(&ctx);
	printf("# churn: %d swaps, %ld operations\n", swapped, atomic_load(&c.ops));
	tap_ok(&t, swapped == CHURN_SWAPS && atomic_load(&c.bad) == 0,
	       "%d swaps under %d threads holding references: every held policy intact",
	       swapped, CHURN_THREADS);
	tap_ok(&t, count_fds() == fds_before, "and every policy freed (no audit fd left open)");
}

int main(void)
{
	if (!tap_ok(&t, tmpdir_make(dir, sizeof dir, "polref") == 0, "mkdtemp"))
		return tap_done(&t);
	umask(022);
	tmpdir_write(dir, "other.ini", other_text);
	test_builtin();
	test_good();
	test_bad();
	test_generations();
	test_refs();
	test_ctx_basics();
	test_swap_waits();
	test_stream_of_readers();
	test_churn();
	tap_ok(&t, tmpdir_remove(dir) == 0, "temporary directory removed");
	return tap_done(&t);
}
