#!/usr/bin/env bash
# Installs the Debian packages Birdlab needs, if any are missing (as root, or through sudo).
set -euo pipefail
packages=(libsndfile1-dev libfftw3-dev libopenblas-dev libsoxr-dev gnuplot-nox pkg-config)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
