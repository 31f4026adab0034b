"""Runs the study tools' JavaScript unit tests (tests/js/) with Node's test runner."""

import os
import shutil
import subprocess

import pytest

from tests.conftest import REPO


def test_study_logic_in_node():
    node = shutil.which("node")
    if not node:
        if os.environ.get("CI"):
            pytest.fail("CI needs Node.js for tests/js")
        pytest.skip("Node.js is not installed")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
