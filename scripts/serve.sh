#!/usr/bin/env bash
# Install everything, build the site into site/ and serve it on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build --strict
# Serves the pre-compressed .br/.gz files, application/wasm and immutable caching, as production
# should (build/serve.py; the benchmark uses the same server).
exec .venv/bin/python build/serve.py site --port "${PORT:-8000}"
