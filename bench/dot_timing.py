#!/usr/bin/env python3
"""Times `policegraph dot` and Graphviz's `dot -Tsvg` on a generated store.

For N articles (default 1000) it generates the corpus with gen_corpus.py (kept in BENCH_DIR),
ingests it into a fresh store with the binary measured and compacts it, then times, RUNS times
each (median reported):

- the whole graph: `policegraph dot`, then `dot -Tsvg` on what it wrote (a refusal is timed
  and reported as such);
- with --force, the whole graph again with `--max-nodes 1000000` (the limit lifted);
- a focus on the three people named in the most articles (among names only one node has), and
  on the force named in the most articles (at the default depth and at --depth 1):
  `policegraph dot --focus NAME`, then `dot -Tsvg`.

Graphviz is stopped after --timeout seconds (recorded as `timeout`). Standard library only.

    python3 bench/dot_timing.py                      # N = 1000, 3 runs
    python3 bench/dot_timing.py -n 1000 --runs 5 --force
    POLICEGRAPH=/path/to/other/policegraph python3 bench/dot_timing.py   # another binary
"""

import argparse
import csv
import hashlib
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A node statement of the drawing (not an edge, a legend entry or a cluster's member list).
NODE = re.compile(r"^\s*(\d+|\"[^\"]*\") \[")

PEOPLE = """
PREFIX pg: <https://w3id.org/policegraph/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?name (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  { SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name }
    GROUP BY ?name HAVING (COUNT(DISTINCT ?p) = 1) }
  ?p foaf:name ?name ; pg:mentionedIn ?a .
} GROUP BY ?name ORDER BY DESC(?articles) ?name LIMIT 3
"""

FORCES = """
PREFIX pg: <https://w3id.org/policegraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  ?o pg:organisationKind <https://w3id.org/policegraph/id/organisation-kind/police-force> ;
     skos:prefLabel ?name ; pg:mentionedIn ?a .
} GROUP BY ?name ORDER BY DESC(?articles) ?name LIMIT 1
"""


def run(cmd, timeout=None, stdout=None):
    """Runs cmd; returns (seconds, returncode or 'timeout', stderr)."""
    start = time.monotonic()
    try:
        done = subprocess.run(cmd, stdout=stdout or subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return time.monotonic() - start, "timeout", ""
    return time.monotonic() - start, done.returncode, done.stderr.decode(errors="replace")


def rows(binary, store, query):
    out = subprocess.run([binary, "query", "--store", store, "--format", "csv", query],
                         capture_output=True, check=True, text=True).stdout
    return list(csv.reader(io.StringIO(out)))[1:]


def prepare(args, binary):
    bench = Path(args.bench_dir)
    bench.mkdir(parents=True, exist_ok=True)
    corpus = bench / f"corpus-{args.n}-{args.seed}.jsonl"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "-n", str(args.n),
                        "--seed", str(args.seed), "-o", str(corpus)], check=True)
    digest = hashlib.sha256(Path(binary).read_bytes()).hexdigest()[:12]
    store = bench / f"store-{args.n}-{args.seed}-{digest}"
    if not store.exists():
        print(f"ingesting {corpus} into {store}", file=sys.stderr)
        subprocess.run([binary, "ingest", "--quiet", "--store", str(store), str(corpus)],
                       check=True)
        subprocess.run([binary, "optimize", "--store", str(store)], check=True)
    return bench, str(store)


def measure(args, binary, store, bench, label, dot_args):
    """Times policegraph dot and Graphviz; returns a result row."""
    out = bench / "drawing.dot"
    pg_times, gv_times, status, nodes = [], [], "ok", 0
    for _ in range(args.runs):
        with open(out, "wb") as f:
            seconds, code, err = run([binary, "dot", "--store", store, *dot_args], stdout=f)
        pg_times.append(seconds)
        if code != 0:
            status = "refused: " + err.strip().splitlines()[-1][:150] if err.strip() else "failed"
            break
        text = out.read_text()
        nodes = sum(1 for line in text.splitlines() if NODE.match(line))
        seconds, code, err = run(["dot", "-Tsvg", str(out)], timeout=args.timeout)
        if code == "timeout":
            status = f"graphviz timeout after {args.timeout} s"
            break
        if code != 0:
            status = "graphviz failed: " + err.strip()[:150]
            break
        gv_times.append(seconds)
    return {
        "case": label,
        "nodes": nodes,
        "policegraph_s": round(statistics.median(pg_times), 3),
        "graphviz_s": round(statistics.median(gv_times), 3) if gv_times else None,
        "status": status,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=300, help="seconds for Graphviz")
    parser.add_argument("--force", action="store_true",
                        help="also draw the whole graph with the node limit lifted")
    parser.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR",
                                                              "/tmp/policegraph-dot-bench"))
    args = parser.parse_args()
    binary = os.environ.get("POLICEGRAPH",
                            os.path.expanduser("~/.cache/policegraph-target/release/policegraph"))
    if not shutil.which("dot"):
        sys.exit("dot_timing: Graphviz `dot` is not on the PATH")
    bench, store = prepare(args, binary)
    cases = [("whole graph", [])]
    if args.force:
        cases.append(("whole graph, --max-nodes 1000000", ["--max-nodes", "1000000"]))
    for name, count in rows(binary, store, PEOPLE):
        cases.append((f"--focus {name!r} ({count} articles)", ["--focus", name]))
    for name, count in rows(binary, store, FORCES):
        cases.append((f"--focus {name!r} ({count} articles)", ["--focus", name]))
        cases.append((f"--focus {name!r} --depth 1", ["--focus", name, "--depth", "1"]))
    print(f"binary {binary}, N={args.n}, seed {args.seed}, {args.runs} runs, medians")
    print("| case | nodes drawn | policegraph dot (s) | dot -Tsvg (s) | status |")
    print("|---|---|---|---|---|")
    for label, dot_args in cases:
        r = measure(args, binary, store, bench, label, dot_args)
        gv = "" if r["graphviz_s"] is None else r["graphviz_s"]
        print(f"| {r['case']} | {r['nodes']} | {r['policegraph_s']} | {gv} | {r['status']} |",
              flush=True)


if __name__ == "__main__":
    main()
