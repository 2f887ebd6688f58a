#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/<target>/ from the demo
content and the test fixtures. Run from the repository root; it only adds
or replaces files named seed-*, so inputs added by hand (crash-* regressions
found by fuzzing) stay. The output is committed; run it again only when the
demo content or fixtures change a format."""
import os, pathlib, sqlite3, shutil, tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/fuzz/corpus"
FIX = ROOT / "tests/fixtures"
DEMO = ROOT / "content/demo"


def put(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / ("seed-" + name)).write_bytes(data)


def small_texts(pattern, limit=6000):
    for p in sorted(list(FIX.glob(pattern)) + list(DEMO.glob(pattern))):
        b = p.read_bytes()
        if len(b) <= limit:
            yield p, b


def main():
    # minisign files
    for p in sorted(FIX.glob("*.minisig")):
        put("minisig", p.name, p.read_bytes())
        lines = p.read_bytes().split(b"\n")
        put("minisig", p.name + ".crlf", b"\r\n".join(lines))
        put("minisig", p.name + ".legacy", p.read_bytes().replace(b"\nRUR", b"\nRWR", 1))
    for p in sorted(list(FIX.glob("*.pub")) + list(DEMO.glob("*.pub"))):
        put("public_key", p.name, p.read_bytes())
        put("public_key", p.name + ".bare", p.read_bytes().split(b"\n")[1])
    for p in sorted(list(FIX.glob("*.key")) + list(DEMO.glob("*.key"))):
        put("secret_key", p.name, p.read_bytes())
    # CSV, front matter, markdown, JSON
    for p, b in small_texts("**/*.csv"):
        put("csv", p.parent.name + "-" + p.name, b)
    for p, b in small_texts("**/*.md", 4000):
        put("front_matter", p.parent.name + "-" + p.name, b)
        body = b.split(b"\n---\n", 1)[-1]
        put("markdown", p.parent.name + "-" + p.name, body)
        put("privacy", p.parent.name + "-" + p.name, body[:2000])
    for p, b in small_texts("**/bundle.json"):
        put("json", p.parent.name + "-bundle.json", b)
    put("json", "list", '["one","two \\u00e9","three\\n"]')
    # privacy patterns (made-up numbers that pass or fail the check digits)
    put("privacy", "patterns", "NHS 943 476 5919, UPN A123456789012, OX1 1AA, born on 3 May, DOB 01/02/2010, Jane Smith 04/05/2011.")
    # search queries: first line typed, the rest a body
    for i, q in enumerate(['child protection', '"looked after" chi', 'ofsted AND NOT', 'care-leavers* ^x NEAR(a b)', 'caf\u00e9 ', 'x"']):
        put("search_query", str(i), q + "\nChildren looked after: the child protection plan and care leavers caf\u00e9 review.")
    # disclosure: a few byte strings (the target reads them as a table)
    for i in range(4):
        put("disclosure", str(i), bytes((j * (i + 3) * 37) % 256 for j in range(120)))
    # a whole source folder in the "@@ path" format
    src = FIX / "good_src"
    parts = [(src / "bundle.json").read_bytes()]
    for p in sorted(src.rglob("*")):
        if p.is_file() and p.name != "bundle.json":
            parts.append(b"@@ " + str(p.relative_to(src)).encode() + b"\n" + p.read_bytes())
    put("source_folder", "good_src", b"\n".join(parts))
    # bundles: the fixture re-packed with 512-byte pages
    with tempfile.TemporaryDirectory() as t:
        dst = pathlib.Path(t) / "b.kbundle"
        shutil.copy(FIX / "good.kbundle", dst)
        db = sqlite3.connect(dst)
        db.execute("PRAGMA page_size=512")
        db.execute("VACUUM")
        db.close()
        put("bundle_file", "good-512", dst.read_bytes())
    # SQL scripts over the template bundle
    sql = {
        "nothing": "",
        "expired": "UPDATE manifest SET value='2026-01-02T00:00:00Z' WHERE key='expires';",
        "threshold": "UPDATE manifest SET value=3 WHERE key='disclosure_threshold';",
        "overrides": "UPDATE manifest SET value='[{\"pattern\":\"postcode\",\"field\":\"x\",\"reason\":\"y\"}]' WHERE key='lint_overrides';",
        "value": "INSERT INTO indicator_values VALUES ('cla','north','2024',3,NULL,'DOB 01/02/2010');",
        "drop": "DROP TABLE trackers;",
        "extra": "CREATE TABLE extra(x);",
        "version": "UPDATE manifest SET value='9.99999999999999999999.1' WHERE key='min_kiosk_version';",
        "long": "UPDATE localities SET name=printf('%.400c','x') WHERE id='north';",
        "slides": "UPDATE questions SET options='[1,2,{}]', answer=7;",
    }
    for k, v in sql.items():
        put("bundle_sql", k, v)


if __name__ == "__main__":
    main()
