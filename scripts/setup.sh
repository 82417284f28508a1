#!/usr/bin/env bash
# Creates .venv and installs a requirements file into it; sourced by run.sh and test.sh.
# Usage: scripts/setup.sh REQUIREMENTS_FILE
set -euo pipefail
cd "$(dirname "$0")/.."
req="${1:-requirements.txt}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    # Debian ships venv separately
    rm -rf .venv
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv
    python3 -m venv .venv
  fi
fi
stamp=".venv/.installed-$(basename "$req")"
if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  touch "$stamp"
fi
