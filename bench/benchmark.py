"""Benchmark the site build and the built site; write BENCHMARKS.md.

1. Build time: our full build against a bare Material build of the same pages
   as plain Markdown (bench/baseline.py), interleaved, several runs each.
2. Scaling: synthetic plans of 1x, 10x and 100x the real one (boras_plan/synthetic.py):
   build time, CPU time, peak memory, site size; a profile by phase at 10x and
   the largest factor shows what grows faster than the site.
3. Page weight of three pages in headless Chromium (bench/weight.py), raw and
   gzip, and a search smoke test.
4. Site size on disk, ours and the baseline's.
5. Lighthouse mobile for every page type, ours and bare Material's (bench/lighthouse.py).

Usage: bench/run [options]   (see --help; bench/README.md)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from boras_plan import synthetic

import baseline
import lighthouse
import profile_phases
import report
import weight
from common import OUT, PLAN, ROOT, site_size, timed_build

RESULTS = ROOT / "bench" / "results"


def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)

    def run(*cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return ""

    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown", "Jinja2", "playwright"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "missing"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        "chromium": run("/usr/bin/chromium", "--version"),
        "node": run("node", "--version"),
        "commit": run("git", "rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(run("git", "status", "--porcelain", "--untracked-files=no")),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def median(values):
    return statistics.median(values) if values else None


def summarize_runs(runs: list[dict]) -> dict:
    return {
        "runs": len(runs),
        "wall_s": median([r["wall_s"] for r in runs]),
        "cpu_s": median([r["cpu_s"] for r in runs]),
        "mkdocs_s": median([r["mkdocs_s"] for r in runs if r["mkdocs_s"] is not None]),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "all_wall_s": [round(r["wall_s"], 3) for r in runs],
    }


def bench_baseline(work: Path, runs: int) -> tuple[dict, Path, Path]:
    """Our build vs bare Material on the same pages; runs interleaved, one warm-up each."""
    print("1. Build time against a bare Material baseline", flush=True)
    pages, facts = baseline.capture_pages(ROOT, PLAN)
    plain = work / "plain"
    baseline.write_plain_project(pages, facts, plain)
    ours_site, plain_site = work / "site-ours", work / "site-plain"
    ours, bare = [], []
    builds = {"ours": (ROOT, ours_site, PLAN, ours), "bare": (plain, plain_site, None, bare)}
    for name in ("ours", "bare"):  # warm-up: file cache, .pyc files
        cwd, site, plan, _ = builds[name]
        timed_build(cwd, site, plan)
    for i in range(runs):
        order = ("ours", "bare") if i % 2 == 0 else ("bare", "ours")  # alternate, so drift hits both
        for name in order:
            cwd, site, plan, into = builds[name]
            shutil.rmtree(site, ignore_errors=True)
            into.append(timed_build(cwd, site, plan))
        print(f"   run {i + 1}/{runs}: ours {ours[-1]['wall_s']:.2f} s, bare Material {bare[-1]['wall_s']:.2f} s", flush=True)
    result = {
        "pages": len(pages),
        "ours": summarize_runs(ours) | {"site": site_size(ours_site)},
        "bare": summarize_runs(bare) | {"site": site_size(plain_site)},
    }
    for key in ("wall_s", "cpu_s", "mkdocs_s"):
        if result["ours"][key] and result["bare"][key]:
            result[f"ratio_{key}"] = result["ours"][key] / result["bare"][key]
    print(f"   median wall: ours {result['ours']['wall_s']:.2f} s, bare {result['bare']['wall_s']:.2f} s, "
          f"ratio {result['ratio_wall_s']:.2f} (CPU ratio {result['ratio_cpu_s']:.2f})", flush=True)
    return result, ours_site, plain_site


def bench_scaling(work: Path, factors: list[int], runs: int, profile: bool) -> dict:
    print("2. Scaling with synthetic plans", flush=True)
    rows = []
    profiles = {}
    for factor in factors:
        plan_file = work / f"plan-{factor}x.yaml"
        counts = synthetic.write_scaled_plan(PLAN, factor, plan_file)
        site = work / f"site-{factor}x"
        n = runs if factor < 100 else 1  # the 100x build takes tens of seconds: once
        measured = []
        for _ in range(n):
            shutil.rmtree(site, ignore_errors=True)
            measured.append(timed_build(ROOT, site, plan_file))
        size = site_size(site)
        pages = size["by_kind"].get("HTML pages", {}).get("files", 0)
        row = counts | summarize_runs(measured) | {"html_pages": pages, "site_bytes": size["bytes"], "html_bytes": size["by_kind"].get("HTML pages", {}).get("bytes", 0)}
        rows.append(row)
        print(f"   {factor:>4}x: {row['recommendations']} recommendations, {row['actions']} actions, {pages} pages: "
              f"{row['wall_s']:.2f} s wall, {row['cpu_s']:.2f} s CPU, peak {row['peak_rss_mb']:.0f} MB, "
              f"site {size['bytes'] / 1e6:.1f} MB", flush=True)
        shutil.rmtree(site, ignore_errors=True)
    if profile:
        for factor in (f for f in factors if f >= 10):
            print(f"   profiling the {factor}x build (cProfile) …", flush=True)
            prof = OUT / f"profile-{factor}x.prof"
            prof.parent.mkdir(parents=True, exist_ok=True)
            profiles[str(factor)] = {
                "phases_s": profile_phases.profile_build(work / "site-prof", work / f"plan-{factor}x.yaml", prof),
                "top": profile_phases.top_functions(prof),
                "pages": next(r["html_pages"] for r in rows if r["factor"] == factor),
            }
            shutil.rmtree(work / "site-prof", ignore_errors=True)
    return {"rows": rows, "profiles": profiles, **_linearity(rows)}


def _linearity(rows: list[dict]) -> dict:
    """Marginal cost per page between successive factors: constant when growth is linear."""
    steps = []
    for a, b in zip(rows, rows[1:]):
        pages = b["html_pages"] - a["html_pages"]
        if pages > 0:
            steps.append({
                "from": a["factor"], "to": b["factor"],
                "ms_per_added_page": (b["wall_s"] - a["wall_s"]) / pages * 1000,
                "kb_per_added_page": (b["site_bytes"] - a["site_bytes"]) / pages / 1024,
            })
    growth = steps[-1]["ms_per_added_page"] / steps[0]["ms_per_added_page"] if len(steps) > 1 and steps[0]["ms_per_added_page"] > 0 else None
    return {"marginal": steps, "marginal_growth": growth}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="builds each of ours and the baseline (default 5)")
    parser.add_argument("--scales", default="1,10,100", help="plan factors (default 1,10,100)")
    parser.add_argument("--scale-runs", type=int, default=3, help="builds per factor below 100 (default 3; 100x and up: 1)")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile runs")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page, median by performance kept (default 3)")
    parser.add_argument("--quick", action="store_true", help="2 runs, 1x and 10x, no profile or Lighthouse; writes bench/out/BENCHMARKS-quick.md")
    parser.add_argument("--save", metavar="NAME", help="also keep the figures as bench/results/NAME.json (e.g. before)")
    parser.add_argument("--compare", metavar="NAME", default="before", help="earlier figures to show beside these (default: before)")
    parser.add_argument("--out", type=Path, help="where to write the report (default BENCHMARKS.md)")
    parser.add_argument("--report-only", action="store_true", help="measure nothing: rewrite the report from bench/results/latest.json")
    args = parser.parse_args(argv)
    if args.report_only:
        return write_report(json.loads((RESULTS / "latest.json").read_text(encoding="utf-8")), args)
    if args.quick:
        args.runs, args.scales, args.no_profile, args.no_lighthouse = 2, "1,10", True, True
        args.out = args.out or OUT / "BENCHMARKS-quick.md"
    factors = [int(f) for f in args.scales.split(",")]

    started = time.monotonic()
    results = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine(),
               "command": "bench/run " + " ".join(argv if argv is not None else sys.argv[1:])}
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        results["baseline"], ours_site, plain_site = bench_baseline(work, args.runs)
        results["scaling"] = bench_scaling(work, factors, args.scale_runs, not args.no_profile)

        print("3. Page weight in headless Chromium", flush=True)
        results["weight"] = weight.measure_pages(ours_site)
        for name, page in results["weight"].items():
            print(f"   {name:<15} {page['requests']:>3} requests, {page['raw'] / 1000:7.1f} kB raw, {page['gzip'] / 1000:6.1f} kB gzip", flush=True)
        results["weight_bare"] = weight.measure_pages(plain_site, {"start": ""})["start"]
        print(f"   (bare Material start page: {results['weight_bare']['gzip'] / 1000:.1f} kB gzip)", flush=True)
        results["search"] = weight.search_check(ours_site)
        print(f"   search for '{results['search']['query']}': {results['search']['meta']} ({'works' if results['search']['ok'] else 'BROKEN'})", flush=True)

        print("4. Site size on disk", flush=True)
        results["site_size"] = {"ours": results["baseline"]["ours"]["site"], "bare": results["baseline"]["bare"]["site"]}
        print(f"   ours {results['site_size']['ours']['bytes'] / 1e6:.2f} MB in {results['site_size']['ours']['files']} files; "
              f"bare Material {results['site_size']['bare']['bytes'] / 1e6:.2f} MB", flush=True)

        if not args.no_lighthouse:
            print("5. Lighthouse (mobile)", flush=True)
            results["lighthouse"] = lighthouse.run_all(ours_site, args.lighthouse_runs)
            print(lighthouse.format_results(results["lighthouse"]), flush=True)
            print("   The same pages built by bare Material:", flush=True)
            results["lighthouse_bare"] = lighthouse.run_all(plain_site, args.lighthouse_runs, label="bare-")
            print(lighthouse.format_results(results["lighthouse_bare"]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["duration_s"] = time.monotonic() - started

    RESULTS.mkdir(parents=True, exist_ok=True)
    if not args.quick:
        (RESULTS / "latest.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.save:
        (RESULTS / f"{args.save}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return write_report(results, args)


def write_report(results: dict, args) -> int:
    out_md = args.out or ROOT / "BENCHMARKS.md"
    earlier_path = RESULTS / f"{args.compare}.json"
    earlier = json.loads(earlier_path.read_text(encoding="utf-8")) if earlier_path.exists() and args.save != args.compare else None
    out_md.write_text(report.render(results, earlier, args.compare), encoding="utf-8")
    print()
    print(report.goals_table(results))
    print(f"\nWrote {out_md} ({results['duration_s']:.0f} s of measuring).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
