#!/usr/bin/env bash
# Sets up .venv and Debian's chromium (first time only), checks lint, then runs every test.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k engine`.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt || exit 1
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "wenquanyi"; then
  # chromium for the browser tests, and a CJK font so the Chinese screenshots show characters
  echo "installing Debian's chromium and fonts-wqy-zenhei for the browser tests"
  (as_root apt-get update -qq && as_root apt-get install -y -qq chromium fonts-wqy-zenhei fonts-dejavu-core) ||
    { echo "could not install chromium"; exit 1; }
fi
.venv/bin/ruff check . || exit 1
.venv/bin/ruff format --check . || exit 1
.venv/bin/python -m pytest -n 2 "$@"
rc=$?
if [ "$rc" = 5 ]; then
  echo "pytest collected no tests: that is a failure here"
  exit 1
fi
exit "$rc"
