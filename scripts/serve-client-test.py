"""Asks `policegraph serve` every shipped view through SPARQLWrapper and compares the rows
with those of `policegraph query --format csv` on the same store."""
import csv
import io
import pathlib
import subprocess
import sys

import rdflib
from rdflib.compare import to_isomorphic
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper


def same_graph(client, binary, store, path):
    """A CONSTRUCT or DESCRIBE view: the served graph is the command line's graph."""
    client.setReturnFormat(TURTLE)
    served = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    out = subprocess.run(
        [binary, "query", "--store", store, "--format", "ntriples", str(path)],
        check=True, capture_output=True, text=True,
    ).stdout
    local = rdflib.Graph().parse(data=out, format="nt")
    same = to_isomorphic(served) == to_isomorphic(local)
    print(f"{path.name}: {len(served)} triples from the endpoint, {len(local)} from query: "
          f"{'same' if same else 'DIFFERENT'}")
    return same


endpoint, binary, store, queries = sys.argv[1:5]
failures = 0
for path in sorted(pathlib.Path(queries).glob("*.rq")):
    text = path.read_text()
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    if client.queryType in ("CONSTRUCT", "DESCRIBE"):
        failures += not same_graph(client, binary, store, path)
        continue
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    variables = answer["head"]["vars"]
    served = sorted(
        tuple(row.get(v, {}).get("value", "") for v in variables)
        for row in answer["results"]["bindings"]
    )
    out = subprocess.run(
        [binary, "query", "--store", store, "--format", "csv", str(path)],
        check=True, capture_output=True, text=True,
    ).stdout
    rows = list(csv.reader(io.StringIO(out)))
    local = sorted(tuple(r) for r in rows[1:])
    same = served == local and rows[0] == variables
    print(f"{path.name}: {len(served)} rows from the endpoint, {len(local)} from query: "
          f"{'same' if same else 'DIFFERENT'}")
    failures += not same
if failures:
    sys.exit(f"{failures} queries gave different rows")
print("SPARQLWrapper gets the same rows as policegraph query")
