#!/usr/bin/env bash
# Sets up .venv (first time only) and starts the app: streamlit run app.py
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run app.py "$@"
