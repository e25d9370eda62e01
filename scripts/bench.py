#!/usr/bin/env python3
"""Benchmark: speca-docs against the route a user would take instead, and against the floor.

    python3 scripts/bench.py [--rounds 5] [--sizes 50,400]

For each size N it writes a synthetic project (examples/synth.rs: N case studies of ~400
words and seven country inputs, plus the same text as one Markdown file) and times, in
alternating order over several rounds, with medians:

  (a) speca-docs build --to pdf,docx           (check, consolidate, typeset, DOCX, publish)
  (b) pandoc all.md -> DOCX, pandoc all.md -> Typst, Typst compiler -> PDF
      (PyPI pypandoc-binary and typst, the route without speca-docs)
  (c) the floor: the same Typst compiler on speca-docs' own generated Typst file alone

It prints the ratios a/b and a/c, peak memory (from /usr/bin/time -v), and the growth of (a)
from the smallest to the largest size. Needs: a release build (the script runs cargo), the
PyPI packages pypandoc-binary and typst, and /usr/bin/time (Debian package time).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Where cargo builds: CARGO_TARGET_DIR when set, as cargo itself reads it.
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
BINARY = TARGET / "release" / "speca-docs"
SYNTH = TARGET / "release" / "examples" / "synth"


def run_timed(command, cwd=None):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command], cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return seconds, int(rss.group(1)) / 1024 if rss else float("nan")


def prepare(size, work):
    """Writes the project of `size` case studies and the inputs of routes (b) and (c)."""
    project = work / f"n{size}"
    project.mkdir()
    subprocess.run([str(SYNTH), str(size), str(project)], check=True, capture_output=True)
    # One build with --to typ gives speca-docs' own Typst file for the floor.
    subprocess.run(
        [str(BINARY), "-C", str(project), "build", "--to", "typ", "--version", "floor"],
        check=True,
        capture_output=True,
    )
    floor = work / f"floor{size}"
    (floor / "template").mkdir(parents=True)
    for item in (REPO / "templates" / "un-document").iterdir():
        if item.is_file():
            shutil.copy(item, floor / "template" / item.name)
    shutil.copytree(project / "sources", floor / "sources")
    shutil.copy(project / "output" / "bench" / "floor" / "bench.en.typ", floor / "main.typ")
    return project, floor


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="50,400")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    try:
        import pypandoc  # noqa: F401
        import typst  # noqa: F401
    except ImportError:
        sys.exit("install the comparison tools first: python3 -m pip install pypandoc-binary typst")
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    if not Path("/usr/bin/time").exists():
        sys.exit("needs /usr/bin/time (Debian package 'time')")

    subprocess.run(
        ["cargo", "build", "--release", "--bin", "speca-docs", "--example", "synth"],
        cwd=REPO,
        check=True,
    )
    typst_compile = [
        sys.executable,
        "-c",
        "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3], ignore_system_fonts=True)",
    ]

    work = Path(tempfile.mkdtemp(prefix="speca-bench-"))
    results = {}
    try:
        for size in sizes:
            project, floor = prepare(size, work)
            md = project / "all.md"
            commands = {
                "a": [[str(BINARY), "-C", str(project), "build", "--to", "pdf,docx", "--version", "bench"]],
                "b": [
                    [pandoc, str(md), "-o", str(work / "route.docx")],
                    [pandoc, str(md), "-s", "-t", "typst", "-o", str(work / "route.typ")],
                    [*typst_compile, str(work / "route.typ"), str(work / "route.pdf"), str(work)],
                ],
                "c": [[*typst_compile, str(floor / "main.typ"), str(floor / "main.pdf"), str(floor)]],
            }
            times = {key: [] for key in commands}
            memory = {key: 0.0 for key in commands}
            order = list(commands)
            for round_index in range(args.rounds):
                # Alternate the order so drift on a noisy machine hits every route alike.
                rotated = order[round_index % 3 :] + order[: round_index % 3]
                for key in rotated:
                    total = 0.0
                    for command in commands[key]:
                        seconds, rss = run_timed(command)
                        total += seconds
                        memory[key] = max(memory[key], rss)
                    times[key].append(total)
            results[size] = {key: (statistics.median(times[key]), memory[key]) for key in commands}
            pages = subprocess.run(
                [str(BINARY), "-C", str(project), "build", "--to", "pdf", "--version", "pages"],
                capture_output=True,
                text=True,
            ).stderr
            match = re.search(r"(\d+) pages", pages)
            results[size]["pages"] = match.group(1) if match else "?"
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nmedians of {args.rounds} rounds, {os.cpu_count()} cores")
    print(f"{'N':>5} {'pages':>6} {'(a) speca-docs':>16} {'(b) pandoc+typst':>18} {'(c) typst floor':>16} {'a/b':>6} {'a/c':>6} {'peak MiB (a)':>13}")
    for size, r in results.items():
        a, b, c = r["a"][0], r["b"][0], r["c"][0]
        print(
            f"{size:>5} {r['pages']:>6} {a:>15.2f}s {b:>17.2f}s {c:>15.2f}s {a / b:>6.2f} {a / c:>6.2f} {r['a'][1]:>13.0f}"
        )
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        growth = results[last]["a"][0] / results[first]["a"][0]
        print(f"growth of (a) from N={first} to N={last}: {growth:.2f}x for {last / first:.0f}x the case studies")
        print(f"peak memory of (b) at N={last}: {results[last]['b'][1]:.0f} MiB, (c): {results[last]['c'][1]:.0f} MiB")


if __name__ == "__main__":
    main()
