#!/usr/bin/env bash
# The project's main job in one command, on a fresh Debian 12 machine:
# installs what is missing, builds in Release, starts the bundled
# sagemaker-local endpoint on loopback with a rate limit (200 requests/s,
# burst 50) and a little fault injection (1% 503s, 0.5% connection resets),
# batch-registers 2,000 image versions over 4 images with awscoro-sagemaker
# (progress bar, summary), checks with list-image-versions that exactly
# 2,000 exist, and stops the server. About 15 s after the build.
#   scripts/demo.sh            # build-demo/ in Release: the library and the two tools only
#   BUILD_DIR=build scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then
    scripts/install-deps.sh
elif ! command -v cmake >/dev/null || ! command -v g++ >/dev/null; then
    echo "demo: cmake and g++ are missing: run scripts/install-deps.sh as root first" >&2
    exit 1
fi

build_dir=${BUILD_DIR:-build-demo}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
    -DAWSCORO_BUILD_TESTS=OFF -DAWSCORO_BUILD_BENCH=OFF -DAWSCORO_BUILD_EXAMPLES=OFF
cmake --build "$build_dir" -j2 --target awscoro-sagemaker sagemaker-local

tool="$build_dir/tools/awscoro-sagemaker/awscoro-sagemaker"
work=$(mktemp -d /tmp/awscoro-demo-XXXXXX)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The endpoint: a free port on 127.0.0.1, its own CA; the first two lines say where.
rate=200
"$build_dir/tools/sagemaker-local/sagemaker-local" --port 0 --tps "$rate" --burst 50 \
    --fault-503 0.01 --fault-reset-before 0.005 >"$work/server.out" &
server_pid=$!
for _ in $(seq 100); do
    grep -q '^ca-bundle ' "$work/server.out" 2>/dev/null && break
    sleep 0.05
done
endpoint=$(awk '$1 == "listening" {print $2}' "$work/server.out")
ca_bundle=$(awk '$1 == "ca-bundle" {print $2}' "$work/server.out")
[ -n "$endpoint" ] && [ -n "$ca_bundle" ] || { echo "demo: sagemaker-local did not start" >&2; exit 1; }

# sagemaker-local's example credentials, and nothing from the user's AWS setup.
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
export AWS_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE
cli() { "$tool" --endpoint-url "$endpoint" --ca-bundle "$ca_bundle" "$@"; }

echo "== sagemaker-local at $endpoint: $rate requests/s (burst 50), 1% 503s, 0.5% connection resets"

images=4
versions=2000
for ((k = 0; k < images; k++)); do
    cli create-image --image-name "demo-$k" --role-arn arn:aws:iam::123456789012:role/demo --output text
done

awk -v n="$versions" -v images="$images" 'BEGIN {
    for (i = 0; i < n; i++)
        printf "{\"ImageName\":\"demo-%d\",\"BaseImage\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/demo:v%d\",\"JobType\":\"TRAINING\",\"Aliases\":[\"build-%d\"]}\n", i % images, i, i
}' >"$work/manifest.jsonl"
echo "== registering $versions image versions from $work/manifest.jsonl"

# --max-rps: the account's request rate for the call, known in advance; the
# adaptive retry mode absorbs the throttling that remains.
cli register --manifest "$work/manifest.jsonl" --results "$work/results.jsonl" --concurrency 32 \
    --max-rps "$rate" | tee "$work/summary.txt"

listed=0
for ((k = 0; k < images; k++)); do
    n=$(cli list-image-versions --image-name "demo-$k" --page-size 100 --output text | grep -c '^IMAGEVERSIONS')
    listed=$((listed + n))
done
goodput=$(awk '/throughput/ {print $2}' "$work/summary.txt")
echo "== list-image-versions: $listed versions on the server (expected $versions)"
echo "== goodput $goodput versions/s against the server's limit of $rate requests/s ($(awk -v g="$goodput" -v r="$rate" 'BEGIN { printf "%.0f", 100 * g / r }')%)"
if [ "$listed" -ne "$versions" ]; then
    echo "demo: FAILED: expected $versions versions" >&2
    exit 1
fi
echo "== demo OK"
