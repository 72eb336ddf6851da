#!/usr/bin/env bash
# Checks an archive from scripts/package.sh in a clean root: a Debian 12 minbase made by
# debootstrap with only the runtime packages the archive lists (no Swift, no -dev packages), the
# archive unpacked in a fresh folder there, and the README's main command run on its Corpus/.
# The records must be those the build tree's binary writes for the same command.
#
#   scripts/package-check.sh dist/mekong-VERSION-linux-ARCH.tar.gz [ROOTFS]
#
# Needs root, debootstrap (Debian package) and Debian's mirror; ROOTFS (default
# /tmp/mekong-rootfs) is made once and reused.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARCHIVE=$(readlink -f "$1")
ROOTFS=${2:-/tmp/mekong-rootfs}
[ "$(id -u)" -eq 0 ] || { echo "package-check.sh: run as root (chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { apt-get install -y -qq debootstrap >/dev/null; }

PACKAGES=$(tar -xzOf "$ARCHIVE" ./RUNTIME-PACKAGES | grep -v -E '^(libc6|libgcc-s1)$' | paste -sd, -)
if [ ! -x "$ROOTFS/bin/sh" ]; then
    debootstrap --variant=minbase --include="$PACKAGES" bookworm "$ROOTFS" http://deb.debian.org/debian >/dev/null
fi
# Every runtime package is there, and nothing of Swift's.
for p in $(echo "$PACKAGES" | tr , ' '); do chroot "$ROOTFS" dpkg -s "$p" >/dev/null; done
test ! -e "$ROOTFS/usr/bin/swift" && ! chroot "$ROOTFS" sh -c 'ls /usr/lib/*/libswiftCore.so* /usr/lib/swift' >/dev/null 2>&1

rm -rf "$ROOTFS/opt/mekong" "$ROOTFS/root/.cache/mekong"
mkdir -p "$ROOTFS/opt/mekong"
tar -C "$ROOTFS/opt/mekong" -xzf "$ARCHIVE"
mountpoint -q "$ROOTFS/proc" || mount -t proc proc "$ROOTFS/proc"
trap 'umount "$ROOTFS/proc" 2>/dev/null || true' EXIT
chroot "$ROOTFS" env -i HOME=/root PATH=/usr/bin:/bin LD_LIBRARY_PATH= sh -c \
    'cd /opt/mekong && bin/mekong run -p Pipelines/news.json Corpus/ -o out/corpus.jsonl'
# Built nothing: the knowledge base came prebuilt.
test ! -e "$ROOTFS/root/.cache/mekong" || { echo "package-check.sh: the archive built a knowledge base" >&2; exit 1; }

HOST=$(mktemp -d)
(cd "$ROOT" && "${MEKONG:-$ROOT/.build/release/mekong}" run -p Pipelines/news.json Corpus/ -o "$HOST/corpus.jsonl" --quiet)
python3 - "$HOST/corpus.jsonl" "$ROOTFS/opt/mekong/out/corpus.jsonl" <<'PY'
import json, sys
def load(p):
    return [json.loads(line) for line in open(p, encoding="utf-8")]
a, b = load(sys.argv[1]), load(sys.argv[2])
assert len(a) == len(b) == 10, (len(a), len(b))
diff = [x["id"] for x, y in zip(a, b) if x != y]
print(f"package-check: {len(b)} records in the clean root, identical to the build tree's: {not diff}")
sys.exit(1 if diff else 0)
PY
rm -rf "$HOST"
