"""Build only the pages that exist so far, and list every problem.

While chapters are being written, the full strict build fails on pages that do
not exist yet. This builds the existing pages with the real theme, macros and
data, non-strict, and prints every warning and error:

    python scripts/preview.py            # -> site at /tmp/dp100-preview
    python scripts/preview.py --out DIR

It writes a throwaway config beside mkdocs.yml (relative paths must resolve
the same way) and deletes it afterwards.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def existing_nav(nav, docs: Path):
    kept = []
    for item in nav:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            value = existing_nav(value, docs)
            if value:
                kept.append({title: value})
        elif (docs / value).exists():
            kept.append({title: value} if title else value)
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/dp100-preview")
    args = parser.parse_args()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    nav = existing_nav(config["nav"], ROOT / "docs")
    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix=".preview-", dir=ROOT, delete=False) as handle:
        yaml.safe_dump({"INHERIT": "mkdocs.yml", "strict": False, "nav": nav}, handle)
    try:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", handle.name, "-d", args.out],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
    finally:
        os.unlink(handle.name)
    problems = [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("INFO")]
    print("\n".join(problems) or "no warnings")
    print(f"site: {args.out} (exit {result.returncode})")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
