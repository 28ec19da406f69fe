#!/usr/bin/env bash
# Installs dependencies if missing, builds awscoro in Release with its tests
# and tools, and runs every test with ctest.
#   scripts/test.sh                 # build/ in Release
#   BUILD_DIR=build-asan CMAKE_ARGS="-DAWSCORO_SANITIZE=address,undefined" scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then
    scripts/install-deps.sh
fi

build_dir=${BUILD_DIR:-build}
# shellcheck disable=SC2086
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-Release} -DAWSCORO_BUILD_TESTS=ON ${CMAKE_ARGS:-}
cmake --build "$build_dir" -j2
ctest --test-dir "$build_dir" --output-on-failure ${CTEST_ARGS:-}
