/*
 * srcfile.c — SOURCE files shared by every open of them (srcfile.h).
 *
 * A table of files by (device, inode) under one lock: users count; a file
 * whose count drops to 0 goes to the idle list (newest last) unless it has
 * been deleted, and the idle list keeps at most RFS_SRC_IDLE_MAX files for
 * at most RFS_SRC_IDLE_SEC seconds. Each file keeps the engines of the
 * last RFS_SRC_ENGINES (policy, path) pairs that asked for one; an engine
 * reads through the file's fd, which lives as long as the file.
 *
 * Descriptors and engines are freed outside the table's lock.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "polref.h"
#include "serve.h"
#include "source.h"
#include "srcfile.h"

#define RFS_SRC_BUCKETS 1024u
#define RFS_SRC_ENGINES 4u

struct src_engine {
	struct rfs_pol *pol;        /* a reference */
	char *path;
	struct rfs_engine *engine;  /* a reference */
};

struct src {
	struct rfs_src pub;         /* first: users hold &pub */
	struct src *next;           /* in its bucket */
	struct src *idle_prev, *idle_next;
	unsigned users;             /* under the table's lock */
	bool idle;
	time_t idle_since;
	pthread_mutex_t lock;       /* engines */
	struct src_engine engines[RFS_SRC_ENGINES];
	unsigned nengines;
	struct rfs_srcs *table;
};

struct rfs_srcs {
	pthread_mutex_t lock;
	struct src *bucket[RFS_SRC_BUCKETS];
	struct src *idle_head, *idle_tail; /* oldest first */
	unsigned nidle;
	_Atomic unsigned long long *passes;
};

static unsigned bucket_of(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9e3779b97f4a7c15ull ^ (uint64_t)dev;
	return (unsigned)(h >> 40) % RFS_SRC_BUCKETS;
}

static void engine_slot_clear(struct src_engine *e)
{
	rfs_engine_unref(e->engine);
	rfs_pol_unref(e->pol);
	free(e->path);
	memset(e, 0, sizeof(*e));
}

static void src_free(struct src *s)
{
	for (unsigned i = 0; i < s->nengines; i++)
		engine_slot_clear(&s->engines[i]);
	pthread_mutex_destroy(&s->lock);
	close(s->pub.fd);
	free(s);
}

struct rfs_srcs *rfs_srcs_new(_Atomic unsigned long long *passes)
{
	struct rfs_srcs *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	pthread_mutex_init(&t->lock, NULL);
	t->passes = passes;
	return t;
}

/* Takes s out of its bucket. Under the lock. */
static void unlink_bucket(struct rfs_srcs *t, struct src *s)
{
	struct src **pp = &t->bucket[bucket_of(s->pub.dev, s->pub.ino)];
	while (*pp != s)
		pp = &(*pp)->next;
	*pp = s->next;
}

static void unlink_idle(struct rfs_srcs *t, struct src *s)
{
	if (s->idle_prev)
		s->idle_prev->idle_next = s->idle_next;
	else
		t->idle_head = s->idle_next;
	if (s->idle_next)
		s->idle_next->idle_prev = s->idle_prev;
	else
		t->idle_tail = s->idle_prev;
	s->idle_prev = s->idle_next = NULL;
	s->idle = false;
	t->nidle--;
}

/* Idle files past their time or beyond the count leave the table; they
 * are chained on *dead (through next) for freeing after the lock. */
static void expire_idle(struct rfs_srcs *t, time_t now, struct src **dead)
{
	while (t->idle_head != NULL &&
	       (t->nidle > RFS_SRC_IDLE_MAX || now - t->idle_head->idle_since > RFS_SRC_IDLE_SEC)) {
		struct src *s = t->idle_head;
		unlink_idle(t, s);
		unlink_bucket(t, s);
		s->next = *dead;
		*dead = s;
	}
}

static void free_chain(struct src *dead)
{
	while (dead != NULL) {
		struct src *next = dead->next;
		src_free(dead);
		dead = next;
	}
}

static time_t now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

void rfs_srcs_free(struct rfs_srcs *t)
{
	if (t == NULL)
		return;
	for (unsigned b = 0; b < RFS_SRC_BUCKETS; b++) {
		struct src *s = t->bucket[b];
		while (s != NULL) {
			struct src *next = s->next;
			src_free(s);
			s = next;
		}
	}
	pthread_mutex_destroy(&t->lock);
	free(t);
}

