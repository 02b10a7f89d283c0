#!/usr/bin/env bash
# Benchmarks `policegraph push` against each server's own bulk loader, on the same data, in one
# run: a synthetic corpus of N articles (bench/gen_corpus.py) is ingested, exported as N-Quads,
# and then, each into a fresh server on 127.0.0.1 (scripts/remote-servers):
#   Oxigraph  `oxigraph load --lenient` of the N-Quads  vs  push --to .../store  (Graph Store)
#   Virtuoso  ld_dir + rdf_loader_run + checkpoint  vs  push --to .../sparql-graph-crud-auth
#             (Graph Store, Digest login)            and push --update .../sparql (SPARQL Update)
# After each push the remote's count of policegraph's triples is checked against the export's.
# After the push to Oxigraph's server, two more pushes with nothing changed: as a user runs it
# (the store's fingerprint shows it unchanged), and with the store's seal moved aside for that
# run, so that every graph is read and hashed again (what any push after a change costs before
# it sends). Prints a table and writes bench/results/<date>-push-n<N>.json, with the load
# average after each step and the CPU seconds of the client and of the server for each step.
#
#   flock /tmp/pg-bench.lock bench/push.sh          # N = 10000, one benchmark at a time
#   flock /tmp/pg-bench.lock bench/push.sh 1000
#
# Settings (environment): POLICEGRAPH (binary), BENCH_DIR (work files, default
# /tmp/policegraph-bench), JOBS (push --jobs, default 4), SEED (default 1), STORE (a store of the
# N articles, already ingested, to copy instead of ingesting), ROWS (the steps to run, default
# all: ox_load ox_push ox_noop vi_load vi_push vi_update), OX_LOAD_FLAGS (default --lenient,
# the loader's fastest: it skips the IRI validation that policegraph's own export does not need).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "push.sh: not a number of articles: $N" >&2; exit 2; }
PG=${POLICEGRAPH:-${CARGO_TARGET_DIR:-$HOME/.cache/policegraph-target}/release/policegraph}
WORK=${BENCH_DIR:-/tmp/policegraph-bench}/push-n$N
JOBS=${JOBS:-4}
SEED=${SEED:-1}
RESULTS=${RESULTS:-bench/results/$(date +%F)-push-n$N.json}
ROWS=" ${ROWS:-ox_load ox_push ox_noop vi_load vi_push vi_update} "
OX_LOAD_FLAGS=${OX_LOAD_FLAGS---lenient}
[ -x "$PG" ] || { echo "push.sh: no policegraph binary at $PG" >&2; exit 1; }

source scripts/remote-servers
remote_install
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd -P)
export VIRTUOSO_LOAD_DIR="$WORK/dump"
# Virtuoso's page buffers: about 2.6 GB (its guide's setting for 4 GB of free memory), kept the
# same for its loader and for the pushes.
export VIRTUOSO_BUFFERS=${VIRTUOSO_BUFFERS:-340000} VIRTUOSO_DIRTY_BUFFERS=${VIRTUOSO_DIRTY_BUFFERS:-250000}
trap 'remote_stop' EXIT

corpus="$WORK/corpus.jsonl"
store="$WORK/store"
nq="$WORK/dump/store.nq"
if [ -n "${STORE:-}" ] && [ ! -f "$store/CURRENT" ]; then cp -a "$STORE" "$store"; fi
if [ ! -f "$store/CURRENT" ]; then
  if [ ! -f "$corpus" ]; then python3 bench/gen_corpus.py -n "$N" --seed "$SEED" -o "$corpus"; fi
  "$PG" ingest -q --store "$store" "$corpus"
fi
if [ ! -f "$nq" ]; then mkdir -p "$WORK/dump" && "$PG" export --store "$store" -o "$nq"; fi
quads=$(wc -l <"$nq")
echo "push.sh: $N articles, $quads quads ($(du -m "$nq" | cut -f1) MiB of N-Quads)" >&2

# Runs a command, prints its wall-clock seconds; a program's CPU seconds (user and system) go
# to $WORK/last.cpu.
seconds() {
  local start end
  start=$(date +%s.%N)
  if [ "$(type -t "$1")" = function ]; then
    "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; return 1; }
    echo "" >"$WORK/last.cpu"
  else
    /usr/bin/time -f "%U %S" -o "$WORK/last.time" "$@" >"$WORK/last.log" 2>&1 ||
      { cat "$WORK/last.log" >&2; return 1; }
    python3 -c "import sys; print(round(sum(map(float, open(sys.argv[1]).read().split()[-2:])), 1))" \
      "$WORK/last.time" >"$WORK/last.cpu"
  fi
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 2))"
}

