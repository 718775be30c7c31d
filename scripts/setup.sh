#!/usr/bin/env bash
# Install everything the project needs on a fresh Debian machine with Python 3.11 and Node:
# Debian chromium + CJK fonts (tests), a Python venv with the pinned packages, npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[site,test]'

if [ -f package-lock.json ]; then
  npm ci --silent --no-audit --no-fund
fi
