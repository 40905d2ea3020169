#!/usr/bin/env python3
"""Reference for Birdlab's PooledStatistics (Sources/Lab/Features/PooledStatistics.swift).

Writes two small float32 feature matrices [frames, bins] (an odd and an even frame count, with
ties and a constant band) and their pooled statistics computed by NumPy in float64:

    x = x - np.median(x, axis=0)
    np.concatenate([x.mean(0), x.std(0), np.percentile(x, 90, axis=0)])

Produced with Python 3.11.7, NumPy 2.4.6 (also written to pooled_versions.txt). Run in this folder:
    python3 pooled_statistics.py
"""
import platform
import sys

import numpy as np


def pooled(x):
    x = x.astype(np.float64)
    x = x - np.median(x, axis=0)
    return np.concatenate([x.mean(0), x.std(0), np.percentile(x, 90, axis=0)])


rng = np.random.default_rng(22)
odd = (rng.normal(size=(37, 6)) * 3 - 5).astype(np.float32)
odd[:, 2] = 1.5                          # a constant band: every statistic 0
odd[::3, 4] = odd[0, 4]                  # ties
even = rng.gamma(2.0, 2.0, size=(40, 5)).astype(np.float32)
even[:, 0] = np.round(even[:, 0])        # many ties
for name, x in [("odd", odd), ("even", even)]:
    np.save(f"pooled_{name}_input.npy", x)
    np.save(f"pooled_{name}_expected.npy", pooled(x))
with open("pooled_versions.txt", "w") as f:
    f.write(f"python {platform.python_version()}\nnumpy {np.__version__}\n")
print("wrote pooled_{odd,even}_{input,expected}.npy", file=sys.stderr)
