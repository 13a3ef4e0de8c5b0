#!/usr/bin/env python3
"""Line coverage of the assemblies that hold the pipeline's logic, from the Cobertura files coverlet wrote.

A line counts as covered when any test project covered it (the projects' reports are merged line by line,
by absolute path: each report names files relative to its own source root). Code the compiler generated
(the Regex source generator's *.g.cs under obj/) is not the project's logic and is left out.
Prints one line per assembly and exits 1 when one is below the threshold.
Usage: check.py RESULTS_DIR THRESHOLD ASSEMBLY [ASSEMBLY ...]
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    results, threshold, assemblies = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    lines = {name: {} for name in assemblies}  # assembly -> {(file, line): covered}
    reports = glob.glob(os.path.join(results, "**", "coverage.cobertura.xml"), recursive=True)
    if not reports:
        print("coverage: no Cobertura report was written", file=sys.stderr)
        return 1
    for report in reports:
        root = ET.parse(report).getroot()
        sources = [s.text or "" for s in root.iter("source")] or [""]
        for package in root.iter("package"):
            name = package.get("name")
            if name not in lines:
                continue
            for cls in package.iter("class"):
                filename = os.path.normpath(os.path.join(sources[0], cls.get("filename")))
                if filename.endswith(".g.cs") or f"{os.sep}obj{os.sep}" in filename:
                    continue
                for line in cls.iter("line"):
                    key = (filename, int(line.get("number")))
                    lines[name][key] = lines[name].get(key, False) or int(line.get("hits", "0")) > 0
    failed = False
    for name in assemblies:
        total = len(lines[name])
        covered = sum(1 for hit in lines[name].values() if hit)
        if total == 0:
            print(f"coverage: {name}: no lines measured", file=sys.stderr)
            failed = True
            continue
        percent = 100.0 * covered / total
        below = percent < threshold
        failed |= below
        print(f"coverage: {name} {percent:.1f}% of lines ({covered}/{total}){' — below ' + str(threshold) + '%' if below else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
