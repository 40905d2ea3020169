#!/usr/bin/env bash
# The README's test command: installs missing system packages, then builds everything (the
# `ablations` binary that the CLI tests run, and the tests) once and runs every test.
# Numeric tests run in release mode (DESIGN §11); `-enable-testing` keeps @testable imports.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release -Xswiftc -enable-testing --build-tests
swift test -c release -Xswiftc -enable-testing --skip-build "$@"
