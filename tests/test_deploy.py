"""The publishing workflow publishes only what passed the tests."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "docs.yml"


def test_the_site_is_deployed_only_after_the_tests_pass():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    runs = [step.get("run", "") for step in jobs["build"]["steps"]]
    uses = [step.get("uses", "") for step in jobs["build"]["steps"]]
    tests = next(i for i, run in enumerate(runs) if run.strip() == "python -m pytest")
    build = next(i for i, run in enumerate(runs) if run.strip().startswith("mkdocs build"))
    upload = next(i for i, use in enumerate(uses) if use.startswith("actions/upload-pages"))
    assert tests < build < upload
    assert 'pip install -e ".[test]" -c constraints.txt' in runs[tests - 1]
    test_step = jobs["build"]["steps"][tests]
    assert test_step["env"]["CI"] == "true"  # the browser tests may not skip
    assert jobs["deploy"]["needs"] == "build"
