#!/usr/bin/env python3
"""Fails when code includes a header from a layer it may not use.

The layers run one way: platform -> kiosk -> content, and inside content:
core <- trust, rules <- read <- device, publish. CMake keeps most of this by
include paths; this check keeps the rest (internal headers, system headers
views must not touch) and names the file and line of every breach.

Usage: check_layers.py ROOT            check the tree at ROOT
       check_layers.py --self-test ROOT plant breaches in a copy; they must be found
"""
import pathlib
import re
import shutil
import sys
import tempfile

CONTENT_LAYERS = {
    "core": {"core"},
    "trust": {"core", "trust"},
    "rules": {"core", "rules"},
    "read": {"core", "trust", "rules", "read"},
    "device": {"core", "trust", "rules", "read", "device"},
    "publish": {"core", "trust", "rules", "read", "publish"},
    "tools": {"core", "trust", "rules", "read", "publish"},  # kiosk-bundle: the publisher's CLI
}
# kiosk/ (views) may use the read model and what it is made of, never the
# device or publisher layers, never internal headers.
KIOSK_CONTENT = {"core", "rules", "read"}
PLATFORM_CONTENT = {"core", "trust", "rules", "read", "device"}
# System headers the views must never include: SQLite, GL, GLFW, files.
KIOSK_FORBIDDEN = re.compile(r"^(sqlite3\.h|GL/.*|GLES.*|GLFW/.*|filesystem|fstream|unistd\.h|fcntl\.h|sys/.*)$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def header_map(root):
    """content header name -> (layer, is_internal)"""
    out = {}
    for layer in CONTENT_LAYERS:
        for kind in ("include", "internal"):
            d = root / "content" / layer / kind / "content"
            if d.is_dir():
                for h in d.glob("*.hpp"):
                    out["content/" + h.name] = (layer, kind == "internal")
    return out


def owner(root, path):
    rel = path.relative_to(root).parts
    if rel[0] == "content" and len(rel) > 1 and rel[1] in CONTENT_LAYERS:
        return "content", rel[1]
    if rel[0] in ("kiosk", "platform"):
        return rel[0], None
    return None, None


def check(root):
    root = pathlib.Path(root).resolve()
    headers = header_map(root)
    problems = []
    files = [p for top in ("content", "kiosk", "platform") for p in (root / top).rglob("*") if p.suffix in (".hpp", ".cpp", ".h")]
    for path in sorted(files):
        top, layer = owner(root, path)
        if top is None:
            continue
        for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            name = m.group(2)
            where = f"{path.relative_to(root)}:{n}"
            target = headers.get(name)
            if top == "content":
                if target and target[0] not in CONTENT_LAYERS[layer]:
                    problems.append(f"{where}: content/{layer} may not include {name} (layer {target[0]})")
            elif top == "kiosk":
                if target and (target[0] not in KIOSK_CONTENT or target[1]):
                    problems.append(f"{where}: kiosk/ may not include {name} (content/{target[0]}{', internal' if target[1] else ''})")
                if name.startswith("content/") and not target:
                    problems.append(f"{where}: kiosk/ includes {name}, which is not a public content header")
                if m.group(1) == "<" and KIOSK_FORBIDDEN.match(name):
                    problems.append(f"{where}: kiosk/ may not include <{name}> (views never touch SQLite, GL, GLFW or files)")
                if name.startswith("platform/") or (m.group(1) == '"' and not name.startswith(("kiosk/", "content/"))):
                    problems.append(f"{where}: kiosk/ may not include {name} (platform sits above the views)")
            elif top == "platform":
                if target and (target[0] not in PLATFORM_CONTENT or target[1]):
                    problems.append(f"{where}: platform/ may not include {name} (content/{target[0]}{', internal' if target[1] else ''})")
    return problems


def self_test(root):
    root = pathlib.Path(root).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        copy = pathlib.Path(tmp)
        for top in ("content", "kiosk", "platform"):
            shutil.copytree(root / top, copy / top, ignore=shutil.ignore_patterns("*.png", "*.kbundle*", "demo"))
        if check(copy):
            print("self-test: the unplanted copy already has breaches")
            return 1
        plants = [
            ("content/read/src/catalog.cpp", '#include "content/importer.hpp"'),
            ("content/core/src/error.cpp", '#include "content/minisign.hpp"'),
            ("kiosk/src/home_view.cpp", "#include <GLFW/glfw3.h>"),
            ("kiosk/src/home_view.cpp", '#include "content/sqlite.hpp"'),
            ("kiosk/src/home_view.cpp", "#include <filesystem>"),
            ("platform/src/cli.cpp", '#include "content/lint.hpp"'),
        ]
        for rel, line in plants:
            p = copy / rel
            p.write_text(line + "\n" + p.read_text())
        found = check(copy)
        missed = [f"{rel}: {line}" for rel, line in plants if not any(rel in f and line.split()[-1].strip('<>"') in f for f in found)]
        for f in found:
            print("planted and found:", f)
        if missed:
            print("self-test: planted breaches were NOT found:", *missed, sep="\n  ")
            return 1
        print(f"self-test: all {len(plants)} planted breaches found")
        return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--self-test":
        return self_test(argv[2])
    if len(argv) != 2:
        print(__doc__)
        return 2
    problems = check(argv[1])
    for p in problems:
        print(p)
    print(f"layering: {len(problems)} breach(es)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
