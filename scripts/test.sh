#!/usr/bin/env bash
# Install everything (incl. Debian chromium) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/python build/anchors.py
# Static checks first (seconds): lint everything, type-check calculators/ and build/ (mypy, pyproject.toml) and the JS.
.venv/bin/ruff check calculators build scripts tests
.venv/bin/mypy
# JS: TypeScript's checker reads the JSDoc types of build/js/ and docs/assets/js/ (emits nothing; README “JS checks”).
for project in tsconfig tsconfig.worker tsconfig.node; do npx --no-install tsc -p "build/js/$project.json"; done
exec .venv/bin/python -m pytest "$@"
