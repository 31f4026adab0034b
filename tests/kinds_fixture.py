"""The fixture content with exam items of every kind: ``tests/fixtures/kinds``
laid over a copy of ``tests/fixtures/good``. The ``kinds`` quiz is added to
the chapter page, whose exam domain its questions take; the case study gets a
study page of its own, and each of its questions the domain of the chapter it
teaches from."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.content import load_content
from tests.conftest import FIXTURE_NAV, GOOD, REPO

KINDS = REPO / "tests" / "fixtures" / "kinds"
CASE_PAGE = "study/case-studies.md"
KINDS_NAV = [*FIXTURE_NAV, {"Study": [{"Case studies": CASE_PAGE}]}]


def make_kinds_fixture(target: Path) -> Path:
    shutil.copytree(GOOD, target)
    shutil.copytree(KINDS / "data", target / "data", dirs_exist_ok=True)
    chapter = target / "docs" / "part" / "chapter.md"
    chapter.write_text(chapter.read_text() + '\n{{ quiz("kinds") }}\n')
    page = target / "docs" / CASE_PAGE
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text('---\ndescription: Case studies.\n---\n\n# Case studies\n\n{{ quiz("case-studies") }}\n')
    return target


def load_kinds(root: Path):
    return load_content(root, root / "docs", nav=KINDS_NAV)
