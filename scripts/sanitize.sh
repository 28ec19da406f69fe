#!/usr/bin/env bash
# Sanitizer builds of the tests that need them, with clang 14:
#   scripts/sanitize.sh address   # AddressSanitizer + UndefinedBehaviorSanitizer: unit, client, credentials
#   scripts/sanitize.sh thread    # ThreadSanitizer: the client's concurrency tests
set -euo pipefail
cd "$(dirname "$0")/.."

kind=${1:?usage: scripts/sanitize.sh address|thread}
case "$kind" in
    address) sanitizers=address,undefined; targets=(unit-tests client-tests credentials-tests) ;;
    thread) sanitizers=thread; targets=(client-tests) ;;
    *) echo "unknown sanitizer: $kind" >&2; exit 2 ;;
esac

build_dir=build-$kind
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DAWSCORO_SANITIZE=$sanitizers -DAWSCORO_BUILD_BENCH=OFF -DAWSCORO_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build_dir" -j2 --target "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
status=0
for t in "${targets[@]}"; do
    binary=$(find "$build_dir/test" -name "$t" -type f -perm -u+x | head -n 1)
    echo "== $kind sanitizer: $t"
    (cd "$(dirname "$binary")" && "./$t") || status=1
done
exit $status
