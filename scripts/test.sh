#!/usr/bin/env bash
# The whole test suite, as CI and a new user run it:
#   bash scripts/test.sh            (root is needed for the loop-device, mount and QEMU tests;
#                                    without root those tests are skipped and say so)
# Installs Deno (npm) and the Debian peer packages the tests use, runs the static checks
# (fmt, lint, type checks incl. the portable lib/ check), then `deno test`, and ends with
# the plain line "N passed, N failed".
set -uo pipefail
export NO_COLOR=1 RUST_BACKTRACE=0
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
deno=$(scripts/bootstrap.sh) || { echo "0 passed, 1 failed"; exit 1; }
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  while read -r pkg cmd _; do
    case "$pkg" in ''|'#'*) continue ;; esac
    command -v "$cmd" >/dev/null 2>&1 || [ -e "$cmd" ] || missing+=("$pkg")
  done < scripts/apt-packages.txt
  if [ -f scripts/qemu-packages.txt ] && [ "${SECTORKIT_NO_QEMU:-}" != 1 ]; then
    while read -r pkg path _; do
      case "$pkg" in ''|'#'*) continue ;; esac
      [ -e "$path" ] || missing+=("$pkg")
    done < scripts/qemu-packages.txt
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/tmp/sectorkit-apt.log 2>&1 \
      || { echo "test.sh: apt-get failed, see /tmp/sectorkit-apt.log" >&2; tail -5 /tmp/sectorkit-apt.log >&2; }
  fi
fi
checks_failed=0
for step in "fmt --check" "lint" "task check"; do
  echo "== deno $step" >&2
  # shellcheck disable=SC2086
  "$deno" $step >/tmp/sectorkit-check.log 2>&1 || { checks_failed=$((checks_failed + 1)); cat /tmp/sectorkit-check.log >&2; echo "CHECK FAILED: deno $step" >&2; }
done
report=$(mktemp -t sectorkit-junit-XXXX.xml)
"$deno" test -A --parallel --junit-path="$report" "$@" 2>&1
rc=$?
passed=0; failed=0
if [ -s "$report" ]; then
  read -r passed failed < <(python3 - "$report" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
p = f = 0
for tc in root.iter("testcase"):
    if tc.find("failure") is not None or tc.find("error") is not None: f += 1
    elif tc.find("skipped") is not None: pass
    else: p += 1
print(p, f)
PY
)
fi
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
failed=$((failed + checks_failed))
rm -f "$report"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
