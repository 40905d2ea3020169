#ifndef CKERNELS_POOL_H
#define CKERNELS_POOL_H

/// The tensor engine's one thread pool: the calling thread plus persistent workers that spin
/// briefly between jobs and then sleep. Elementwise loops and matrix products (OpenBLAS called
/// single-threaded on disjoint blocks) share it, so no second pool competes for the cores and a
/// worker is usually awake when the next job arrives.

/// A job's body: runs item `index`; `worker` is 0 for the calling thread, 1… for pool threads.
typedef void (*ck_pool_task)(void *context, long index, long worker);

/// Runs task(context, i, w) for every i in [0, items) on the caller and up to `width − 1`
/// workers (started on first use), claiming items in order; returns when all are done.
/// Runs every item on the caller when width ≤ 1, items ≤ 1, the caller is itself running a
/// job's item (a nested call, or a pool worker) or another thread's job holds the pool.
void ck_pool_run(long items, long width, ck_pool_task task, void *context);

/// Non-zero while the calling thread runs an item of a job (inline or on the pool), so that
/// the work inside it stays on this thread (matrix products stay single calls).
int ck_pool_in_job(void);

#endif