# A server's CPU seconds so far (user and system), from /proc.
server_cpu() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.1f\n", ($14 + $15) / t }' "/proc/$1/stat"; }
declare -A CPU
# Keeps a step's CPU seconds: the client's (from last.cpu) and the server's since $2.
keep_cpu() {
  local server=""
  [ -z "${3:-}" ] || server=$(python3 -c "print(round($(server_cpu "$3") - $2, 1))")
  CPU[$1]="client=$(cat "$WORK/last.cpu"),server=$server"
}

# The one-minute load average now.
load() { cut -d' ' -f1 /proc/loadavg; }
LOADS=("start=$(load)")

# Says a step's time as soon as it is known (a failure later keeps it), and keeps the load.
say() {
  LOADS+=("$1=$(load)")
  echo "push.sh: $1: $2 s (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
}

# Whether a step is to be run.
step() { [[ $ROWS == *" $1 "* ]]; }

# The remote's count of the triples in policegraph's graphs.
remote_count() {
  "$PG" query --endpoint "$1" --format csv --timeout 600 \
    'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/policegraph/")) }' |
    tail -n 1 | tr -d '\r'
}

check_count() {
  local got
  got=$(remote_count "$1")
  [ "$got" = "$quads" ] || { echo "push.sh: $2: the remote holds $got triples, the export $quads" >&2; exit 1; }
}

# A push that must have sent nothing.
sent_nothing() {
  grep -q ": 0 graphs sent" "$WORK/last.log" || { cat "$WORK/last.log" >&2; exit 1; }
}

fresh() { rm -rf "$WORK/run" "$store/push-state"; mkdir -p "$WORK/run"; }

declare -A T
# Oxigraph: its bulk loader into a fresh directory, then a push into a fresh server.
if step ox_load; then
  fresh
  # shellcheck disable=SC2086 # the flags are words
  T[ox_load]=$(seconds "$REMOTE_CACHE/venv/bin/oxigraph" load $OX_LOAD_FLAGS --location "$WORK/run/ox-load" --file "$nq")
  say ox_load "${T[ox_load]}"
  keep_cpu ox_load
fi
if step ox_push; then
  fresh
  oxigraph_start "$WORK/run"
  before=$(server_cpu "$OXIGRAPH_PID")
  T[ox_push]=$(seconds "$PG" push -q --store "$store" --to "$OXIGRAPH_URL/store" --jobs "$JOBS")
  say ox_push "${T[ox_push]}"
  keep_cpu ox_push "$before" "$OXIGRAPH_PID"
  check_count "$OXIGRAPH_URL/query" "oxigraph push"
  if step ox_noop; then
    T[ox_noop]=$(seconds "$PG" push --store "$store" --to "$OXIGRAPH_URL/store" --jobs "$JOBS")
    sent_nothing
    say ox_noop "${T[ox_noop]}"
    keep_cpu ox_noop
    # The same without the store's fingerprint: the seal moved aside for this one run.
    mv "$store/policegraph-seal" "$WORK/seal"
    rehash=$(seconds "$PG" push --store "$store" --to "$OXIGRAPH_URL/store" --jobs "$JOBS") || rehash=""
    mv "$WORK/seal" "$store/policegraph-seal"
    [ -n "$rehash" ] || exit 1
    sent_nothing
    T[ox_rehash]=$rehash
    say ox_rehash "${T[ox_rehash]}"
    CPU[ox_rehash]="client=$(cat "$WORK/last.cpu"),server="
  fi
  remote_stop
fi

# Virtuoso: its bulk loader into a fresh database, then each push into a fresh database.
if step vi_load; then
  fresh
  virtuoso_start "$WORK/run"
  before=$(server_cpu "$VIRTUOSO_PID")
  T[vi_load]=$(seconds virtuoso_sql <<EOF
ld_dir ('$WORK/dump', 'store.nq', 'https://w3id.org/policegraph/graph/shared');
rdf_loader_run ();
checkpoint;
EOF
)
  say vi_load "${T[vi_load]}"
  keep_cpu vi_load "$before" "$VIRTUOSO_PID"
  check_count "$VIRTUOSO_URL/sparql" "virtuoso loader"
  remote_stop
