#!/usr/bin/env bash
# Re-ingest of changed articles against a fresh ingest of the same articles, side by side in one
# run (issue 16): N generated articles (seed 1) are ingested, then N others (seed 2) under the
# same URLs replace them; a fresh store takes the seed-2 articles alone. Both stores must end
# with the same quads. Prints each run's wall time, CPU time and peak memory, then the medians
# and the ratio.
#
#   bench/reingest.sh            # N = 3000, RUNS = 3
#   RUNS=5 bench/reingest.sh 1000
#
# CHANGE=rewrite (the default) gives each URL a wholly other text: the worst case, where little
# of the old graph can stay. CHANGE=append keeps each text and adds a closing sentence with a
# fact in it (a sergeant, his force, a meeting to come), as a site updating a story does: most
# of the old graph stays and only what changed is written.
#
# Settings (environment): POLICEGRAPH (binary, default ~/.cache/policegraph-target/release/
# policegraph), BENCH_DIR (work files, default /tmp/policegraph-reingest), RUNS (default 3),
# CHANGE (rewrite or append).
set -euo pipefail
cd "$(dirname "$0")/.."
PG=${POLICEGRAPH:-$HOME/.cache/policegraph-target/release/policegraph}
WORK=${BENCH_DIR:-/tmp/policegraph-reingest}
RUNS=${RUNS:-3}
N=${1:-3000}
CHANGE=${CHANGE:-rewrite}
[[ $CHANGE =~ ^(rewrite|append)$ ]] || { echo "reingest.sh: CHANGE is rewrite or append, not $CHANGE" >&2; exit 2; }
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "reingest.sh: not a number of articles: $N" >&2; exit 2; }
[ -x "$PG" ] || { echo "reingest.sh: no policegraph binary at $PG" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "reingest.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
mkdir -p "$WORK"
python3 bench/gen_corpus.py -n "$N" --seed 1 -o "$WORK/v1.jsonl" 2>/dev/null
python3 bench/gen_corpus.py -n "$N" --seed 2 -o "$WORK/other.jsonl" 2>/dev/null
python3 - "$WORK" "$CHANGE" <<'PY'
import json, sys
work, change = sys.argv[1], sys.argv[2]
with open(f"{work}/v1.jsonl") as a, open(f"{work}/other.jsonl") as b, open(f"{work}/v2.jsonl", "w") as out:
    for old, new in zip(a, b):
        old, new = json.loads(old), json.loads(new)
        if change == "append":
            new = dict(old, text=old["text"].rstrip() + "\n\nUpdate: Sgt Alan Marsh of Kent Police will face a misconduct meeting, the IOPC said.\n")
        new["url"] = old["url"]
        out.write(json.dumps(new) + "\n")
PY
# timed LABEL STORE INPUT: one ingest, its figures appended to $WORK/times.
timed() {
  /usr/bin/time -o "$WORK/time" -f "%e %U %S %M" "$PG" ingest -q --store "$2" "$3" 2>/dev/null
  read -r wall user sys kb < "$WORK/time"
  echo "$1 $wall $user $sys $kb" >> "$WORK/times"
  printf '%-8s %7.1f s wall %7.1f s CPU %6d MB\n' "$1" "$wall" "$(awk "BEGIN { print $user + $sys }")" $((kb / 1024)) >&2
}
: > "$WORK/times"
for run in $(seq "$RUNS"); do
  rm -rf "$WORK/fresh" "$WORK/replaced"
  "$PG" ingest -q --store "$WORK/replaced" "$WORK/v1.jsonl" 2>/dev/null
  timed fresh "$WORK/fresh" "$WORK/v2.jsonl"
  timed replace "$WORK/replaced" "$WORK/v2.jsonl"
  for s in fresh replaced; do
    "$PG" export --store "$WORK/$s" --format nquads | grep -v 'ontology#sourceLocation>' | sort > "$WORK/$s.nq"
  done
  cmp -s "$WORK/fresh.nq" "$WORK/replaced.nq" || { echo "reingest.sh: run $run: the replaced store differs from the fresh one" >&2; exit 1; }
done
python3 - "$WORK/times" "$N" "$CHANGE" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def median(label, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == label)
n = sys.argv[2]
fw, rw = median("fresh", 1), median("replace", 1)
fc = statistics.median(float(r[2]) + float(r[3]) for r in rows if r[0] == "fresh")
rc = statistics.median(float(r[2]) + float(r[3]) for r in rows if r[0] == "replace")
fm, rm = median("fresh", 4) / 1024, median("replace", 4) / 1024
print(f"N={n} ({sys.argv[3]}) medians: fresh {fw:.1f} s wall, {fc:.1f} s CPU, {fm:.0f} MB; "
      f"re-ingest of changed {rw:.1f} s wall, {rc:.1f} s CPU, {rm:.0f} MB; "
      f"ratio {rw / fw:.2f}x wall, {rc / fc:.2f}x CPU, {rm / fm:.2f}x memory")
PY
