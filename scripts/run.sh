#!/usr/bin/env bash
# The README's main command: installs missing system packages, builds in release mode, generates
# the embedded fixture corpus if needed, runs the `default` ablation suite (reusing finished runs)
# and writes Reports/. Extra arguments go to `ablations run` (e.g. --threads 1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release
# Two jobs side by side, one thread each: the small models of the default suite use two cores
# better that way than one job with two threads.
exec .build/release/ablations run --suite default --jobs 2 "$@"
