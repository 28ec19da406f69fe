#!/bin/sh
# Runs the JavaScript SDK conformance suite, first installing the pinned npm
# packages (npm ci, from package-lock.json) when they are missing or stale.
#   run_js.sh PATH/TO/sagemaker-local
#   run_js.sh --install-only
set -eu
cd "$(dirname "$0")"
pinned=$(node -p 'require("./package.json").dependencies["@aws-sdk/client-sagemaker"]')
installed=$(node -p 'try { require("./node_modules/@aws-sdk/client-sagemaker/package.json").version } catch { "" }')
if [ "$pinned" != "$installed" ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
[ "$1" = "--install-only" ] && exit 0
exec node conformance_js.mjs "$1"
