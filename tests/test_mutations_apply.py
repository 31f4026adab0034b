"""The mutation list (scripts/mutate.py) keeps up with the code: a refactor that
moves a snippet must move its mutation too, or the score would count bugs that
can no longer be made."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO


def _mutations():
    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location("mutate", REPO / "scripts" / "mutate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutate"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module.MUTATIONS


MUTATIONS = _mutations()


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_each_mutation_still_applies(mutation):
    text = (REPO / mutation.file).read_text(encoding="utf-8")
    assert mutation.apply(text) != text
