#!/usr/bin/env bash
# Benchmarks `policegraph serve` on a synthetic corpus of N articles (default 10000): a person
# page and an organisation page (p50/p95 over many entities; the five largest organisations
# apart, at their first page and at later pages of their lists), the search box, and a point
# SPARQL query side by side with `oxigraph serve` over the same quads (pip's `oxigraph` CLI).
# Prints the table and writes bench/results/<date>-serve-n<N>.json (figures, load average).
# (`oxigraph load --lenient` skips IRI validation, which only slows the load of policegraph's own
# export; `oxigraph serve --union-default-graph`: the default graph is the union, as on
# policegraph serve.)
#
#   bench/serve.sh            # N = 10000
#   bench/serve.sh 1000
#
# Settings (environment): POLICEGRAPH (binary), OXIGRAPH (CLI; pip-installed into a venv under
# BENCH_DIR if absent), BENCH_DIR (default /tmp/policegraph-bench), SEED (default 1),
# REQUESTS (per measurement, default 200), STORE (an ingested and optimized store of the same
# corpus to copy rather than build; it is copied, never written).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-10000}
PG=${POLICEGRAPH:-$HOME/.cache/policegraph-target/release/policegraph}
WORK=${BENCH_DIR:-/tmp/policegraph-bench}/serve-$N
SEED=${SEED:-1}
REQUESTS=${REQUESTS:-200}
mkdir -p "$WORK"
[ -x "$PG" ] || { echo "serve.sh: no policegraph binary at $PG" >&2; exit 1; }

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ ! -s "$WORK/store/CURRENT" ] && [ -n "${STORE:-}" ]; then
    rm -rf "$WORK/store"
    cp -a "$STORE" "$WORK/store"
fi
if [ ! -s "$WORK/store/CURRENT" ]; then
    python3 bench/gen_corpus.py -n "$N" --seed "$SEED" -o "$WORK/corpus.jsonl"
    rm -rf "$WORK/store"
    /usr/bin/env time -f "ingest: %e s, %M KiB" "$PG" ingest --quiet --store "$WORK/store" "$WORK/corpus.jsonl"
    "$PG" optimize --store "$WORK/store"
fi

OX=${OXIGRAPH:-$(command -v oxigraph || true)}
if [ -z "$OX" ]; then
    python3 -m venv "$WORK/venv" && "$WORK/venv/bin/pip" install --quiet oxigraph
    OX="$WORK/venv/bin/oxigraph"
fi
if [ ! -s "$WORK/oxigraph/CURRENT" ]; then
    "$PG" export --store "$WORK/store" --format nquads -o "$WORK/all.nq"
    rm -rf "$WORK/oxigraph"
    "$OX" load --lenient --location "$WORK/oxigraph" --file "$WORK/all.nq"
    rm -f "$WORK/all.nq"
    # Compacted as policegraph's store is (`policegraph optimize` above), so that both servers
    # read the same shape of store.
    "$OX" optimize --location "$WORK/oxigraph"
fi

"$PG" serve --store "$WORK/store" --bind 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
PIDS+=($!)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$OX" serve --union-default-graph --location "$WORK/oxigraph" --bind "127.0.0.1:$port" >"$WORK/ox.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do
    grep -q "http://" "$WORK/serve.out" 2>/dev/null && curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
    sleep 0.5
done
BASE=$(grep -o 'http://[0-9.:]*' "$WORK/serve.out" | head -1)
echo "policegraph serve $BASE, oxigraph serve http://127.0.0.1:$port ($("$OX" --version))"
mkdir -p "$ROOT/bench/results"
OUT="$ROOT/bench/results/$(date -u +%F)-serve-n$N.json"
python3 "$ROOT/bench/serve_timing.py" "$BASE" "http://127.0.0.1:$port" "$REQUESTS" "$OUT" \
    "articles=$N" "seed=$SEED" "binary=$PG" "oxigraph=$("$OX" --version)" \
    "policegraph_commit=$(git -C "$ROOT" rev-parse --short HEAD)" \
    "command=oxigraph serve --union-default-graph"
