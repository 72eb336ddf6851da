#!/usr/bin/env bash
# Runs Mekong's libFuzzer harnesses (Benchmarks/fuzz/*.swift), one at a time.
#
#   Benchmarks/fuzz.sh SECONDS [HARNESS...]   each harness for SECONDS (default: all harnesses)
#   Benchmarks/fuzz.sh --smoke                 every harness for 6 s from a fixed seed, stopping at its first finding (CI;
#                                              3 min 22 s with a clean build on 2 cores)
#
# Builds what is missing first (Benchmarks/fuzz/build.sh). Each harness keeps a corpus in
# .build-fuzz/corpus/NAME, seeded from Corpus/ and the test fixtures; inputs that crash, leak,
# time out or run out of memory are saved in .build-fuzz/crashes/NAME/, and fuzzing starts again
# for the time left (up to 5 findings a harness). Prints one line per harness and a
# total; appends the counts to Benchmarks/fuzz-tally.tsv (committed: executions add up across
# sessions). Exits 1 when anything was found.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_BUILD_DIR:-$ROOT/.build-fuzz}
TALLY=$ROOT/Benchmarks/fuzz-tally.tsv
FIXTURES=$ROOT/Tests/MekongTests/Fixtures

usage() { echo "usage: $0 SECONDS [HARNESS...] | --smoke" >&2; exit 2; }
[ $# -ge 1 ] || usage
MODE=run
SEED_FLAG=()
if [ "$1" = --smoke ]; then
    MODE=smoke
    SECONDS_EACH=${FUZZ_SMOKE_SECONDS:-6}
    # A smoke run only asks whether anything is found; one finding a harness tells. A fixed
    # seed makes it the same walk every time (CI runs it): only its length varies with speed.
    FUZZ_MAX_FINDINGS=${FUZZ_MAX_FINDINGS:-1}
    SEED_FLAG=(-seed=1)
    shift
else
    [[ $1 =~ ^[0-9]+$ ]] || usage
    SECONDS_EACH=$1
    shift
fi
ALL=$(cd "$ROOT/Benchmarks/fuzz" && ls *.swift | sed 's/\.swift$//')
HARNESSES=${*:-$ALL}

FUZZ_QUIET=${FUZZ_QUIET:-} "$ROOT/Benchmarks/fuzz/build.sh" $HARNESSES

# Seeds: files of the harness's kind, each behind the first bytes that pick its variant.
seed() { # NAME PREFIX(printf escapes) FILE...
    local name=$1 prefix=$2 file; shift 2
    for file in "$@"; do
        [ -f "$file" ] || continue
        local dest=$OUT/corpus/$name/seed-$(printf "$prefix" | od -An -tx1 | tr -d ' \n')-$(basename "$file")
        [ -e "$dest" ] || { printf "$prefix" > "$dest"; cat "$file" >> "$dest"; }
    done
}
seed_text() { # NAME TEXT...
    local name=$1 n=0 text; shift
    for text in "$@"; do
        n=$((n + 1))
        [ -e "$OUT/corpus/$name/seed-text-$n" ] || printf '%s' "$text" > "$OUT/corpus/$name/seed-text-$n"
    done
}
seed_corpus() {
    local name=$1
    mkdir -p "$OUT/corpus/$name"
    case $name in
        html)
            for p in '\x00' '\x01' '\x02' '\x81'; do seed html "$p" "$ROOT"/Corpus/*.html; done
            seed html '\x80' "$FIXTURES"/xml/*.xml ;;
        xml)
            for p in '\x00' '\x01' '\x02' '\x03' '\x04'; do
                seed xml "$p" "$ROOT"/Corpus/*.rss "$FIXTURES"/xml/*
            done
            seed_text xml $'\xff//item\n<rss><channel><item><title>A</title><description>&lt;p&gt;B&lt;/p&gt;</description></item></channel></rss>' \
                $'\xff//doc[@id]\n<c><doc id="1" xml:lang="vi"><title>T</title><p>Một.</p><p>Hai.</p></doc></c>' ;;
        warc)
            seed warc '\x00' "$FIXTURES"/warc/records.warc
            seed warc '\x01' "$FIXTURES"/warc/records.warc
            seed warc '\x03' "$FIXTURES"/warc/records.warc.gz "$ROOT"/Corpus/*.warc.gz
            if [ ! -e "$OUT/corpus/warc/seed-00-tin-tuc.warc" ]; then
                { printf '\x00'; gzip -dc "$ROOT"/Corpus/tin-tuc.warc.gz; } > "$OUT/corpus/warc/seed-00-tin-tuc.warc"
            fi ;;
        jsonl)
            seed jsonl '' "$ROOT"/Corpus/*.jsonl
            if [ ! -e "$OUT/corpus/jsonl/seed-golden-1" ]; then
                # The golden records are long; their first lines serve, one file each.
                local i=0
                while IFS= read -r line && [ $i -lt 4 ]; do
                    i=$((i + 1)); printf '%s\n' "$line" > "$OUT/corpus/jsonl/seed-golden-$i"
                done < "$FIXTURES"/golden/corpus-news.jsonl
            fi ;;
        compressed)
            for p in '\x00' '\x01' '\x02' '\x0a'; do seed compressed "$p" "$ROOT"/Corpus/*.jsonl; done
            for p in '\x03' '\x04' '\x05' '\x16'; do seed compressed "$p" "$ROOT"/Corpus/*.txt; done
            for p in '\x06' '\x07' '\x08' '\x0e'; do seed compressed "$p" "$ROOT"/Corpus/*.html; done ;;
        charset)
            for p in '\x00' '\x01' '\x05' '\x08'; do seed charset "$p" "$ROOT"/Corpus/*.txt "$ROOT"/Corpus/*.html; done
            seed_text charset $'\xffwindows-1258\nTi\xea\xcc\x81ng Vi\xea\xf2t' $'\xffutf-16le\n\xff\xfeV\x00i\x00' ;;
        normalize)
            for p in '\x00' '\x01' '\x02' '\x03' '\x04'; do seed normalize "$p" "$ROOT"/Corpus/*.txt; done ;;
        quantities)
            seed quantities '\x00' "$ROOT"/Corpus/vi-*.txt
            seed quantities '\x01' "$ROOT"/Corpus/en-*.txt
            if [ ! -e "$OUT/corpus/quantities/seed-cases-vi" ]; then
                { printf '\x00'; grep -P '^vi\t' "$FIXTURES"/quantities/cases.tsv | cut -f2 | sed -n '1,60p'; } > "$OUT/corpus/quantities/seed-cases-vi"
                { printf '\x01'; grep -P '^en\t' "$FIXTURES"/quantities/cases.tsv | cut -f2 | sed -n '1,60p'; } > "$OUT/corpus/quantities/seed-cases-en"
            fi ;;
        entities)
            seed entities '\x00' "$ROOT"/Corpus/vi-*.txt
            seed entities '\x01' "$ROOT"/Corpus/en-*.txt
            if [ ! -e "$OUT/corpus/entities/seed-gold-vi" ]; then
                { printf '\x00'; grep -v '^#' "$FIXTURES"/entities/gold-vi.tsv | cut -f2 | sed -n '1,40p'; } > "$OUT/corpus/entities/seed-gold-vi"
                { printf '\x01'; grep -v '^#' "$FIXTURES"/entities/gold-en.tsv | cut -f2 | sed -n '1,40p'; } > "$OUT/corpus/entities/seed-gold-en"
            fi ;;
        language_tags)
            seed_text language_tags vi en-US zh-Hant-TW sr-Latn-RS en-US-u-nu-thai x-private und \
                $'vi\nGiá 25 triệu đồng, tăng 3,5%.' $'fr-CA\nIl a payé 25 millions d\'euros.' ;;
        pipeline_json)
            seed pipeline_json '' "$ROOT"/Pipelines/*.json
            seed_text pipeline_json '{"name": "x", "language": "en", "input": {"xml": {"preset": "rss", "title": "h1"}}, "limits": {}, "stages": [{"use": "sentences", "with": {"locale": "vi"}}, {"use": "tokens"}, {"use": "quantities", "with": {"targets": ["fr"]}}]}' ;;
    esac
}
dict_for() {
    case $1 in
        html) echo html ;; xml) echo "xml html" ;; warc) echo "warc html" ;; jsonl|compressed) echo "json html" ;;
        charset) echo charset ;; normalize|quantities|entities) echo vietnamese ;;
        language_tags) echo "tags vietnamese" ;; pipeline_json) echo "json pipeline" ;;
    esac
}

count() { # DIR KIND: artifacts of a kind in a crash folder
    find "$1" -maxdepth 1 -name "$2-*" 2>/dev/null | wc -l
}

[ -e "$TALLY" ] || printf 'date\tharness\tseconds\texecutions\tcrashes\tleaks\ttimeouts\tooms\n' > "$TALLY"
total_execs=0 total_found=0
for name in $HARNESSES; do
    seed_corpus "$name"
    crashes=$OUT/crashes/$name
    mkdir -p "$crashes" "$OUT/dict" "$OUT/log" "$OUT/tmp/$name"
    dict=$OUT/dict/$name.dict
    for d in $(dict_for "$name"); do cat "$ROOT/Benchmarks/fuzz/dict/$d.dict"; done > "$dict"
    before=()
    for kind in crash leak timeout oom; do before+=("$(count "$crashes" $kind)"); done
    log=$OUT/log/$name.log
    : > "$log"
    # libFuzzer stops at the first crash, leak, timeout or out-of-memory input and saves it; it is
    # started again for the time left, up to FUZZ_MAX_FINDINGS (5) findings a harness. Temporary
    # files of a crashed run stay in a folder of the harness's own, emptied after.
    execs=0 left=$SECONDS_EACH runs=0
    while [ "$left" -gt 0 ]; do
        start=$(date +%s) part=$OUT/log/$name.part.log
        status=0
        (cd "$OUT/tmp/$name" && TMPDIR=$OUT/tmp/$name "$OUT/bin/$name" -max_total_time="$left" -rss_limit_mb=2048 \
            -timeout=10 -detect_leaks=1 -print_final_stats=1 -dict="$dict" -artifact_prefix="$crashes/" "${SEED_FLAG[@]}" \
            "$OUT/corpus/$name" > "$part" 2>&1) || status=$?
        # Executions: the final statistics, or else the last status line ("#N …").
        execs=$((execs + $(LC_ALL=C awk '/^#[0-9]+[ \t]/ { last = substr($1, 2) + 0 }
            /^stat::number_of_executed_units:/ { final = $2 + 0 }
            END { print (final != "" ? final : last + 0) }' "$part")))
        cat "$part" >> "$log" && rm "$part"
        if grep -aq 'ParseDictionaryFile: error' "$log"; then
            echo "fuzz: $name did not run:" >&2; grep -a 'ParseDictionaryFile' "$log" | head -3 >&2; exit 1
        fi
        left=$((left - ($(date +%s) - start)))
        runs=$((runs + 1))
        [ "$status" -ne 0 ] && [ "$runs" -lt "${FUZZ_MAX_FINDINGS:-5}" ] || break
    done
    rm -rf "$OUT/tmp/$name"
    found=()
    for i in 0 1 2 3; do
        kind=$(echo crash leak timeout oom | cut -d' ' -f$((i + 1)))
        found+=($(( $(count "$crashes" $kind) - before[i] )))
    done
    n=$(( found[0] + found[1] + found[2] + found[3] ))
    total_execs=$((total_execs + execs)); total_found=$((total_found + n))
    printf '%-14s %10s execs  %3s crashes  %s leaks  %s timeouts  %s ooms%s\n' "$name" "$execs" "${found[@]}" \
        "$([ $n -gt 0 ] && echo "  -> ${crashes#"$ROOT"/}/")"
    if [ "$MODE" = run ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" "$SECONDS_EACH" "$execs" "${found[@]}" >> "$TALLY"
    fi
done
printf '%-14s %10s execs  %3s found in all; tally: %s executions in all runs recorded\n' total "$total_execs" "$total_found" \
    "$(awk -F'\t' 'NR > 1 { s += $4 } END { print s + 0 }' "$TALLY")"
[ "$total_found" -eq 0 ]
