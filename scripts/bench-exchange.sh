#!/usr/bin/env bash
# Import of 200 cities and 12,000 actions from XLSX and CSV (preview and commit times, peak
# memory of each step) and the full export, on SQLite; BENCH_DATABASE_URL=postgres://... for
# PostgreSQL. Targets: 12,000 actions previewed < 2 s, committed < 5 s, < 200 MB; export < 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo bench --bench exchange "$@"
