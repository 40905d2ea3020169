#!/usr/bin/env python3
"""Reference cases for Birdlab's Metrics layer, computed with scikit-learn.

Produced with Python 3.11.7, scikit-learn 1.9.1, NumPy 2.4.6 (the versions are also written into
the output). Run:  python3 make_cases.py > cases.json

Each case holds targets Y and scores S ([rows][classes], row-major), a threshold policy, and what
scikit-learn computes on them:
  samples_f1 / micro_f1: f1_score(Y >= 0.5, S >= thr, average="samples"/"micro", zero_division=0)
  per_class_auc: roc_auc_score(Y[:, c] >= 0.5, S[:, c]) for classes with >= 1 positive and >= 1
                 negative, else null; macro_auc = their mean (null if none), classes_scored = count
  per_class_ap:  average_precision_score(Y[:, c] >= 0.5, S[:, c]) for classes with >= 1 positive,
                 else null (scikit-learn warns and returns 0 there)
  cmap:          average_precision_score(Y[:, P], S[:, P], average="macro") over the columns P that
                 have >= 1 positive (null if none); ap_classes = |P|
  sklearn_macro_ap_all: average_precision_score(Y, S, average="macro") over all columns, which
                 counts a class without positive as 0 (recorded to document the difference)
  tuned_thresholds: per class, the grid value k/100 (k = 30..79) maximizing
                 f1_score(Y[:, c] >= 0.5, S[:, c] >= k/100, zero_division=0); ties -> the k nearest
                 50, then the lower k.
Plus `percentiles`: np.percentile(values, 100*q) (linear) for the bootstrap's quantile helper.

Cases are random: sizes, heavy ties (scores rounded to 0-2 decimals), empty rows, all-zero and
all-one columns, soft targets (including values at exactly 0.5), scores exactly on the threshold,
scalar and per-class thresholds, float32-representable scores (flag `float32`).
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score

warnings.filterwarnings("ignore")
rng = np.random.default_rng(20251127)


def make_targets(rows, classes):
    kind = rng.choice(["binary", "binary", "soft", "sparse"])
    prevalence = rng.uniform(0.05, 0.7)
    if kind == "sparse":
        prevalence = rng.uniform(0.0, 0.15)
    y = (rng.random((rows, classes)) < prevalence).astype(float)
    if kind == "soft":
        soft = rng.choice([0.0, 0.1, 0.3, 0.49, 0.5, 0.51, 0.7, 0.9, 1.0], size=(rows, classes))
        mask = rng.random((rows, classes)) < 0.5
        y = np.where(mask, soft, y)
    # degenerate columns and rows
    for c in range(classes):
        u = rng.random()
        if u < 0.15:
            y[:, c] = 0.0
        elif u < 0.25:
            y[:, c] = 1.0
    empty = rng.random(rows) < 0.15
    y[empty, :] = 0.0
    return str(kind), y


def make_scores(rows, classes, y):
    kind = rng.choice(["round0", "round1", "round2", "continuous", "float32", "informative"])
    if kind == "informative":
        s = np.clip(0.5 * (y >= 0.5) + rng.normal(0.25, 0.2, (rows, classes)), 0, 1)
        s = np.round(s, 2)
    else:
        s = rng.random((rows, classes))
        if kind.startswith("round"):
            s = np.round(s, int(kind[-1]))
        elif kind == "float32":
            s = s.astype(np.float32).astype(np.float64)
    if rng.random() < 0.3:  # some scores exactly on 0.5 and on grid values
        hit = rng.random((rows, classes)) < 0.1
        s = np.where(hit, rng.choice([0.5, 0.3, 0.45, 0.79, 0.0, 1.0], size=(rows, classes)), s)
    if rng.random() < 0.1:  # a constant score column
        s[:, rng.integers(classes)] = 0.5
    return str(kind), s


def make_thresholds(classes, s):
    u = rng.random()
    if u < 0.4:
        return {"scalar": 0.5}
    if u < 0.55:
        return {"scalar": float(rng.choice([0.3, 0.45, 0.62, 0.79, 0.0, 1.0]))}
    if u < 0.8:
        return {"per_class": [float(k) / 100 for k in rng.integers(30, 80, size=classes)]}
    # per-class thresholds taken from score values (so some scores sit exactly on them)
    return {"per_class": [float(s[rng.integers(len(s)), c]) for c in range(classes)]}


def tuned(yb, s):
    out = []
    for c in range(yb.shape[1]):
        best_k, best_f1 = 50, -1.0
        for k in range(30, 80):
            f1 = f1_score(yb[:, c], s[:, c] >= k / 100, zero_division=0)
            if f1 > best_f1 or (f1 == best_f1 and abs(k - 50) < abs(best_k - 50)):
                best_k, best_f1 = k, f1
        out.append(best_k / 100)
    return out


def expected(y, s, thresholds):
    yb = (y >= 0.5).astype(int)
    thr = np.full(y.shape[1], thresholds["scalar"]) if "scalar" in thresholds else np.array(thresholds["per_class"])
    pred = (s >= thr[None, :]).astype(int)
    auc, ap = [], []
    for c in range(y.shape[1]):
        pos = yb[:, c].sum()
        auc.append(float(roc_auc_score(yb[:, c], s[:, c])) if 0 < pos < len(yb) else None)
        ap.append(float(average_precision_score(yb[:, c], s[:, c])) if pos > 0 else None)
    scored = [a for a in auc if a is not None]
    haspos = [c for c in range(y.shape[1]) if yb[:, c].sum() > 0]
    if len(haspos) >= 2:
        cmap = float(average_precision_score(yb[:, haspos], s[:, haspos], average="macro"))
    elif len(haspos) == 1:
        cmap = float(average_precision_score(yb[:, haspos[0]], s[:, haspos[0]]))
    else:
        cmap = None
    return {
        "samples_f1": float(f1_score(yb, pred, average="samples", zero_division=0)),
        "micro_f1": float(f1_score(yb, pred, average="micro", zero_division=0)),
        "per_class_auc": auc,
        "macro_auc": float(np.mean(scored)) if scored else None,
        "classes_scored": len(scored),
        "per_class_ap": ap,
        "cmap": cmap,
        "ap_classes": len(haspos),
        "sklearn_macro_ap_all": float(average_precision_score(yb, s, average="macro")),
        "positives": [int(v) for v in yb.sum(axis=0)],
        "tuned_thresholds": tuned(yb, s),
    }


def case(rows, classes):
    target_kind, y = make_targets(rows, classes)
    score_kind, s = make_scores(rows, classes, y)
    thresholds = make_thresholds(classes, s)
    return {
        "rows": rows, "classes": classes, "targets_kind": target_kind, "scores_kind": score_kind,
        "float32": score_kind in ("float32",) and not np.any(s != s.astype(np.float32)),
        "targets": y.tolist(), "scores": s.tolist(), "thresholds": thresholds,
        "expected": expected(y, s, thresholds),
    }


cases = []
for _ in range(170):
    cases.append(case(int(rng.integers(1, 45)), int(rng.integers(2, 9))))
for rows, classes in [(300, 3), (250, 4), (2, 2), (1, 3)]:
    cases.append(case(rows, classes))

percentiles = []
for n in [1, 2, 5, 17, 100]:
    v = np.sort(rng.normal(size=n))
    for q in [0.0, 0.025, 0.5, 0.975, 1.0]:
        percentiles.append({"values": v.tolist(), "q": q, "expected": float(np.percentile(v, 100 * q))})

json.dump({
    "generator": "Fixtures/reference/metrics/make_cases.py",
    "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__, "numpy": np.__version__},
    "cases": cases,
    "percentiles": percentiles,
}, sys.stdout, separators=(",", ":"))
print()
