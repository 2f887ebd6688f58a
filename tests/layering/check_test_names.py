#!/usr/bin/env python3
"""Fails when a doctest TEST_CASE name holds ',' or ';'.

doctest_discover_tests runs each case with -tc=NAME, and doctest splits that
filter at commas and semicolons, so such a case runs nothing under CTest and
still reports as passing. Usage: check_test_names.py ROOT
"""
import pathlib
import re
import sys

bad = []
for path in sorted(pathlib.Path(sys.argv[1], "tests").rglob("*.cpp")):
    for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        for name in re.findall(r'TEST_CASE\("([^"]*)"\)', line):
            if "," in name or ";" in name:
                bad.append(f"{path}:{n}: {name}")
for b in bad:
    print("test name with a list separator (it would run nothing under CTest):", b)
print(f"test names: {len(bad)} problem(s)")
sys.exit(1 if bad else 0)
