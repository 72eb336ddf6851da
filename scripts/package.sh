#!/usr/bin/env bash
# Builds a self-contained archive of Mekong to copy onto machines that have no Swift toolchain —
# a cluster's executors (spark-submit --archives), a server:
#
#   scripts/package.sh [OUT_DIR]        → OUT_DIR/mekong-VERSION-linux-ARCH.tar.gz (default OUT_DIR: dist/)
#
# The archive unpacks flat (bin/, Pipelines/, Corpus/, python/ …) into the folder it is given:
#   bin/mekong                          the executable, Swift's standard library and Foundation linked in statically
#   bin/Mekong_Mekong.resources/        the shipped resources, with the default knowledge base prebuilt in
#                                       kb/store/ (so no machine ever builds it: it is opened read-only)
#   Pipelines/, Corpus/                 the ready pipelines and the sample corpus (the README's main command runs)
#   python/                             the Python package (pip install ./python, or zip it for --py-files)
#   README.md, DATA-LICENSES.md, RUNTIME-PACKAGES
# It needs only the runtime packages of the C libraries it links, listed in RUNTIME-PACKAGES
# (Debian 12 names): ICU, libxml2, CLD2, SQLite, zlib, bzip2, zstd, libstdc++.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${1:-dist}
SCRATCH=.build-package

swift build -c release --static-swift-stdlib --product mekong --scratch-path "$SCRATCH" 2>&1 | tail -n 1
BIN="$SCRATCH/release/mekong"
VERSION=$("$BIN" --version)
NAME="mekong-$VERSION-linux-$(uname -m)"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

mkdir -p "$STAGE/bin"
cp "$BIN" "$STAGE/bin/mekong"
strip "$STAGE/bin/mekong" 2>/dev/null || true
# The resources beside the executable, where it looks for them, with the knowledge base built in
# (by the build's own binary, from its own bundle: the staged one has none yet).
"$BIN" kb prebuild --into "$STAGE/bin/Mekong_Mekong.resources" >/dev/null
cp -R Pipelines Corpus "$STAGE/"
mkdir -p "$STAGE/python"
cp -R python/mekong python/pyproject.toml python/README.md "$STAGE/python/"
find "$STAGE/python" -name __pycache__ -prune -exec rm -rf {} +
cp README.md DATA-LICENSES.md "$STAGE/"

# The shared libraries the executable needs, as Debian packages: what a machine must have.
ldd "$STAGE/bin/mekong" | awk '/=> \//{print $3}' | while read -r lib; do
    dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || echo "unknown: $lib"
done | cut -d: -f1 | sort -u > "$STAGE/RUNTIME-PACKAGES"
if grep -q "^unknown" "$STAGE/RUNTIME-PACKAGES"; then
    echo "package.sh: a linked library belongs to no Debian package:" >&2
    grep "^unknown" "$STAGE/RUNTIME-PACKAGES" >&2
    exit 1
fi

mkdir -p "$OUT"
tar -C "$STAGE" -czf "$OUT/$NAME.tar.gz" .
echo "$OUT/$NAME.tar.gz ($(du -h "$OUT/$NAME.tar.gz" | cut -f1)); runtime packages: $(tr '\n' ' ' < "$STAGE/RUNTIME-PACKAGES")"
