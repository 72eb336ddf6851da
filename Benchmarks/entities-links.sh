#!/usr/bin/env bash
# Scores the whole entity pipeline on Data/entities-links, the development set for linking (sentences written
# for the project, dense in names with an English Wikipedia article; no held-out part: never a test set), the
# same way Benchmarks/entities-heldout.sh scores the held-out part of Data/entities.
#
#   Benchmarks/entities-links.sh [PIPELINE] [SHOW]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA="$ROOT/Data/entities-links" PART=all exec "$ROOT/Benchmarks/entities-heldout.sh" "$@"
