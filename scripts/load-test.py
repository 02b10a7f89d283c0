"""Load on a running `policegraph serve`: CLIENTS threads request a mix of pages and SPARQL
queries for SECONDS; every answer must be 200; the server's RSS must not keep growing."""
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

base, pid, seconds, clients = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])


def get(path):
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return response.status, response.read()


def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


search = get("/search?q=e")[1].decode()
entities = sorted(set(re.findall(r'href="(/id/[^"#]+)"', search)))
if not entities:
    sys.exit("load-test: the search found nothing to load")
queries = [
    "SELECT ?name WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "ASK { ?s a <https://w3id.org/policegraph/ontology#Proceeding> }",
]
paths = ["/", "/search?q=phil", "/search?q=police", "/query?example=people.rq"] + entities
paths += ["/sparql?query=" + urllib.parse.quote(q) for q in queries]

latencies, errors, lock = [], [], threading.Lock()
stop_at = time.monotonic() + seconds


def client(seed):
    rng = random.Random(seed)
    while time.monotonic() < stop_at:
        path = rng.choice(paths)
        started = time.monotonic()
        try:
            status, _ = get(path)
            if status != 200:
                raise RuntimeError(f"status {status}")
        except Exception as error:  # noqa: BLE001 - every failure is reported
            with lock:
                errors.append(f"{path}: {error}")
            continue
        with lock:
            latencies.append(time.monotonic() - started)


warm = rss_kib()
threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for t in threads:
    t.start()
samples = []
while any(t.is_alive() for t in threads):
    samples.append(rss_kib())
    time.sleep(1)
for t in threads:
    t.join()
after = rss_kib()
latencies.sort()
p50 = statistics.median(latencies) * 1000
p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
third = max(1, len(samples) // 3)
early, late = max(samples[:third]), max(samples[-third:])
print(f"load-test: {clients} clients, {seconds:.0f} s, {len(latencies)} requests "
      f"({len(latencies) / seconds:.0f}/s), {len(errors)} errors; p50 {p50:.1f} ms, p99 {p99:.1f} ms; "
      f"RSS {warm // 1024} MiB before, {early // 1024} MiB peak in the first third, "
      f"{late // 1024} MiB peak in the last third, {after // 1024} MiB after")
if errors:
    sys.exit("load-test: errors:\n" + "\n".join(errors[:20]))
if late > early * 1.2 + 8 * 1024:
    sys.exit("load-test: memory kept growing under load")
