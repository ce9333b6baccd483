#!/usr/bin/env bash
# Installs the pinned Deno from the npm registry into .tools/ (ignored by git) and prints its path.
# Usage: scripts/bootstrap.sh            (quiet when Deno is already there)
set -euo pipefail
DENO_VERSION=2.9.6
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$root/.tools/node_modules/deno/deno"
if [ ! -x "$bin" ] || ! "$bin" --version 2>/dev/null | grep -q "^deno $DENO_VERSION "; then
  command -v npm >/dev/null || { echo "sectorkit: npm is needed to install Deno $DENO_VERSION" >&2; exit 1; }
  echo "sectorkit: installing Deno $DENO_VERSION into .tools/ (npm)..." >&2
  npm i --silent --no-audit --no-fund --prefix "$root/.tools" "deno@$DENO_VERSION" >&2
fi
echo "$bin"
