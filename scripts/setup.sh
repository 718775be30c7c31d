#!/usr/bin/env bash
# Install everything the project needs on a fresh Debian machine with Python 3.11 and Node:
# Debian chromium + CJK fonts and nginx (tests), a Python venv with the pinned packages, npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PKGS=()
command -v chromium >/dev/null 2>&1 || PKGS+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || PKGS+=(fonts-noto-cjk)
# nginx: the deploy recipe (deploy/nginx.conf) is tested on the real server (tests/test_deploy_nginx.py);
# with its brotli module where the release has it (Debian 12: libnginx-mod-http-brotli-static).
NGINX=0
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || NGINX=1
if [ ${#PKGS[@]} -gt 0 ] || [ "$NGINX" -eq 1 ]; then
  $SUDO apt-get update -qq
  if [ "$NGINX" -eq 1 ]; then
    PKGS+=(nginx)
    if apt-cache show libnginx-mod-http-brotli-static >/dev/null 2>&1; then PKGS+=(libnginx-mod-http-brotli-static); fi
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PKGS[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[site,test]'

if [ -f package-lock.json ]; then
  npm ci --silent --no-audit --no-fund
fi
