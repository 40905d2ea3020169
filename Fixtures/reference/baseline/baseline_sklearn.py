#!/usr/bin/env python3
"""The `baseline` row computed with scikit-learn, the reference for Birdlab's BaselineClassifier.

Reads the pooled statistics Birdlab writes for a suite's baseline row (the same front end, the
same windows, the same split; per-band median removed, then mean / std / 90th percentile):

    .build/release/ablations baseline-features --suite ci --output /tmp/bf-ci

and fits what the issue measured outside the project: StandardScaler on the training windows
(the focal windows of the training recordings, un-augmented, each once; no pseudo-labels), then
one L2-regularised LogisticRegression (lbfgs, C) per class (one-vs-rest; a class with a single
label value in training gets that constant score). It scores each evaluation set with macro
ROC-AUC over the classes that have at least one positive and one negative window there (Birdlab's
convention, Sources/Lab/Metrics/ROCAUC.swift), and writes JSON with the versions used:

    python3 baseline_sklearn.py /tmp/bf-ci ci.json

Committed outputs: ci.json, default.json (Python 3.11.7, NumPy 2.4.6, scikit-learn 1.9.1).
"""
import json
import os
import platform
import sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

folder, output = sys.argv[1], sys.argv[2]
C = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0


def load(name):
    x, y = (os.path.join(folder, f"{name}_{part}.npy") for part in "xy")
    if not os.path.exists(x):
        return None
    return np.load(x).astype(np.float64), np.load(y) >= 0.5


train_x, train_y = load("train")
scaler = StandardScaler().fit(train_x)
models = []
for c in range(train_y.shape[1]):
    labels = train_y[:, c]
    if labels.all() or not labels.any():
        models.append(float(labels.any()))
    else:
        models.append(LogisticRegression(C=C, solver="lbfgs", max_iter=10_000).fit(scaler.transform(train_x), labels))


def scores(x):
    z = scaler.transform(x)
    return np.stack([np.full(len(z), m) if isinstance(m, float) else m.predict_proba(z)[:, 1] for m in models], axis=1)


fingerprint = os.path.join(folder, "fingerprint.txt")
result = {
    "dataFingerprint": open(fingerprint).read().strip() if os.path.exists(fingerprint) else None,
    "versions": {"python": platform.python_version(), "numpy": np.__version__, "scikit-learn": sklearn.__version__},
    "model": f"StandardScaler + LogisticRegression(C={C}, lbfgs) per class, trained on the train windows",
    "C": C,
    "features": int(train_x.shape[1]),
    "classes": int(train_y.shape[1]),
    "windows": {"train": int(len(train_x))},
    "sets": {},
}
for name in ["validation", "test", "soundscapes"]:
    data = load(name)
    if data is None:
        continue
    x, y = data
    s = scores(x)
    aucs = [roc_auc_score(y[:, c], s[:, c]) for c in range(y.shape[1]) if 0 < y[:, c].sum() < len(y)]
    result["windows"][name] = int(len(x))
    result["sets"][name] = {"macro_auc": float(np.mean(aucs)) if aucs else None, "classes_scored": len(aucs)}

with open(output + ".tmp", "w") as f:
    json.dump(result, f, indent=2, sort_keys=True)
    f.write("\n")
os.replace(output + ".tmp", output)
print(json.dumps(result["sets"]))
