#!/usr/bin/env bash
# Installs every build and test dependency of awscoro on Debian 12.
# Idempotent: does nothing when all packages are present. Run as root.
set -euo pipefail

packages=(
    g++ cmake make pkg-config ca-certificates openssl
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev  # -all-dev lacks Boost.JSON
    libssl-dev doctest-dev
    clang-14 libclang-rt-14-dev  # sanitizer builds
    wrk                          # benchmarks
    tmux                         # the progress bar's screen-level test
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js 20 and npm must come with the machine (Debian's nodejs package
# conflicts with it); python3 with boto3/botocore 1.43 likewise. The
# conformance tests say so clearly if either is missing.