fi
if step vi_push; then
  fresh
  virtuoso_start "$WORK/run"
  before=$(server_cpu "$VIRTUOSO_PID")
  T[vi_push]=$(POLICEGRAPH_PASSWORD="$VIRTUOSO_PASSWORD" seconds "$PG" push -q --store "$store" \
    --to "$VIRTUOSO_URL/sparql-graph-crud-auth" --user dba --jobs "$JOBS")
  say vi_push "${T[vi_push]}"
  keep_cpu vi_push "$before" "$VIRTUOSO_PID"
  check_count "$VIRTUOSO_URL/sparql" "virtuoso push --to"
  remote_stop
fi
if step vi_update; then
  fresh
  virtuoso_start "$WORK/run"
  before=$(server_cpu "$VIRTUOSO_PID")
  T[vi_update]=$(seconds "$PG" push -q --store "$store" --update "$VIRTUOSO_URL/sparql" --jobs "$JOBS")
  say vi_update "${T[vi_update]}"
  keep_cpu vi_update "$before" "$VIRTUOSO_PID"
  check_count "$VIRTUOSO_URL/sparql" "virtuoso push --update"
  remote_stop
fi

times=()
for key in ox_load ox_push ox_noop ox_rehash vi_load vi_push vi_update; do
  times+=("$key=${T[$key]:-}=${CPU[$key]:-}")
done
python3 - "$N" "$quads" "$JOBS" "$RESULTS" "$OX_LOAD_FLAGS" "$(nproc)" "${LOADS[*]}" "${times[@]}" <<'PY'
import json, sys, datetime
n, quads, jobs, results = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
flags, cores, loads = sys.argv[5], int(sys.argv[6]), sys.argv[7]
t, cpu = {}, {}
for a in sys.argv[8:]:
    key, wall, used = a.split("=", 2)
    if wall:
        t[key] = float(wall)
        cpu[key] = {k: float(v) for k, v in (p.split("=") for p in used.split(",") if "=" in p) if v}
loader = f"oxigraph load {flags}".strip()
rows = [
    ("oxigraph", "ox_load", f"{loader} (bulk loader, server stopped)", "ox_load"),
    ("oxigraph", "ox_push", f"policegraph push --to /store (GSP, {jobs} in flight)", "ox_load"),
    ("virtuoso", "vi_load", "ld_dir + rdf_loader_run + checkpoint", "vi_load"),
    ("virtuoso", "vi_push", f"policegraph push --to /sparql-graph-crud-auth (GSP, Digest, {jobs} in flight)", "vi_load"),
    ("virtuoso", "vi_update", f"policegraph push --update /sparql (SPARQL Update, {jobs} in flight)", "vi_load"),
]
print(f"{n} articles, {quads} quads; one-minute load average after each step: {loads}")
print(f"{'server':9} {'method':76} {'seconds':>8} {'triples/s':>10} {'x loader':>8}  CPU seconds")
runs = []
for server, key, method, base in rows:
    if key not in t:
        continue
    s = t[key]
    ratio = round(s / t[base], 2) if base in t else None
    shown = "-" if ratio is None else f"{ratio:.2f}"
    used = ", ".join(f"{k} {v:.0f}" for k, v in cpu[key].items())
    print(f"{server:9} {method:76} {s:8.1f} {quads / s:10.0f} {shown:>8}  {used}")
    runs.append({"server": server, "method": method, "seconds": s,
                 "triples_per_s": round(quads / s), "ratio_to_loader": ratio,
                 "cpu_seconds": cpu[key]})
second = []
for key, method in (
    ("ox_noop", "second push, nothing changed (the store's fingerprint unchanged)"),
    ("ox_rehash", "second push, nothing changed, seal moved aside (every graph read and hashed)"),
):
    if key in t:
        print(f"{'oxigraph':9} {method:76} {t[key]:8.1f}")
        second.append({"server": "oxigraph", "method": method, "seconds": t[key],
                       "cpu_seconds": cpu[key]})
out = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "articles": n, "quads": quads, "jobs": jobs, "cores": cores,
    "load_average_after": dict(a.split("=", 1) for a in loads.split()),
    "runs": runs, "second_push": second,
}
with open(results, "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
PY
