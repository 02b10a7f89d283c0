"""Times `policegraph serve` pages and search, and one point SPARQL query on it and on
`oxigraph serve` side by side (interleaved, same query text, same data)."""
import json
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, oxigraph, requests = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(1)


def get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
        if response.status != 200:
            sys.exit(f"{url}: status {response.status}")
    return time.perf_counter() - started, body


def sparql(endpoint, query):
    url = f"{endpoint}?query={urllib.parse.quote(query)}"
    return get(url, "application/sparql-results+json")


def column(endpoint, query, var):
    rows = json.loads(sparql(endpoint, query)[1])["results"]["bindings"]
    return [row[var]["value"] for row in rows]


def report(name, times):
    times = sorted(t * 1000 for t in times)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(f"{name:<34} n={len(times):<4} p50 {statistics.median(times):8.1f} ms   p95 {p95:8.1f} ms")
    return statistics.median(times)


ID = "https://w3id.org/policegraph/id/"
people = column(base + "/sparql", "SELECT DISTINCT ?p WHERE { ?c <https://w3id.org/policegraph/ontology#subject> ?p } LIMIT 2000", "p")
orgs = column(base + "/sparql", "SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p <http://www.w3.org/ns/org#memberOf> ?o } "
              "GROUP BY ?o ORDER BY DESC(?n) LIMIT 2000", "o")
page = lambda iri: base + "/id/" + iri[len(ID):]
report("person page", [get(page(rng.choice(people)))[0] for _ in range(requests)])
report("organisation page", [get(page(rng.choice(orgs)))[0] for _ in range(requests)])
report("largest 5 organisations' pages", [get(page(rng.choice(orgs[:5])))[0] for _ in range(requests)])
words = ["smith", "kent", "roads", "ser", "john", "police", "unit", "o'", "mar"]
report("search", [get(f"{base}/search?q={rng.choice(words)}")[0] for _ in range(requests)])

point = ("SELECT ?date ?kind ?outcome WHERE {{ ?c <https://w3id.org/policegraph/ontology#subject> <{}> . "
         "OPTIONAL {{ ?c <https://w3id.org/policegraph/ontology#date> ?date }} "
         "OPTIONAL {{ ?c <https://w3id.org/policegraph/ontology#proceedingKind> ?kind }} "
         "OPTIONAL {{ ?c <https://w3id.org/policegraph/ontology#outcome> ?outcome }} }}")
ours, theirs = [], []
for _ in range(requests):
    query = point.format(rng.choice(people))
    pair = [("ours", base + "/sparql"), ("theirs", oxigraph + "/query")]
    rng.shuffle(pair)
    for who, endpoint in pair:
        elapsed, body = sparql(endpoint, query)
        (ours if who == "ours" else theirs).append(elapsed)
a = report("point query, policegraph serve", ours)
b = report("point query, oxigraph serve", theirs)
print(f"point query ratio (policegraph / oxigraph, medians): {a / b:.2f}")
