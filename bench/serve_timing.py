"""Times `policegraph serve` pages and search, and one point SPARQL query on it and on
`oxigraph serve` side by side (interleaved, same query text, same data); prints a table and
writes the figures, with the load average before and after, as JSON.

    python3 bench/serve_timing.py POLICEGRAPH_URL OXIGRAPH_URL REQUESTS OUT.json [KEY=VALUE...]

KEY=VALUE pairs (articles, binary, versions) are recorded in the JSON as they are.
"""
import json
import math
import os
import random
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, oxigraph, requests, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
settings = dict(arg.split("=", 1) for arg in sys.argv[5:])
rng = random.Random(1)
results = {}


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


def percentile(sorted_ms, fraction):
    """The nearest-rank percentile."""
    return sorted_ms[max(0, math.ceil(len(sorted_ms) * fraction) - 1)]


def report(key, name, times):
    ms = sorted(t * 1000 for t in times)
    p50, p95 = statistics.median(ms), percentile(ms, 0.95)
    print(f"{name:<52} n={len(ms):<4} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   max {ms[-1]:8.1f} ms",
          flush=True)
    results[key] = {"what": name, "n": len(ms), "p50_ms": round(p50, 2), "p95_ms": round(p95, 2),
                    "max_ms": round(ms[-1], 2)}
    return p50


load_before = os.getloadavg()
ID = "https://w3id.org/policegraph/id/"
people = column(base + "/sparql", "SELECT DISTINCT ?p WHERE { ?c <https://w3id.org/policegraph/ontology#subject> ?p } LIMIT 2000", "p")
rows = json.loads(sparql(base + "/sparql",
                         "SELECT ?o (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p <http://www.w3.org/ns/org#memberOf> ?o } "
                         "GROUP BY ?o ORDER BY DESC(?n) LIMIT 2000")[1])["results"]["bindings"]
orgs = [row["o"]["value"] for row in rows]
largest = [(row["o"]["value"], int(row["n"]["value"])) for row in rows[:5]]
page = lambda iri: base + "/id/" + iri[len(ID):]
report("person", "person page", [get(page(rng.choice(people)))[0] for _ in range(requests)])
report("organisation", "organisation page", [get(page(rng.choice(orgs)))[0] for _ in range(requests)])
report("largest_organisations", "the five largest organisations' pages",
       [get(page(rng.choice(orgs[:5])))[0] for _ in range(requests)])


def later_page(iri, members):
    # A page deep in the lists: people and proceedings from a random row in the first
    # half of the member count (the proceedings are about as many).
    first = rng.randrange(max(1, members // 2))
    return page(iri) + f"?members={first}&proceedings={first}"


report("largest_organisations_later_pages", "the five largest, a later page of each list",
       [get(later_page(*rng.choice(largest)))[0] for _ in range(requests)])
words = ["smith", "kent", "roads", "ser", "john", "police", "unit", "o'", "mar"]
report("search", "search", [get(f"{base}/search?q={rng.choice(words)}")[0] for _ in range(requests)])

point = ("SELECT ?date ?kind ?outcome WHERE {{ ?c <https://w3id.org/policegraph/ontology#subject> <{}> . "
         "OPTIONAL {{ ?c <https://w3id.org/policegraph/ontology#date> ?date }} "
         "OPTIONAL {{ ?c <https://w3id.org/policegraph/ontology#proceedingKind> ?kind }} "
         "OPTIONAL {{ ?c <https://w3id.org/policegraph/ontology#outcome> ?outcome }} }}")
ours, theirs = [], []
for _ in range(requests):
    query = point.format(rng.choice(people))
    pair = [("ours", base + "/sparql"), ("theirs", oxigraph + "/query")]
    rng.shuffle(pair)
    answers = {}
    for who, endpoint in pair:
        elapsed, body = sparql(endpoint, query)
        (ours if who == "ours" else theirs).append(elapsed)
        answers[who] = sorted(json.dumps(b, sort_keys=True) for b in json.loads(body)["results"]["bindings"])
    if answers["ours"] != answers["theirs"]:
        sys.exit(f"the two servers answer the point query differently: {query}")
a = report("point_query_policegraph", "point query, policegraph serve", ours)
b = report("point_query_oxigraph", "point query, oxigraph serve", theirs)
ratio = a / b
print(f"point query ratio (policegraph / oxigraph, medians): {ratio:.2f}")
load_after = os.getloadavg()
print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
      f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
results["point_query_ratio_of_medians"] = round(ratio, 3)
document = {
    "date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
    "requests_per_measurement": requests,
    "largest_organisations": [{"iri": iri, "people": n} for iri, n in largest],
    "load_average_before": [round(x, 2) for x in load_before],
    "load_average_after": [round(x, 2) for x in load_after],
    "cpus": os.cpu_count(),
    **settings,
    "results": results,
}
with open(out, "w") as f:
    json.dump(document, f, indent=2)
    f.write("\n")
print(f"wrote {out}")
