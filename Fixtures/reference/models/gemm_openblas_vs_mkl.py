"""The GEMMs of one vit-tiny training step (batch 32, 257 tokens, width 192), timed in Debian's
OpenBLAS (the library birdlab calls, through ctypes) and in PyTorch's bundled MKL (torch.mm),
alternating call by call so both see the same machine state; prints the median GFLOP/s of each
and MKL's speed-up. Both use the same thread count (default 2) and row-major float32 operands.
birdlab keeps OpenBLAS single-threaded and splits large products over its own pool, so --threads 1
compares the kernels it actually runs; with more threads OpenBLAS uses its own threads here.

Usage: python3 gemm_openblas_vs_mkl.py [--threads 2] [--reps 25]
       [--openblas /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0]
Written for torch 2.15.0 (CPU, MKL 2024.2) and OpenBLAS 0.3.21 (Debian 12), python 3.11.
OPENBLAS_CORETYPE defaults to SkylakeX here, as birdlab selects it on CPUs 0.3.21 does not know.
"""
import argparse
import ctypes
import os
import statistics
import time

os.environ.setdefault("OPENBLAS_CORETYPE", "SkylakeX")
import numpy as np  # noqa: E402
import torch  # noqa: E402

ROWS, D = 32 * 257, 192
# (name, M, N, K, A transposed, B transposed) as birdlab calls them: Linear forward Y = X·Wᵀ,
# input gradient dX = dY·W, weight gradient dW = dYᵀ·X.
SHAPES = [
    ("qkv   forward  X·Wᵀ", ROWS, 3 * D, D, False, True),
    ("qkv   dX       dY·W", ROWS, D, 3 * D, False, False),
    ("qkv   dW       dYᵀ·X", 3 * D, D, ROWS, True, False),
    ("proj  forward  X·Wᵀ", ROWS, D, D, False, True),
    ("fc1   forward  X·Wᵀ", ROWS, 4 * D, D, False, True),
    ("fc1   dX       dY·W", ROWS, D, 4 * D, False, False),
    ("fc2   forward  X·Wᵀ", ROWS, D, 4 * D, False, True),
    ("fc2   dW       dYᵀ·X", D, 4 * D, ROWS, True, False),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=25)
    ap.add_argument("--openblas", default="/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0")
    a = ap.parse_args()
    blas = ctypes.CDLL(a.openblas)
    blas.openblas_set_num_threads(a.threads)
    torch.set_num_threads(a.threads)
    rng = np.random.default_rng(0)
    print(f"OpenBLAS {a.openblas} ({os.environ['OPENBLAS_CORETYPE']}) vs torch {torch.__version__} MKL, {a.threads} threads")
    for name, m, n, k, ta, tb in SHAPES:
        A = rng.standard_normal((k, m) if ta else (m, k), dtype=np.float32)
        B = rng.standard_normal((n, k) if tb else (k, n), dtype=np.float32)
        C = np.empty((m, n), np.float32)
        tA, tB = torch.from_numpy(A), torch.from_numpy(B)
        opA, opB = (tA.t() if ta else tA), (tB.t() if tb else tB)
        ours, theirs = [], []
        for _ in range(a.reps):
            t0 = time.perf_counter()
            blas.cblas_sgemm(101, 112 if ta else 111, 112 if tb else 111, m, n, k, ctypes.c_float(1.0),
                             ctypes.c_void_p(A.ctypes.data), A.shape[1], ctypes.c_void_p(B.ctypes.data), B.shape[1],
                             ctypes.c_float(0.0), ctypes.c_void_p(C.ctypes.data), n)
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            torch.mm(opA, opB)
            theirs.append(time.perf_counter() - t0)
        flop = 2.0 * m * n * k
        o, t = statistics.median(ours[2:]), statistics.median(theirs[2:])
        print(f"{name:22s} {m:5d}×{n:4d}×{k:5d}  OpenBLAS {flop / o / 1e9:6.1f}  MKL {flop / t / 1e9:6.1f} GFLOP/s  MKL/OpenBLAS {o / t:.2f}×")


if __name__ == "__main__":
    main()