int rfs_src_open(struct rfs_srcs *t, int rootfd, const char *path, struct stat *st,
                 struct rfs_src **out)
{
	/* The open is what proves which file path names now; a shared file
	 * of the same identity is then the same file. */
	int fd = rfs_source_open_file(rootfd, path, st);
	if (fd < 0)
		return fd;
	struct src *fresh = calloc(1, sizeof(*fresh));
	if (fresh == NULL) {
		close(fd);
		return -ENOMEM;
	}
	struct src *dead = NULL, *s;
	pthread_mutex_lock(&t->lock);
	expire_idle(t, now_sec(), &dead);
	unsigned b = bucket_of(st->st_dev, st->st_ino);
	for (s = t->bucket[b]; s != NULL; s = s->next)
		if (s->pub.dev == st->st_dev && s->pub.ino == st->st_ino)
			break;
	if (s != NULL) {
		if (s->idle)
			unlink_idle(t, s);
		s->users++;
	} else {
		s = fresh;
		fresh = NULL;
		s->pub = (struct rfs_src){ .fd = fd, .dev = st->st_dev, .ino = st->st_ino };
		fd = -1;
		pthread_mutex_init(&s->lock, NULL);
		s->users = 1;
		s->table = t;
		s->next = t->bucket[b];
		t->bucket[b] = s;
	}
	pthread_mutex_unlock(&t->lock);
	free_chain(dead);
	free(fresh);
	if (fd >= 0)
		close(fd); /* the shared one serves */
	*out = &s->pub;
	return 0;
}

void rfs_src_hold(struct rfs_src *pub)
{
	struct src *s = (struct src *)pub;
	pthread_mutex_lock(&s->table->lock);
	s->users++;
	pthread_mutex_unlock(&s->table->lock);
}

void rfs_src_release(struct rfs_src *pub)
{
	if (pub == NULL)
		return;
	struct src *s = (struct src *)pub, *dead = NULL;
	struct rfs_srcs *t = s->table;
	struct stat st;
	/* A deleted file is not kept: its space would stay taken. */
	bool deleted = fstat(pub->fd, &st) < 0 || st.st_nlink == 0;
	time_t now = now_sec();
	pthread_mutex_lock(&t->lock);
	if (--s->users == 0) {
		if (deleted) {
			unlink_bucket(t, s);
			s->next = dead;
			dead = s;
		} else {
			s->idle = true;
			s->idle_since = now;
			s->idle_prev = t->idle_tail;
			s->idle_next = NULL;
			if (t->idle_tail)
				t->idle_tail->idle_next = s;
			else
				t->idle_head = s;
			t->idle_tail = s;
			t->nidle++;
		}
	}
	expire_idle(t, now, &dead);
	pthread_mutex_unlock(&t->lock);
	free_chain(dead);
}

struct rfs_engine *rfs_src_engine(struct rfs_src *pub, struct rfs_pol *pol, const char *path,
                                  const redact_profile *p)
{
	struct src *s = (struct src *)pub;
	struct src_engine old = { 0 };
	struct rfs_engine *e = NULL;
	pthread_mutex_lock(&s->lock);
	for (unsigned i = 0; i < s->nengines && e == NULL; i++)
		if (s->engines[i].pol == pol && strcmp(s->engines[i].path, path) == 0)
			e = rfs_engine_ref(s->engines[i].engine);
	if (e == NULL) {
		struct src_engine fresh = { .path = strdup(path) };
		fresh.engine = fresh.path ? rfs_engine_new(pol, p, &pub->fd, s->table->passes) : NULL;
		if (fresh.engine == NULL) {
			free(fresh.path);
		} else {
			fresh.pol = rfs_pol_ref(pol);
			/* The oldest slot makes room: its engine lives on in the
			 * decisions that hold it. */
			if (s->nengines == RFS_SRC_ENGINES) {
				old = s->engines[0];
				memmove(&s->engines[0], &s->engines[1],
				        (RFS_SRC_ENGINES - 1) * sizeof(s->engines[0]));
				s->nengines--;
			}
			s->engines[s->nengines++] = fresh;
			e = rfs_engine_ref(fresh.engine);
		}
	}
	pthread_mutex_unlock(&s->lock);
	if (old.engine != NULL)
		engine_slot_clear(&old);
	return e;
}
