"""Every code block in docs/ is found and checked (pytest-examples style)."""

from __future__ import annotations

import ast

import pytest
import yaml

from tests.conftest import REPO
from tests.sdk_samples import analyse, code_items, code_samples, load_yaml_sample, offline_ml_client, sdk_schema

# The docs' code blocks, and the quizzes' code items with every gap filled by its right option.
SAMPLES = code_samples(REPO / "docs") + code_items(REPO)
PYTHON = [s for s in SAMPLES if s.language in {"python", "py"}]
YAML = [s for s in SAMPLES if s.language in {"yaml", "yml"}]
SDK_YAML = [s for s in YAML if sdk_schema(s)]


@pytest.fixture(scope="module")
def ml_client():
    return offline_ml_client()


def test_every_block_names_its_language():
    unnamed = [s.id for s in SAMPLES if not s.language]
    assert not unnamed, f"code blocks without a language: {unnamed}"


@pytest.mark.parametrize("sample", PYTHON, ids=lambda s: s.id)
def test_python_sample_parses(sample):
    ast.parse(sample.code, filename=sample.id)


@pytest.mark.parametrize("sample", YAML, ids=lambda s: s.id)
def test_yaml_sample_parses(sample):
    list(yaml.safe_load_all(sample.code))


@pytest.mark.parametrize("sample", SDK_YAML, ids=lambda s: s.id)
def test_yaml_sample_loads_with_the_sdk(sample, tmp_path):
    """A sample that names an Azure ML schema is what `az ml ... --file` would accept."""
    page = [s for s in SAMPLES if s.page in (sample.page, sample.context)]
    assert load_yaml_sample(sample, page, tmp_path) is not None


def test_quiz_code_items_are_checked_with_their_gaps_filled():
    """Each code item is checked as a sample with its right options in place:
    a wrong option marked right, or a gap left open, fails like a wrong sample."""
    items = [s for s in SAMPLES if "#" in s.page]
    assert items and all("[[" not in s.code for s in items)
    assert {s.language for s in items} >= {"python", "yaml"}


def test_yaml_loader_rejects_what_the_cli_would(tmp_path):
    good = SDK_YAML[0]
    wrong = good.__class__(good.page, good.line, "yaml", """
$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
name: cpu-cluster
type: amlcompute
size: STANDARD_DS3_v2
min_instance: 0
""")
    with pytest.raises(Exception, match="min_instance"):
        load_yaml_sample(wrong, [wrong], tmp_path)
    unmapped = good.__class__(good.page, good.line, "yaml", "$schema: https://azuremlschemas.azureedge.net/latest/madeUp.schema.json\n")
    with pytest.raises(LookupError, match="madeUp"):
        load_yaml_sample(unmapped, [unmapped], tmp_path)


@pytest.mark.parametrize("sample", PYTHON, ids=lambda s: s.id)
def test_python_sample_matches_real_packages(sample, ml_client):
    result = analyse(sample.code, ml_client)
    assert not result.problems, f"{sample.id}:\n" + "\n".join(result.problems)


def test_samples_build_real_entities(ml_client):
    """The check is not vacuous: entities really are built from sample arguments."""
    built = [name for sample in PYTHON for name in analyse(sample.code, ml_client).constructed]
    if not PYTHON:
        pytest.skip("no Python samples yet")
    assert built, "no sample constructed any azure.ai.ml or mlflow object"


def test_checker_catches_wrong_names_and_arguments(ml_client):
    bad = """
from azure.ai.ml.entities import AccountKeyCredentials
from azure.ai.ml.entities import AmlCompute
import mlflow
AmlCompute(name="c", sizes="STANDARD_DS3_v2")
mlflow.log_metrc("acc", 1)
ml_client.jobs.create_or_updat(None)
"""
    problems = "\n".join(analyse(bad, ml_client).problems)
    assert "no name 'AccountKeyCredentials'" in problems
    assert "has no parameter 'sizes'" in problems
    assert "no attribute 'log_metrc'" in problems
    assert "no attribute 'create_or_updat'" in problems
