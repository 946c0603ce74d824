"""Lighthouse (mobile) for the start page, a recommendation page and /atgarder/.

Installs the pinned Lighthouse from bench/package-lock.json into
bench/node_modules when needed (`npm ci`), serves the built site on
127.0.0.1 (gzip, as GitHub Pages), runs Lighthouse with Debian's Chromium
(CHROME_PATH=/usr/bin/chromium, --headless=new, --no-sandbox and the
no-network flags of tests/conftest.py) and prints the four category scores
per page, with every scored audit that is not at 100 and why.

Usage: bench/lighthouse [--site DIR] [--runs N] [--json OUT.json]
Without --site the site is built first into bench/out/lighthouse-site.
Reports (HTML and JSON) go to bench/out/lighthouse/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from common import BENCH, CHROMIUM, OUT, PAGES, ROOT, chromium_args, timed_build
from serve import Server

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
REPORTS = OUT / "lighthouse"


def ensure_lighthouse() -> str:
    """npm ci from the lock file, once per lock-file version. Returns the version."""
    lock = BENCH / "package-lock.json"
    stamp = BENCH / "node_modules" / f".installed-{hashlib.sha256(lock.read_bytes()).hexdigest()[:16]}"
    if not (LIGHTHOUSE.exists() and stamp.exists()):
        if not shutil.which("npm"):
            raise SystemExit("npm is missing: install Node.js 20 (Debian: apt-get install nodejs npm).")
        print("Installing Lighthouse into bench/node_modules (npm ci) …", flush=True)
        npm = ["npm", "--no-audit", "--no-fund", "--loglevel=error"]
        if subprocess.run([*npm, "ci"], cwd=BENCH).returncode:
            # A dependency of Lighthouse asks for third-party-web@"latest"; when a new
            # version appears, `npm ci` may refuse the lock file. Install without
            # rewriting it: Lighthouse itself stays at the pinned version.
            print("npm ci refused the lock file; retrying with npm install --no-save", flush=True)
            subprocess.run([*npm, "install", "--no-save"], cwd=BENCH, check=True)
        stamp.touch()
    package = json.loads((BENCH / "node_modules" / "lighthouse" / "package.json").read_text())
    return package["version"]


def run_page(url: str, name: str) -> dict:
    """One Lighthouse run; returns the parsed JSON report."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    flags = ["--headless=new", *chromium_args()]
    cmd = [
        str(LIGHTHOUSE), url,
        "--quiet",
        "--output=json", "--output=html", f"--output-path={REPORTS / name}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(dict.fromkeys(flags))}",
        "--max-wait-for-load=60000",
    ]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    report_path = REPORTS / f"{name}.report.json"
    if result.returncode or not report_path.exists():
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(report_path.read_text(encoding="utf-8"))


def summarize(report: dict) -> dict:
    """Scores 0–100 per category, and every scored audit below 100 with its reasons."""
    audits = report["audits"]
    out = {"scores": {}, "failing": {}, "metrics": {}, "warnings": report.get("runWarnings", [])}
    for cat in CATEGORIES:
        category = report["categories"][cat]
        out["scores"][cat] = None if category["score"] is None else round(category["score"] * 100)
        failing = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append({
                    "id": ref["id"],
                    "title": audit["title"],
                    "score": round(audit["score"] * 100),
                    "weight": ref["weight"],
                    "value": audit.get("displayValue", ""),
                    "items": _items(audit),
                })
        out["failing"][cat] = failing
    for metric in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"):
        audit = audits.get(metric)
        if audit:
            out["metrics"][metric] = {"value": audit.get("displayValue", ""), "score": round((audit.get("score") or 0) * 100)}
    return out


def _items(audit: dict, limit: int = 8) -> list[str]:
    """Readable lines for an audit's details: the elements, URLs or messages concerned."""
    lines = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        node = item.get("node") or {}
        parts = [
            node.get("selector") or "",
            (node.get("snippet") or "")[:160],
            node.get("explanation") or "",
            str(item.get("url") or item.get("source", {}).get("url", "") if isinstance(item.get("source"), dict) else item.get("url") or ""),
            str(item.get("description") or ""),
            f"wasted {item['wastedMs']:.0f} ms" if isinstance(item.get("wastedMs"), (int, float)) else "",
            f"wasted {item['wastedBytes'] / 1024:.1f} KB" if isinstance(item.get("wastedBytes"), (int, float)) else "",
        ]
        line = " | ".join(p.replace("\n", " ") for p in parts if p)
        if line:
            lines.append(line)
    return lines


def run_all(site_dir: Path, runs: int = 1, label: str = "") -> dict:
    """Lighthouse for every page in PAGES; the median run (by performance) is kept.

    `label` prefixes the report files, so a baseline's reports sit beside ours."""
    version = ensure_lighthouse()
    pages = {}
    with Server(site_dir) as base:
        for name, path in PAGES.items():
            summaries = []
            for i in range(runs):
                print(f"  Lighthouse {name} ({base}{path}) run {i + 1}/{runs} …", flush=True)
                summaries.append(summarize(run_page(base + path, label + name)))
            summaries.sort(key=lambda s: s["scores"]["performance"] or 0)
            chosen = summaries[len(summaries) // 2]
            chosen["path"] = path
            chosen["performance_runs"] = [s["scores"]["performance"] for s in summaries]
            pages[name] = chosen
    return {"lighthouse_version": version, "form_factor": "mobile (Lighthouse default, simulated throttling)", "runs": runs, "pages": pages}


def format_results(results: dict) -> str:
    lines = [f"Lighthouse {results['lighthouse_version']}, {results['form_factor']}:"]
    lines.append(f"  {'page':<16}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, page in results["pages"].items():
        lines.append(f"  {name:<16}" + "".join(f"{str(page['scores'][c]):>16}" for c in CATEGORIES))
    for name, page in results["pages"].items():
        for cat, failing in page["failing"].items():
            for audit in failing:
                lines.append(f"  {name} / {cat}: {audit['id']} ({audit['title']}) scores {audit['score']}, {audit['value']}")
                lines += [f"      {item}" for item in audit["items"]]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median by performance is kept")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--label", default="", help="prefix for the report files (e.g. bare- for a baseline site)")
    args = parser.parse_args(argv)
    site = args.site
    if site is None:
        site = OUT / "lighthouse-site"
        print(f"Building the site into {site.relative_to(ROOT)} …", flush=True)
        timed_build(ROOT, site)
    results = run_all(site.resolve(), args.runs, args.label)
    print(format_results(results))
    target = args.json or REPORTS / f"{args.label}summary.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"Reports: {REPORTS.relative_to(ROOT)}/*.report.html; summary: {target}")
    below = [(n, c) for n, p in results["pages"].items() for c, s in p["scores"].items() if s != 100]
    return 0 if not below else 1


if __name__ == "__main__":
    sys.exit(main())
