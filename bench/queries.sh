#!/usr/bin/env bash
# Times every shipped query (queries/*.rq) on an existing store, or prints the bindings the
# one-entity queries are timed with. bench/run.sh uses the bindings; on its own this is the
# quick check that every query answers in time, without a whole benchmark run:
#
#   bench/queries.sh BINARY STORE               # each query RUNS times (default 3), medians
#   bench/queries.sh --bindings BINARY STORE    # query<TAB>VAR=VALUE lines
#
# The queries that start from one entity are given the busiest: timeline.rq and evidence.rq
# the named officer with the most proceedings, unit-members.rq the organisation with the most
# members (both picked by queries that are not timed). Settings: RUNS, TIMEOUT (seconds per
# query, default 60), TARGET (seconds a query should answer in, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

bindings_only=0
if [ "${1:-}" = --bindings ]; then bindings_only=1; shift; fi
[ "$#" = 2 ] || { echo "usage: bench/queries.sh [--bindings] BINARY STORE" >&2; exit 2; }
PG=$1 STORE=$2
RUNS=${RUNS:-3} TIMEOUT=${TIMEOUT:-60} TARGET=${TARGET:-2}

first_cell() { "$PG" query --store "$STORE" --format tsv "$1" | sed -n 2p | sed 's/^"//; s/"$//'; }

PREFIXES='PREFIX pg: <https://w3id.org/policegraph/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>'
# A named officer (one node across articles, not an article's own "Officer A").
busiest="$PREFIXES
SELECT ?o ?name WHERE {
  ?p pg:subject ?o . ?o foaf:name ?name .
  FILTER(STRSTARTS(STR(?o), \"https://w3id.org/policegraph/id/person/\"))
} GROUP BY ?o ?name ORDER BY DESC(COUNT(?p)) ?o LIMIT 1"
officer=$("$PG" query --store "$STORE" --format tsv "$busiest" | sed -n 2p | cut -f2 | sed 's/^"//; s/"$//')
officer_iri=$("$PG" query --store "$STORE" --format tsv "$busiest" | sed -n 2p | cut -f1)
unit=$(first_cell "$PREFIXES
SELECT ?name WHERE { ?x org:memberOf ?u . ?u skos:prefLabel ?name }
GROUP BY ?name ORDER BY DESC(COUNT(?x)) ?name LIMIT 1")

bindings() {
  [ -n "$officer" ] && printf 'timeline\tofficer=%s\nevidence\tentity=%s\n' "$officer" "$officer_iri"
  [ -n "$unit" ] && printf 'unit-members\tunit=%s\n' "$unit"
  return 0
}
if [ "$bindings_only" = 1 ]; then bindings; exit 0; fi

declare -A BIND=()
while IFS=$'\t' read -r q b; do BIND[$q]=$b; done < <(bindings)

printf '%-16s %9s %8s  %s\n' query 'median s' rows status
slow=0
for file in queries/*.rq; do
  q=$(basename "$file" .rq)
  args=(query --store "$STORE" --format csv --timeout "$TIMEOUT" "$file")
  [ -n "${BIND[$q]:-}" ] && args+=(--bind "${BIND[$q]}")
  times=() rows=0 status=ok
  for _ in $(seq 1 "$RUNS"); do
    t0=$(date +%s.%N)
    if out=$("$PG" "${args[@]}" 2>&1 >/tmp/queries-bench.$$.csv); then :; else status="failed: $out"; fi
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
    rows=$(($(wc -l < /tmp/queries-bench.$$.csv) - 1))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  awk -v m="$median" -v t="$TARGET" 'BEGIN { exit !(m > t) }' && { status="$status (over ${TARGET} s)"; slow=1; }
  printf '%-16s %9s %8s  %s %s\n' "$q" "$median" "$rows" "$status" "${BIND[$q]:+--bind ${BIND[$q]}}"
done
rm -f /tmp/queries-bench.$$.csv
exit "$slow"
