#!/usr/bin/python3
"""Check that every C++ file includes only what docs/architecture.md says its folder may include.

The rules are read from the table in the architecture document, so the picture and the code cannot drift
apart: the "may include" column of each folder's row names, in backticks, the folders (`model/`) or single
headers (`inputs/loaders/observations.hpp`) it may include; "everything" allows any. A folder always
includes itself. Includes of the standard library and third-party headers (angle brackets) are not checked.

Usage: check_include_rules.py SOURCE_DIR | --self-test SOURCE_DIR
Exit 0 when every include keeps the rules; 1 with one line per broken rule (file, line, include) otherwise.
"""

import re
import sys
from pathlib import Path

ROW = re.compile(r"^\|\s*`([a-z_]+)/`\s*\|(.*)\|(.*)\|\s*$")
ALLOWED = re.compile(r"`([a-z_/]+(?:/|\.hpp))`")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def read_rules(architecture_md):
    """Map folder -> (allowed folders, allowed headers), or None for "everything"."""
    rules = {}
    for line in architecture_md.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if not match:
            continue
        folder, may_include = match.group(1), match.group(3)
        if "everything" in may_include:
            rules[folder] = None
            continue
        allowed = ALLOWED.findall(may_include)
        folders = {a.rstrip("/") for a in allowed if a.endswith("/")}
        headers = {a for a in allowed if a.endswith(".hpp")}
        rules[folder] = (folders | {folder}, headers)
    return rules


def broken_includes(source_dir, rules):
    for folder, rule in sorted(rules.items()):
        if rule is None:  # "everything": cli/, tests/
            continue
        folders, headers = rule
        for path in sorted((source_dir / folder).rglob("*")):
            if path.suffix not in (".cpp", ".hpp"):
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, text in enumerate(lines, start=1):
                match = INCLUDE.match(text)
                if not match:
                    continue
                included = match.group(1)
                if "/" not in included:
                    continue  # a header beside the file, in its own folder
                top = included.split("/", 1)[0]
                if top in folders or included in headers:
                    continue
                yield f"{path.relative_to(source_dir)}:{number}: includes \"{included}\", which {folder}/ may not"


def self_test(source_dir):
    """The check must catch a planted break of each kind: a folder, and a header outside the allowed one."""
    import tempfile

    rules = read_rules(source_dir / "docs" / "architecture.md")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        (tree / "model").mkdir()
        (tree / "model" / "planted.hpp").write_text('#include "outputs/hdf5_writer.hpp"\n#include "model/a.hpp"\n')
        (tree / "calibration").mkdir()
        (tree / "calibration" / "planted.cpp").write_text(
            '#include "inputs/loaders/observations.hpp"\n#include "inputs/loaders/scenario.hpp"\n')
        broken = list(broken_includes(tree, rules))
    expected = ["model/planted.hpp:1:", "calibration/planted.cpp:2:"]
    found = sorted(line.split(" ", 1)[0] for line in broken)
    if found != sorted(expected):
        print(f"self-test: expected breaks {sorted(expected)}, found {found}", file=sys.stderr)
        return 1
    print("self-test: both planted breaks found, nothing else")
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--self-test":
        return self_test(Path(sys.argv[2]))
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    source_dir = Path(sys.argv[1])
    rules = read_rules(source_dir / "docs" / "architecture.md")
    expected = {"model", "derivation", "calibration", "forecast", "inputs", "assembly", "outputs", "cli"}
    missing = sorted(expected - rules.keys())
    if missing:
        print(f"docs/architecture.md: no include rule for {', '.join(m + '/' for m in missing)}", file=sys.stderr)
        return 1
    broken = list(broken_includes(source_dir, rules))
    for line in broken:
        print(line, file=sys.stderr)
    if broken:
        print(f"{len(broken)} includes break the rules of docs/architecture.md", file=sys.stderr)
        return 1
    print(f"include rules of docs/architecture.md kept by {len(rules)} folders")
    return 0


if __name__ == "__main__":
    sys.exit(main())
