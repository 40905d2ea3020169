"""Reference pseudo-labels for Tests/LabTests/Data/PseudoLabelTests.swift (DESIGN §8 rules).

Produced with python 3.11, numpy 2.4 (np.percentile, linear interpolation). Writes the BirdNET
Analyzer CSV the Swift test imports (pseudo_label_detections.csv) and the expected targets
(pseudo_label_reference.json). Run from the repository root:
    python3 Fixtures/data/pseudo_label_reference.py
Rules: keep confidence > 0.35; theta[c] = 25th percentile of class c's kept confidences;
sample (file, t), t = 0, 5, ...: detections with start in [t-1, t+3], summed per species,
1 if sum > theta else sum/theta; a window with no kept in-list detection but an out-of-list
species at >= 0.95 is a negative (all zeros).
"""
import csv
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
classes = ["1139490", "amecro", "blujay", "norcar"]
names = {"amecro": ("Corvus brachyrhynchos", "American Crow"), "blujay": ("Cyanocitta cristata", "Blue Jay"),
         "norcar": ("Cardinalis cardinalis", "Northern Cardinal"), "1139490": ("Ischnura hastata", "Citrine Forktail")}
durations = {"site_a": 30.0, "site_b": 14.97, "site_c": 10.0}
rng = np.random.default_rng(5)
rows = []
for f, dur in list(durations.items())[:2]:
    for start in np.arange(0, dur - 1, 1.5):  # 3 s BirdNET windows, overlapping
        for c in classes:
            if rng.random() < 0.3:
                rows.append((float(start), float(start + 3), *names[c], round(float(rng.uniform(0.1, 1.0)), 4), f + ".ogg"))
        if rng.random() < 0.1:
            rows.append((float(start), float(start + 3), "Homo sapiens", "Human vocal", round(float(rng.uniform(0.9, 1.0)), 4), f + ".ogg"))
# site_c: a confident out-of-list species (a negative window) and in-list detections at or below 0.35
rows += [(6.0, 9.0, "Homo sapiens", "Human vocal", 0.97, "site_c.ogg"), (6.0, 9.0, *names["blujay"], 0.35, "site_c.ogg"),
         (0.0, 3.0, *names["amecro"], 0.2, "site_c.ogg")]
with open(os.path.join(HERE, "pseudo_label_detections.csv"), "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["Start (s)", "End (s)", "Scientific name", "Common name", "Confidence", "File"])
    w.writerows(rows)

by_name = {v[0]: k for k, v in names.items()}
kept = [(r[5][:-4], r[0], by_name[r[2]], r[4]) for r in rows if r[2] in by_name and r[4] > 0.35]
theta = {c: float(np.percentile([k[3] for k in kept if k[2] == c], 25)) for c in classes if any(k[2] == c for k in kept)}
neg = [(r[5][:-4], r[0]) for r in rows if r[2] not in by_name and r[4] >= 0.95]
samples = []
for f, dur in durations.items():
    n = max(1, int(np.ceil((dur - 0.25) / 5)))
    for w_ in range(n):
        t = 5.0 * w_
        hits = [k for k in kept if k[0] == f and t - 1 <= k[1] <= t + 3]
        if hits:
            sums = {c: sum(k[3] for k in hits if k[2] == c) for c in classes}
            targets = [0.0 if sums[c] == 0 else (1.0 if sums[c] > theta[c] else sums[c] / theta[c]) for c in classes]
            samples.append({"file": f, "start": t, "targets": targets, "negative": False})
        elif any(n_[0] == f and t - 1 <= n_[1] <= t + 3 for n_ in neg):
            samples.append({"file": f, "start": t, "targets": [0.0] * len(classes), "negative": True})
json.dump({"classes": classes, "names": names, "durations": durations, "theta": [theta.get(c) for c in classes],
           "samples": samples}, open(os.path.join(HERE, "pseudo_label_reference.json"), "w"), indent=1)
