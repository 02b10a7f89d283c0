#!/usr/bin/env python3
"""Turns the raw samples of bench/run.sh into tables, ratios and a JSON results file.

    python3 bench/summarize.py --samples S.tsv --out R.json [--only N | --ratios] [...]

The samples file has one line per measurement: N, run, metric, value (tab-separated). Medians
are taken over runs. Standard library only.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

VIEWS = ["people", "organisations", "proceedings", "investigations", "standards"]
# Every shipped query should answer within this many seconds (issue 16).
QUERY_TARGET_SECONDS = 2.0


def queries_of(d):
    """The five views, then every other query the samples time, by name."""
    timed = {m.split(".")[1] for m in d if m.startswith("view.") and m.endswith(".status")}
    return [v for v in VIEWS if v in timed] + sorted(timed - set(VIEWS))


def load(path):
    data = {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            continue
        n, run, metric, value = line.split("\t", 3)
        data.setdefault(int(n), {}).setdefault(metric, {})[int(run)] = value
    return data


def nums(d, metric):
    return [float(v) for _, v in sorted(d.get(metric, {}).items()) if v not in ("", None)]


def med(d, metric):
    xs = nums(d, metric)
    return statistics.median(xs) if xs else None


def rate(num, secs):
    return num / secs if num is not None and secs else None


def rnd(x, k=3):
    return None if x is None else round(x, k)


def summarize_n(n, d):
    meta = json.loads(d["corpus.meta"][0])
    arts = meta["articles"]
    mb = meta["text_bytes"] / 1e6
    runs = sorted({r for m in d.values() for r in m if r > 0})
    out = {"articles": arts, "text_mb": rnd(mb), "runs": len(runs),
           "corpus": meta, "load_average_at_start": float(d["loadavg.start"][0])}

    def rcs(metric):
        return sorted({int(float(v)) for v in d.get(metric, {}).values()})

    triples = med(d, "triples")
    s = med(d, "scan.seconds")
    out["scan"] = {"seconds": rnd(s), "mb_per_s": rnd(rate(mb, s), 1)}
    s = med(d, "extract.seconds")
    out["extract"] = {"seconds": rnd(s), "articles_per_s": rnd(rate(arts, s), 1),
                      "mb_per_s": rnd(rate(mb, s), 3),
                      "peak_rss_mib": rnd((med(d, "extract.rss_kb") or 0) / 1024, 1),
                      "exit_status": rcs("extract.rc")}
    s = med(d, "ingest.seconds")
    out["ingest"] = {"seconds": rnd(s), "articles_per_s": rnd(rate(arts, s), 1),
                     "mb_per_s": rnd(rate(mb, s), 3),
                     "triples": int(triples) if triples is not None else None,
                     "triples_per_s": rnd(rate(triples, s), 0),
                     "peak_rss_mib": rnd((med(d, "ingest.rss_kb") or 0) / 1024, 1),
                     "store_mib": med(d, "store.mib"), "exit_status": rcs("ingest.rc")}
    out["optimize"] = {"seconds": rnd(med(d, "optimize.seconds")),
                       "peak_rss_mib": rnd((med(d, "optimize.rss_kb") or 0) / 1024, 1),
                       "exit_status": rcs("optimize.rc")}
    out["count_query_seconds"] = rnd(med(d, "count.seconds"))
    views = {}
    for v in queries_of(d):
        sts = [st for _, st in sorted(d.get(f"view.{v}.status", {}).items())]
        ok_secs = [float(d[f"view.{v}.seconds"][r]) for r, st in d.get(f"view.{v}.status", {}).items()
                   if st == "ok"]
        bad = [st for st in sts if st != "ok" and not st.startswith("skipped")]
        views[v] = {"seconds": rnd(statistics.median(ok_secs)) if ok_secs else None,
                    "status": bad[0] if bad else ("ok" if sts else None),
                    "rows": int(med(d, f"view.{v}.rows")) if med(d, f"view.{v}.rows") is not None else None,
                    "peak_rss_mib": rnd((med(d, f"view.{v}.rss_kb") or 0) / 1024, 1),
                    "bind": next(iter(d.get(f"view.{v}.bind", {}).values()), "") or None,
                    "first_failure_after_seconds": rnd(min(float(d[f"view.{v}.seconds"][r])
                                                           for r, st in d[f"view.{v}.status"].items()
                                                           if st == bad[0])) if bad else None}
    out["views"] = views
    s = med(d, "export.seconds")
    quads = med(d, "export.quads")
    out["export"] = {"seconds": rnd(s), "quads": int(quads) if quads is not None else None,
                     "mib": rnd((med(d, "export.bytes") or 0) / 1048576, 1),
                     "exit_status": rcs("export.rc")}
    s = med(d, "oxload.seconds")
    out["oxigraph_load"] = {"seconds": rnd(s), "quads_per_s": rnd(rate(quads, s), 0),
                            "peak_rss_mib": rnd((med(d, "oxload.rss_kb") or 0) / 1024, 1),
                            "store_mib": med(d, "oxstore.mib"), "exit_status": rcs("oxload.rc")}
    return out


def ratios(res):
    out = {"per_n": {}, "scaling": {}}
    for n, r in sorted(res.items(), key=lambda kv: int(kv[0])):
        ing, ox, ex = r["ingest"], r["oxigraph_load"], r["extract"]
        failed = [k for k in ("extract", "ingest", "export", "oxigraph_load") if r[k]["exit_status"] not in ([0], [])]
        out["per_n"][n] = {
            "failed_steps": failed,
            "ingest_time_over_oxigraph_load_time":
                rnd(ing["seconds"] / ox["seconds"], 2) if ing["seconds"] and ox["seconds"] else None,
            "ingest_peak_rss_over_oxigraph_load_peak_rss":
                rnd(ing["peak_rss_mib"] / ox["peak_rss_mib"], 2) if ing["peak_rss_mib"] and ox["peak_rss_mib"] else None,
            "extract_mb_per_s": ex["mb_per_s"],
            "extract_time_over_scan_time":
                rnd(ex["seconds"] / r["scan"]["seconds"], 0) if ex["seconds"] and r["scan"]["seconds"] else None,
        }
    ns = sorted(res, key=int)
    for a, b in zip(ns, ns[1:]):
        ra, rb = res[a]["ingest"]["peak_rss_mib"], res[b]["ingest"]["peak_rss_mib"]
        ea, eb = res[a]["extract"]["peak_rss_mib"], res[b]["extract"]["peak_rss_mib"]
        out["scaling"][f"{b}/{a}"] = {
            "articles": int(b) / int(a),
            "ingest_peak_rss": rnd(rb / ra, 2) if ra and rb else None,
            "extract_peak_rss": rnd(eb / ea, 2) if ea and eb else None,
            "ingest_seconds": rnd(res[b]["ingest"]["seconds"] / res[a]["ingest"]["seconds"], 2)
            if res[a]["ingest"]["seconds"] and res[b]["ingest"]["seconds"] else None,
        }
    return out


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def status_note(r):
    return "" if r in ([0], []) else f"  FAILED: exit status {','.join(map(str, r))}"


def print_table(n, r):
    print(f"\nN = {n}: {r['text_mb']:.2f} MB of article text "
          f"({r['text_mb'] * 1e6 / r['articles']:.0f} B/article), median of {r['runs']} run(s), "
          f"load average {r['load_average_at_start']:.2f} at start")
    h = f"  {'step':<34}{'seconds':>10}{'articles/s':>12}{'MB/s':>9}{'triples/s':>12}{'peak RSS MiB':>14}{'disk MiB':>10}"
    print(h)
    print("  " + "-" * (len(h) - 2))
    sc, ex, ing, exp, ox = r["scan"], r["extract"], r["ingest"], r["export"], r["oxigraph_load"]
    print(f"  {'floor: cat corpus | wc -c':<34}{fmt(sc['seconds'], '10.3f')}{'':>12}{fmt(sc['mb_per_s'], '9.1f')}")
    print(f"  {'extract --format nquads':<34}{fmt(ex['seconds'], '10.3f')}{fmt(ex['articles_per_s'], '12.1f')}"
          f"{fmt(ex['mb_per_s'], '9.3f')}{'':>12}{fmt(ex['peak_rss_mib'], '14.0f')}{status_note(ex['exit_status'])}")
    print(f"  {'ingest --quiet (fresh store)':<34}{fmt(ing['seconds'], '10.3f')}{fmt(ing['articles_per_s'], '12.1f')}"
          f"{fmt(ing['mb_per_s'], '9.3f')}{fmt(ing['triples_per_s'], '12.0f')}{fmt(ing['peak_rss_mib'], '14.0f')}"
          f"{fmt(ing['store_mib'], '10.0f')}{status_note(ing['exit_status'])}")
    op = r["optimize"]
    print(f"  {'optimize (before the views)':<34}{fmt(op['seconds'], '10.3f')}{'':>12}{'':>9}{'':>12}"
          f"{fmt(op['peak_rss_mib'], '14.0f')}{'':>10}{status_note(op['exit_status'])}")
    print(f"  {'yardstick: oxigraph load (quads/s)':<34}{fmt(ox['seconds'], '10.3f')}{'':>12}{'':>9}"
          f"{fmt(ox['quads_per_s'], '12.0f')}{fmt(ox['peak_rss_mib'], '14.0f')}{fmt(ox['store_mib'], '10.0f')}"
          f"{status_note(ox['exit_status'])}")
    print(f"  {'export --format nquads':<34}{fmt(exp['seconds'], '10.3f')}{'':>12}{'':>9}{'':>12}{'':>14}"
          f"{fmt(exp['mib'], '10.0f')}{status_note(exp['exit_status'])}")
    print(f"  triples in the store: {fmt(ing['triples'], 'd')}; quads exported: {fmt(exp['quads'], 'd')}; "
          f"count query {fmt(r['count_query_seconds'], '.3f')} s")
    print(f"  {'query':<34}{'seconds':>10}{'rows':>12}{'peak RSS MiB':>14}  status")
    for v, x in r["views"].items():
        secs = x["seconds"] if x["status"] == "ok" else x["first_failure_after_seconds"]
        slow = f" (over {QUERY_TARGET_SECONDS:g} s)" if secs is not None and secs > QUERY_TARGET_SECONDS else ""
        bind = f"  --bind {x['bind']}" if x.get("bind") else ""
        print(f"  {v + '.rq':<34}{fmt(secs, '10.3f')}{fmt(x['rows'], '12d')}{fmt(x['peak_rss_mib'], '14.0f')}"
              f"  {x['status']}{slow}{bind}")


def print_ratios(rt):
    print("Ratios")
    print(f"  {'N':>8}{'ingest/oxigraph time':>22}{'ingest/oxigraph RSS':>21}{'extract MB/s':>14}{'extract/scan time':>19}")
    for n, x in rt["per_n"].items():
        print(f"  {n:>8}{fmt(x['ingest_time_over_oxigraph_load_time'], '22.2f')}"
              f"{fmt(x['ingest_peak_rss_over_oxigraph_load_peak_rss'], '21.2f')}"
              f"{fmt(x['extract_mb_per_s'], '14.3f')}{fmt(x['extract_time_over_scan_time'], '19.0f')}"
              + (f"  (FAILED: {', '.join(x['failed_steps'])})" if x["failed_steps"] else ""))
    for k, x in rt["scaling"].items():
        b, a = k.split("/")
        print(f"  peak RSS({b})/peak RSS({a}): ingest {fmt(x['ingest_peak_rss'], '.2f')}, "
              f"extract {fmt(x['extract_peak_rss'], '.2f')} (articles x{x['articles']:g}; "
              f"ingest time x{fmt(x['ingest_seconds'], '.2f')})")


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return None


def sha256(path):
    import hashlib
    try:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None


def machine():
    cpu = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    except OSError:
        mem = None
    return {"cpu": cpu, "cores": os.cpu_count(), "mem_mib": mem // 1024 if mem else None,
            "kernel": platform.release(), "python": platform.python_version()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", type=int)
    ap.add_argument("--ratios", action="store_true")
    ap.add_argument("--pg"), ap.add_argument("--ox")
    ap.add_argument("--pg-orig"), ap.add_argument("--pg-built"), ap.add_argument("--runs", type=int)
    ap.add_argument("--seed", type=int), ap.add_argument("--gen-args", default="")
    ap.add_argument("--view-timeout", type=int), ap.add_argument("--view-mem-mb", type=int)
    ap.add_argument("--logs")
    a = ap.parse_args()
    data = load(a.samples)
    res = {str(n): summarize_n(n, d) for n, d in sorted(data.items()) if "corpus.meta" in d}
    rt = ratios(res)
    git = sh("git", "rev-parse", "HEAD")
    dirty = sh("git", "status", "--porcelain", "--untracked-files=no")
    doc = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "policegraph": {"binary": a.pg_orig or a.pg, "built": a.pg_built,
                        "version": sh(a.pg, "--version") if a.pg else None,
                        "sha256": sha256(a.pg) if a.pg else None,
                        "git_commit": git, "git_modified_files": len(dirty.splitlines()) if dirty else 0},
        "oxigraph": {"binary": a.ox, "version": sh(a.ox, "--version") if a.ox else None},
        "settings": {"runs": a.runs, "seed": a.seed, "gen_args": a.gen_args,
                     "view_timeout_s": a.view_timeout, "view_mem_mb": a.view_mem_mb,
                     "samples": os.path.abspath(a.samples), "logs": a.logs},
        "units": {"MB": "10^6 bytes of article text (UTF-8)", "MiB": "2^20 bytes",
                  "seconds": "wall clock, median over runs",
                  "peak_rss_mib": "GNU time 'Maximum resident set size', median over runs",
                  "disk": "du -sm of the store directory"},
        "sizes": res,
        "ratios": rt,
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    os.replace(tmp, a.out)
    if a.only is not None and str(a.only) in res:
        print_table(a.only, res[str(a.only)])
    if a.ratios:
        for n in sorted(res, key=int):
            print_table(n, res[n])
        print()
        print_ratios(rt)


if __name__ == "__main__":
    sys.exit(main())
