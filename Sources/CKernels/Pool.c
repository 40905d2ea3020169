// The engine's thread pool (see include/Pool.h).
//
// A job is published by bumping `generation` after its description is stored; items are claimed
// through `claim`, which holds the job's generation in its high 32 bits and the next item in its
// low 32, so a worker holding a stale description can never claim an item of a newer job. The
// caller waits for `remaining` to reach zero before it publishes the next job. Every access is
// sequentially consistent: jobs are coarse, and it keeps the argument short.
#define _GNU_SOURCE
#include "Pool.h"

#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

enum { max_workers = 255 };

static _Atomic unsigned long generation;
static _Atomic unsigned long claim;
static _Atomic long remaining;
static _Atomic(void *) job_task;
static _Atomic(void *) job_context;
static _Atomic long job_items;
static _Atomic long job_width;
static _Atomic int busy;
static _Atomic long sleepers;

static pthread_mutex_t sleep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static long started;
/// Idle workers spin this long (checking for a job) before they sleep.
static const long spin_ns = 1000000;
/// Positive while this thread runs a job's items (always, for a pool worker).
static _Thread_local long job_depth;

static unsigned long tag_of(unsigned long gen) { return (gen & 0xffffffffUL) << 32; }

static long elapsed_ns(const struct timespec *t0) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000000000L + (t.tv_nsec - t0->tv_nsec);
}

/// Claims and runs items of job `gen` until none is left (or a newer job replaced it).
static void work(unsigned long gen, ck_pool_task task, void *context, long items, long worker) {
    const unsigned long tag = tag_of(gen);
    for (;;) {
        unsigned long c = atomic_load(&claim);
        if ((c & ~0xffffffffUL) != tag) return;
        long i = (long)(c & 0xffffffffUL);
        if (i >= items) return;
        if (!atomic_compare_exchange_weak(&claim, &c, c + 1)) continue;
        task(context, i, worker);
        atomic_fetch_sub(&remaining, 1);
    }
}

/// Spins up to `spin_ns` for a generation other than `seen`, then sleeps until one comes.
static unsigned long wait_for_job(unsigned long seen) {
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long k = 1;; k++) {
        unsigned long g = atomic_load(&generation);
        if (g != seen) return g;
        _mm_pause();
        if ((k & 63) == 0 && elapsed_ns(&t0) > spin_ns) break;
    }
    pthread_mutex_lock(&sleep_lock);
    atomic_fetch_add(&sleepers, 1);
    unsigned long g;
    while ((g = atomic_load(&generation)) == seen) pthread_cond_wait(&wake, &sleep_lock);
    atomic_fetch_sub(&sleepers, 1);
    pthread_mutex_unlock(&sleep_lock);
    return g;
}

static void *worker_main(void *argument) {
    const long id = (long)argument;
    job_depth = 1;
    unsigned long seen = atomic_load(&generation);
    for (;;) {
        const unsigned long gen = wait_for_job(seen);
        seen = gen;
        if (id >= atomic_load(&job_width)) continue;
        ck_pool_task task = (ck_pool_task)atomic_load(&job_task);
        void *context = atomic_load(&job_context);
        work(gen, task, context, atomic_load(&job_items), id);
    }
    return 0;
}

/// Starts workers 1…count (those not running yet); returns how many run.
static long start_workers(long count) {
    pthread_mutex_lock(&start_lock);
    while (started < count && started < max_workers) {
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        const int failed = pthread_create(&thread, &attributes, worker_main, (void *)(started + 1));
        pthread_attr_destroy(&attributes);
        if (failed) break;
        started += 1;
    }
    const long running = started;
    pthread_mutex_unlock(&start_lock);
    return running;
}

void ck_pool_run(long items, long width, ck_pool_task task, void *context) {
    if (items <= 0) return;
    if (width > items) width = items;
    if (items > 0x7fffffffL) width = 1;
    int idle = 0;
    if (width <= 1 || job_depth > 0 || !atomic_compare_exchange_strong(&busy, &idle, 1)) {
        job_depth += 1;
        for (long i = 0; i < items; i++) task(context, i, 0);
        job_depth -= 1;
        return;
    }
    const long workers = start_workers(width - 1);
    if (workers + 1 < width) width = workers + 1;
    const unsigned long gen = atomic_load(&generation) + 1;
    atomic_store(&claim, tag_of(gen));
    atomic_store(&job_task, (void *)task);
    atomic_store(&job_context, context);
    atomic_store(&job_items, items);
    atomic_store(&job_width, width);
    atomic_store(&remaining, items);
    atomic_store(&generation, gen);
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&sleep_lock);
        pthread_cond_broadcast(&wake);
        pthread_mutex_unlock(&sleep_lock);
    }
    job_depth += 1;
    work(gen, task, context, items, 0);
    job_depth -= 1;
    // A worker still on its last item is normally microseconds away; when the machine has
    // descheduled it, yield rather than spin through its time slice.
    for (long k = 0; atomic_load(&remaining) > 0; k++) {
        if (k < 4096) _mm_pause(); else sched_yield();
    }
    atomic_store(&busy, 0);
}

int ck_pool_in_job(void) { return job_depth > 0; }
