#!/usr/bin/env python3
"""Fresh random check of `ablations score` / `ablations thresholds` against scikit-learn.

Not run by CI (CI never runs Python): a tool for reviewers and for re-checking after changes.
Writes random Kaggle-style CSVs (pandas-like float formatting, shuffled rows and columns), runs the
binary, and compares its JSON with scikit-learn 1.9.1 / NumPy 2.4 on the same numbers.

    python3 check_cli.py .build/release/ablations [cases] [seed]
"""
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score

warnings.filterwarnings("ignore")
binary = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 7)


def write(path, ids, species, m, fmt):
    with open(path, "w") as f:
        f.write(",".join(["row_id"] + species) + "\n")
        for i, row in zip(ids, m):
            f.write(",".join([i] + [fmt(v) for v in row]) + "\n")


worst, failures = 0.0, 0
with tempfile.TemporaryDirectory() as d:
    for n in range(count):
        rows, classes = int(rng.integers(1, 400)), int(rng.integers(2, 30))
        Y = (rng.random((rows, classes)) < rng.uniform(0, 0.5)).astype(float)
        if rng.random() < 0.3:
            Y = np.where(rng.random(Y.shape) < 0.3, rng.choice([0.2, 0.5, 0.7], Y.shape), Y)
        Y[:, rng.random(classes) < 0.15] = 0
        Y[:, rng.random(classes) < 0.1] = 1
        S = rng.random((rows, classes))
        r = rng.random()
        if r < 0.5:
            S = np.round(S, int(rng.integers(0, 3)))
        elif r < 0.7:
            S = S.astype(np.float32).astype(float)
        thr = float(rng.choice([0.5, 0.3, 0.45, 0.7]))
        species = [f"sp{c:03d}" for c in range(classes)]
        ids = [f"row{i}" for i in range(rows)]
        sol, sub = os.path.join(d, "s.csv"), os.path.join(d, "p.csv")
        write(sol, ids, species, Y, lambda v: repr(float(v)) if v not in (0, 1) else str(int(v)))
        perm, cperm = rng.permutation(rows), rng.permutation(classes)
        write(sub, [ids[i] for i in perm], [species[c] for c in cperm], S[perm][:, cperm], lambda v: repr(float(v)))
        out = subprocess.run([binary, "score", "--solution", sol, "--submission", sub, "--threshold", str(thr), "--json"],
                             capture_output=True, text=True)
        got = json.loads(out.stdout)
        Yb = (Y >= 0.5).astype(int)
        P = (S >= thr).astype(int)
        scorable = [c for c in range(classes) if 0 < Yb[:, c].sum() < rows]
        haspos = [c for c in range(classes) if Yb[:, c].sum() > 0]
        want = {
            "samples_f1": f1_score(Yb, P, average="samples", zero_division=0),
            "micro_f1": f1_score(Yb, P, average="micro", zero_division=0),
            "macro_auc": np.mean([roc_auc_score(Yb[:, c], S[:, c]) for c in scorable]) if scorable else None,
            "cmap": np.mean([average_precision_score(Yb[:, c], S[:, c]) for c in haspos]) if haspos else None,
            "cmap_all_classes": average_precision_score(Yb, S, average="macro"),
        }
        for k, v in want.items():
            g = got[k]
            if (v is None) != (g is None) or (v is not None and abs(v - g) > 1e-9):
                failures += 1
                print(f"case {n}: {k} swift {g} sklearn {v}")
            elif v is not None:
                worst = max(worst, abs(v - g))
        if got["classes_scored"] != len(scorable) or got["ap_classes_scored"] != len(haspos) or got["rows"] != rows:
            failures += 1
            print(f"case {n}: counts differ {got}")
print(f"{count} cases, {failures} disagreements, largest |Swift - sklearn| = {worst:.3g}")
sys.exit(1 if failures else 0)
