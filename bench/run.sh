#!/usr/bin/env bash
# Benchmarks policegraph on synthetic corpora of N articles: extract, ingest, every shipped query
# (the five standard views and the others in queries/), and the yardsticks (Oxigraph's own bulk loader on the same quads; a plain read of the
# corpus). Prints a table per N and the ratios, and writes everything to bench/results/<date>.json.
#
#   bench/run.sh                    # N = 1000 10000 100000, RUNS=3
#   RUNS=1 bench/run.sh 1000 10000  # chosen sizes, one run each
#
# Settings (environment):
#   POLICEGRAPH   binary (default ~/.cache/policegraph-target/release/policegraph)
#   OXIGRAPH      oxigraph CLI (default: the one on PATH; `pip install oxigraph` if none)
#   BENCH_DIR     work files: corpora, stores, exports, logs (default /tmp/policegraph-bench)
#   RUNS          repetitions per N, medians reported (default 3)
#   SEED          corpus seed (default 1)
#   GEN_ARGS      extra arguments to bench/gen_corpus.py (e.g. --ascii)
#   VIEW_TIMEOUT  seconds before a query is stopped and recorded as "timeout" (default 600)
#   VIEW_MEM_MB   address-space cap for a query, recorded as "oom" past it (default: half of RAM)
#   RESULTS       JSON file to write (default bench/results/<YYYY-MM-DD>.json)
#   KEEP          1 keeps the stores and the export of the last run of each N (default 0)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PG=${POLICEGRAPH:-$HOME/.cache/policegraph-target/release/policegraph}
WORK=${BENCH_DIR:-/tmp/policegraph-bench}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
GEN_ARGS=${GEN_ARGS:-}
VIEW_TIMEOUT=${VIEW_TIMEOUT:-600}
mem_total_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
VIEW_MEM_MB=${VIEW_MEM_MB:-$((mem_total_kb / 2048))}
RESULTS=${RESULTS:-bench/results/$(date +%F).json}
KEEP=${KEEP:-0}
# The five standard views first, then every other shipped query (bench/queries.sh says how the
# queries that start from one entity are given one).
VIEWS=(people organisations proceedings investigations standards)
for q in queries/*.rq; do
  q=$(basename "$q" .rq)
  [[ " ${VIEWS[*]} " == *" $q "* ]] || VIEWS+=("$q")
done
COUNT_QUERY='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'

if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000 100000); fi
for n in "${SIZES[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: not a number of articles: $n" >&2; exit 2; }
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: RUNS must be a positive number" >&2; exit 2; }

die() { echo "run.sh: $*" >&2; exit 1; }

# ---- prerequisites ----------------------------------------------------------------------------
[ -x "$PG" ] || die "no policegraph binary at $PG (build with cargo build --release, or set POLICEGRAPH)"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd -P)
case "$WORK/" in "$(pwd -P)/"*) die "BENCH_DIR ($WORK) must not be inside the repository" ;; esac

if [ ! -x /usr/bin/time ]; then
  echo "run.sh: installing GNU time (Debian package 'time')" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
  else sudo apt-get install -y -qq time >/dev/null; fi
fi
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed"

OX=${OXIGRAPH:-}
if [ -z "$OX" ]; then
  if ! command -v oxigraph >/dev/null 2>&1; then
    echo "run.sh: installing the oxigraph CLI (pip install oxigraph)" >&2
    python3 -m pip install --quiet oxigraph >&2
    command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1 || true
  fi
  OX=$(command -v oxigraph || true)
  # A pyenv shim is a shell script; time the real binary, not the shim.
  if [ -n "$OX" ] && command -v pyenv >/dev/null 2>&1 && [[ $OX == *"/shims/"* ]]; then
    OX=$(pyenv which oxigraph 2>/dev/null || echo "$OX")
  fi
fi
[ -n "$OX" ] && "$OX" --version >/dev/null 2>&1 || die "no working oxigraph CLI (pip install oxigraph, or set OXIGRAPH)"

# ---- bookkeeping ------------------------------------------------------------------------------
STAMP=$(date +%Y%m%dT%H%M%S)
SAMPLES=$WORK/samples-$STAMP.tsv
LOGS=$WORK/logs-$STAMP
mkdir -p "$LOGS" "$(dirname "$RESULTS")"

# Measure a private copy of the binary, so a rebuild during the run cannot mix two versions.
PG_ORIG=$PG
PG_BUILT=$(date -r "$PG" --iso-8601=seconds)
PG=$LOGS/policegraph
cp "$PG_ORIG" "$PG"
trap 'rm -f "$PG"' EXIT
PG_SHA=$(sha256sum "$PG" | cut -c1-16)
: > "$SAMPLES"
export RUST_BACKTRACE=${RUST_BACKTRACE:-0}

# record N RUN METRIC VALUE
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$SAMPLES"; }

# measure TAG OUT CMD...: runs CMD under GNU time with stdout to OUT and stderr to the log;
# sets SECS (wall clock), RSS_KB (peak resident set of the process tree) and RC.
measure() {
  local tag=$1 out=$2; shift 2
  local tf=$LOGS/$tag.time t0 t1
  t0=$(date +%s.%N)
  set +e
  /usr/bin/time -v -o "$tf" "$@" > "$out" 2> "$LOGS/$tag.stderr"
  RC=$?
  set -e
  t1=$(date +%s.%N)
  SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tf" 2>/dev/null)
  RSS_KB=${RSS_KB:-0}
  if [ "$RC" != 0 ]; then
    echo "    ! $tag exited with status $RC; last lines of $LOGS/$tag.stderr:" >&2
    { grep -m1 -A1 'panicked at' "$LOGS/$tag.stderr" || tail -n 3 "$LOGS/$tag.stderr"; } | sed 's/^/      /' | cut -c1-160 >&2
  fi
}

# A view runs with a time limit and an address-space cap, so a runaway query cannot take the
# machine down: it is recorded as timeout / oom instead.
CAPPED=(bash -c 'ulimit -v "$1"; shift; exec timeout -k 10 "$@"' _ "$((VIEW_MEM_MB * 1024))" "$VIEW_TIMEOUT")

view_status() {
  case "$1" in
    0) echo ok ;; 124|137) echo timeout ;; 134|101) echo oom-or-panic ;; *) echo "error($1)" ;;
  esac
}

du_mib() { du -sm "$1" | awk '{ print $1 }'; }

{
  echo "policegraph benchmark $STAMP"
  echo "  binary     $PG_ORIG ($("$PG" --version 2>/dev/null), built $PG_BUILT, sha256 $PG_SHA...)"
  echo "  oxigraph   $OX ($("$OX" --version 2>/dev/null))"
  echo "  sizes      ${SIZES[*]}; runs $RUNS; seed $SEED; gen args '${GEN_ARGS}'"
  echo "  work dir   $WORK; view limits ${VIEW_TIMEOUT}s, ${VIEW_MEM_MB} MB"
  echo "  machine    $(nproc) cores, $((mem_total_kb / 1024)) MiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
} >&2

declare -A SKIP_VIEW=()

for N in "${SIZES[@]}"; do
  # the corpus is reused while N, the seed, the arguments and the generator are the same
  suffix=$(printf '%s' "$GEN_ARGS" | tr -c 'a-zA-Z0-9' '_' | sed 's/^_*//')
  tag_corpus="corpus-$N-s$SEED${suffix:+-$suffix}-$(sha1sum bench/gen_corpus.py | cut -c1-8)"
  CORPUS=$WORK/$tag_corpus.jsonl
  META=$WORK/$tag_corpus.meta.json
  echo >&2
  echo "== N=$N" >&2
  if [ ! -s "$CORPUS" ] || [ ! -s "$META" ]; then
    echo "  generating $CORPUS" >&2
    # shellcheck disable=SC2086
    python3 bench/gen_corpus.py -n "$N" --seed "$SEED" $GEN_ARGS -o "$CORPUS" --meta "$META" 2>"$LOGS/gen-$N.stderr"
  fi
  record "$N" 0 corpus.meta "$(cat "$META")"
  record "$N" 0 loadavg.start "$(cut -d' ' -f1 /proc/loadavg)"
  STORE=$WORK/store-$N
  OXSTORE=$WORK/oxstore-$N
  EXPORT=$WORK/export-$N.nq
  SKIP_VIEW=()

  for run in $(seq 1 "$RUNS"); do
    echo "  run $run/$RUNS" >&2
    # the floor: read every byte of the corpus once (through a pipe, so wc cannot just stat it)
    measure "scan-$N-$run" /dev/null bash -c 'cat "$1" | wc -c' _ "$CORPUS"
    record "$N" "$run" scan.seconds "$SECS"

    measure "extract-$N-$run" /dev/null "$PG" extract --format nquads "$CORPUS"
    record "$N" "$run" extract.seconds "$SECS"; record "$N" "$run" extract.rss_kb "$RSS_KB"
    record "$N" "$run" extract.rc "$RC"
    echo "    extract   ${SECS}s  rss $((RSS_KB / 1024)) MiB  status $RC" >&2

    rm -rf "$STORE"
    measure "ingest-$N-$run" /dev/null "$PG" ingest --quiet --store "$STORE" "$CORPUS"
    record "$N" "$run" ingest.seconds "$SECS"; record "$N" "$run" ingest.rss_kb "$RSS_KB"
    record "$N" "$run" ingest.rc "$RC"
    record "$N" "$run" store.mib "$(du_mib "$STORE")"
    echo "    ingest    ${SECS}s  rss $((RSS_KB / 1024)) MiB  status $RC  store $(du_mib "$STORE") MiB" >&2

    # As the README advises after a large ingest (and `oxigraph load` after its own): compact,
    # then query. A freshly bulk-loaded store has hundreds of small files, each lookup visits
    # them all, and the views would measure that rather than the queries.
    measure "optimize-$N-$run" /dev/null "$PG" optimize --store "$STORE"
    record "$N" "$run" optimize.seconds "$SECS"; record "$N" "$run" optimize.rss_kb "$RSS_KB"
    record "$N" "$run" optimize.rc "$RC"
    echo "    optimize  ${SECS}s  rss $((RSS_KB / 1024)) MiB  status $RC  store $(du_mib "$STORE") MiB" >&2

    measure "count-$N-$run" "$LOGS/count-$N-$run.csv" "$PG" query --store "$STORE" --format csv "$COUNT_QUERY"
    triples=$(sed -n 2p "$LOGS/count-$N-$run.csv" | tr -d '\r"')
    record "$N" "$run" count.seconds "$SECS"; record "$N" "$run" triples "${triples:-0}"
    echo "    triples   ${triples:-?} (count query ${SECS}s)" >&2

    # The entities the one-entity queries start from (not timed).
    BINDS=()
    while IFS=$'\t' read -r q b; do BINDS+=("$q=$b"); done < <(bench/queries.sh --bindings "$PG" "$STORE")
    for v in "${VIEWS[@]}"; do
      bind=()
      for qb in "${BINDS[@]}"; do [ "${qb%%=*}" = "$v" ] && bind=(--bind "${qb#*=}"); done
      if [ -n "${SKIP_VIEW[$v]:-}" ]; then
        record "$N" "$run" "view.$v.status" "skipped:${SKIP_VIEW[$v]}"
        echo "    view $v: skipped (${SKIP_VIEW[$v]} in an earlier run)" >&2
        continue
      fi
      # The rows go to a file rather than /dev/null so they can be counted (cost: negligible).
      measure "view-$v-$N-$run" "$LOGS/view-$v-$N-$run.csv" "${CAPPED[@]}" "$PG" query --store "$STORE" --format csv --timeout "$VIEW_TIMEOUT" "queries/$v.rq" "${bind[@]}"
      st=$(view_status "$RC")
      rows=$(($(wc -l < "$LOGS/view-$v-$N-$run.csv") - 1)); [ "$rows" -lt 0 ] && rows=0
      record "$N" "$run" "view.$v.seconds" "$SECS"; record "$N" "$run" "view.$v.rss_kb" "$RSS_KB"
      record "$N" "$run" "view.$v.status" "$st"; record "$N" "$run" "view.$v.rows" "$rows"
      record "$N" "$run" "view.$v.bind" "${bind[1]:-}"
      echo "    query $(printf '%-15s' "$v") ${SECS}s  rss $((RSS_KB / 1024)) MiB  $rows rows  $st ${bind[*]:-}" >&2
      [ "$st" = ok ] || SKIP_VIEW[$v]=$st
      rm -f "$LOGS/view-$v-$N-$run.csv"
    done

    rm -f "$EXPORT"
    measure "export-$N-$run" /dev/null "$PG" export --store "$STORE" --format nquads -o "$EXPORT"
    record "$N" "$run" export.seconds "$SECS"; record "$N" "$run" export.rss_kb "$RSS_KB"
    record "$N" "$run" export.rc "$RC"
    if [ -f "$EXPORT" ]; then
      record "$N" "$run" export.bytes "$(stat -c %s "$EXPORT")"
      record "$N" "$run" export.quads "$(wc -l < "$EXPORT")"
    fi
    echo "    export    ${SECS}s  $(($(stat -c %s "$EXPORT" 2>/dev/null || echo 0) / 1048576)) MiB  status $RC" >&2

    rm -rf "$OXSTORE"
    measure "oxload-$N-$run" /dev/null "$OX" load --location "$OXSTORE" --file "$EXPORT"
    record "$N" "$run" oxload.seconds "$SECS"; record "$N" "$run" oxload.rss_kb "$RSS_KB"
    record "$N" "$run" oxload.rc "$RC"; record "$N" "$run" oxstore.mib "$(du_mib "$OXSTORE" 2>/dev/null || echo 0)"
    echo "    oxigraph  ${SECS}s  rss $((RSS_KB / 1024)) MiB  status $RC  store $(du_mib "$OXSTORE" 2>/dev/null || echo 0) MiB" >&2

    if [ "$KEEP" != 1 ] || [ "$run" != "$RUNS" ]; then rm -rf "$STORE" "$OXSTORE" "$EXPORT"; fi
  done

  python3 bench/summarize.py --samples "$SAMPLES" --out "$RESULTS" --only "$N" \
    --pg "$PG" --pg-orig "$PG_ORIG" --pg-built "$PG_BUILT" --ox "$OX" --runs "$RUNS" --seed "$SEED" --gen-args="$GEN_ARGS" \
    --view-timeout "$VIEW_TIMEOUT" --view-mem-mb "$VIEW_MEM_MB" --logs "$LOGS" >&2
done

echo
python3 bench/summarize.py --samples "$SAMPLES" --out "$RESULTS" --ratios \
  --pg "$PG" --pg-orig "$PG_ORIG" --pg-built "$PG_BUILT" --ox "$OX" --runs "$RUNS" --seed "$SEED" --gen-args="$GEN_ARGS" \
  --view-timeout "$VIEW_TIMEOUT" --view-mem-mb "$VIEW_MEM_MB" --logs "$LOGS"
echo
echo "results written to $RESULTS (raw samples: $SAMPLES, logs: $LOGS)"
