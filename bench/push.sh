#!/usr/bin/env bash
# Benchmarks `policegraph push` against each server's own bulk loader, on the same data, in one
# run: a synthetic corpus of N articles (bench/gen_corpus.py) is ingested, exported as N-Quads,
# and then, each into a fresh server on 127.0.0.1 (scripts/remote-servers):
#   Oxigraph  `oxigraph load` of the N-Quads     vs  push --to  .../store        (Graph Store)
#   Virtuoso  ld_dir + rdf_loader_run + checkpoint vs push --to .../sparql-graph-crud-auth
#             (Graph Store, Digest login)           and push --update .../sparql (SPARQL Update)
# After each push the remote's count of policegraph's triples is checked against the export's.
# Prints a table and writes bench/results/<date>-push-n<N>.json.
#
#   bench/push.sh            # N = 10000
#   bench/push.sh 1000
#
# Settings (environment): POLICEGRAPH (binary), BENCH_DIR (work files, default
# /tmp/policegraph-bench), JOBS (push --jobs, default 4), SEED (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "push.sh: not a number of articles: $N" >&2; exit 2; }
PG=${POLICEGRAPH:-${CARGO_TARGET_DIR:-$HOME/.cache/policegraph-target}/release/policegraph}
WORK=${BENCH_DIR:-/tmp/policegraph-bench}/push-n$N
JOBS=${JOBS:-4}
SEED=${SEED:-1}
RESULTS=${RESULTS:-bench/results/$(date +%F)-push-n$N.json}
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
if [ ! -f "$corpus" ]; then python3 bench/gen_corpus.py -n "$N" --seed "$SEED" -o "$corpus"; fi
if [ ! -f "$store/CURRENT" ]; then "$PG" ingest -q --store "$store" "$corpus"; fi
if [ ! -f "$nq" ]; then mkdir -p "$WORK/dump" && "$PG" export --store "$store" -o "$nq"; fi
quads=$(wc -l <"$nq")
echo "push.sh: $N articles, $quads quads ($(du -m "$nq" | cut -f1) MiB of N-Quads)" >&2

# Runs a command, prints its wall-clock seconds.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; return 1; }
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 2))"
}

# Says a step's time as soon as it is known (a failure later keeps it).
say() { echo "push.sh: $1: $2 s" >&2; }

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

fresh() { rm -rf "$WORK/run" "$store/push-state"; mkdir -p "$WORK/run"; }

declare -A T
# Oxigraph: its bulk loader into a fresh directory, then a push into a fresh server.
fresh
T[ox_load]=$(seconds "$REMOTE_CACHE/venv/bin/oxigraph" load --location "$WORK/run/ox-load" --file "$nq")
say ox_load "${T[ox_load]}"
fresh
oxigraph_start "$WORK/run"
T[ox_push]=$(seconds "$PG" push -q --store "$store" --to "$OXIGRAPH_URL/store" --jobs "$JOBS")
say ox_push "${T[ox_push]}"
check_count "$OXIGRAPH_URL/query" "oxigraph push"
remote_stop

# Virtuoso: its bulk loader into a fresh database, then each push into a fresh database.
fresh
virtuoso_start "$WORK/run"
T[vi_load]=$(seconds virtuoso_sql <<EOF
ld_dir ('$WORK/dump', 'store.nq', 'https://w3id.org/policegraph/graph/shared');
rdf_loader_run ();
checkpoint;
EOF
)
say vi_load "${T[vi_load]}"
check_count "$VIRTUOSO_URL/sparql" "virtuoso loader"
remote_stop
fresh
virtuoso_start "$WORK/run"
T[vi_push]=$(POLICEGRAPH_PASSWORD="$VIRTUOSO_PASSWORD" seconds "$PG" push -q --store "$store" \
  --to "$VIRTUOSO_URL/sparql-graph-crud-auth" --user dba --jobs "$JOBS")
say vi_push "${T[vi_push]}"
check_count "$VIRTUOSO_URL/sparql" "virtuoso push --to"
remote_stop
fresh
virtuoso_start "$WORK/run"
T[vi_update]=$(seconds "$PG" push -q --store "$store" --update "$VIRTUOSO_URL/sparql" --jobs "$JOBS")
say vi_update "${T[vi_update]}"
check_count "$VIRTUOSO_URL/sparql" "virtuoso push --update"
remote_stop

python3 - "$N" "$quads" "$JOBS" "$RESULTS" "${T[ox_load]}" "${T[ox_push]}" "${T[vi_load]}" "${T[vi_push]}" "${T[vi_update]}" <<'PY'
import json, sys, datetime
n, quads, jobs, results = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ox_load, ox_push, vi_load, vi_push, vi_update = map(float, sys.argv[5:10])
rows = [
    ("oxigraph", "oxigraph load (bulk loader, offline)", ox_load, ox_load),
    ("oxigraph", f"policegraph push --to /store (GSP, {jobs} in flight)", ox_push, ox_load),
    ("virtuoso", "ld_dir + rdf_loader_run + checkpoint", vi_load, vi_load),
    ("virtuoso", f"policegraph push --to /sparql-graph-crud-auth (GSP, Digest, {jobs} in flight)", vi_push, vi_load),
    ("virtuoso", f"policegraph push --update /sparql (SPARQL Update, {jobs} in flight)", vi_update, vi_load),
]
print(f"{n} articles, {quads} quads")
print(f"{'server':9} {'method':72} {'seconds':>8} {'triples/s':>10} {'x loader':>8}")
for server, method, s, base in rows:
    print(f"{server:9} {method:72} {s:8.1f} {quads / s:10.0f} {s / base:8.2f}")
out = {
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "articles": n, "quads": quads, "jobs": jobs,
    "runs": [{"server": a, "method": b, "seconds": s, "triples_per_s": round(quads / s), "ratio_to_loader": round(s / base, 2)} for a, b, s, base in rows],
}
with open(results, "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
PY
