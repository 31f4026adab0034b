"""benchmarks/RESULTS.md holds the latest figures of more than one script
(run.py, scripts/mutate.py): each rewrites its own ``## `` sections and keeps
the others."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def _split(text: str) -> tuple[str, dict[str, str]]:
    """The text before the first ``## `` heading, and each section by its heading."""
    intro, *sections = re.split(r"^(?=## )", text, flags=re.M)
    return intro, {section.splitlines()[0]: section for section in sections}


def write_sections(text: str) -> None:
    """Put the sections of ``text`` into RESULTS.md, replacing those with the same
    heading and keeping the rest; an introduction in ``text`` replaces the file's."""
    old_intro, sections = _split(RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "")
    intro, new = _split(text)
    sections.update(new)
    parts = [intro or old_intro, *(section.rstrip("\n") + "\n\n" for section in sections.values())]
    RESULTS.write_text("".join(parts).rstrip("\n") + "\n", encoding="utf-8")
