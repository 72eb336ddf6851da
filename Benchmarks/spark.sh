#!/usr/bin/env bash
# Mekong under Apache Spark (local mode) against a pyspark UDF running underthesea, same run:
# mekong.spark.annotate over N news documents (default 2,000, built from real Vietnamese news
# sentences by Benchmarks/news-text.py) on one and on two workers, and underthesea's
# word_tokenize + ner per sentence in a UDF on two workers. Prints the table.
#
#   Benchmarks/spark.sh [N] [--underthesea-docs M]
#
# Needs ../shared (the sentences), Java 17 and PyPI: pyspark, pyarrow and underthesea go into a
# throwaway virtual environment (SPARK_BENCH_VENV, default /tmp/mekong-spark-venv) — underthesea
# is never a dependency of Mekong.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${1:-2000}; shift || true
VENV=${SPARK_BENCH_VENV:-/tmp/mekong-spark-venv}
MEKONG=${MEKONG:-$ROOT/.build/release/mekong}
[ -x "$MEKONG" ] || swift build -c release --product mekong >/dev/null
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-test.txt underthesea
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall ./python
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 Benchmarks/news-text.py jsonl "$WORK/docs.jsonl" "$N" >/dev/null
# The default knowledge base is built before timing (once per machine).
"$MEKONG" run -p Pipelines/news.json Corpus/vi-kinh-te.txt --quiet >/dev/null
MEKONG="$MEKONG" PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/python" Benchmarks/spark.py "$WORK/docs.jsonl" Pipelines/news.json "$@"
