"""The GitHub Actions workflows: valid against the workflow schema, and every command they run exists."""

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from kelurahan.cli import make_parser

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def load(path):
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    return {("on" if key is True else key): value
            for key, value in yaml.safe_load(path.read_text()).items()}


def steps(workflow):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_there_is_a_pull_request_a_preview_and_a_deploy_workflow():
    assert [p.name for p in WORKFLOWS] == ["periksa.yml", "pratinjau.yml", "terbit.yml"]
    assert set(load(ROOT / ".github/workflows/periksa.yml")["on"]) == {"pull_request"}
    assert load(ROOT / ".github/workflows/terbit.yml")["on"]["push"] == {"branches": ["main"]}


def test_the_deploy_runs_daily_just_after_midnight_wib_and_hourly_by_day():
    crons = [c["cron"] for c in load(ROOT / ".github/workflows/terbit.yml")["on"]["schedule"]]
    assert crons == ["7 17 * * *", "37 23,0-14 * * *"]  # 00.07 WIB; 06.37-21.37 WIB


def test_every_job_of_a_deploy_run_builds_with_the_same_clock():
    jobs = load(ROOT / ".github/workflows/terbit.yml")["jobs"]
    for name in ("check", "shard", "merge"):
        assert jobs[name]["env"]["KELURAHAN_TANGGAL"] == "${{ needs.clock.outputs.tanggal }}", name
        assert "clock" in jobs[name]["needs"], name


def test_the_deploy_publishes_only_when_the_dry_run_shows_a_difference():
    steps_ = {s.get("name"): s for _, s in steps(load(ROOT / ".github/workflows/terbit.yml"))}
    compare = steps_["Bandingkan dengan yang sudah terbit (uji coba)"]
    assert "publish --tanpa-bangun --remote \"$TUJUAN\" --dry-run" in compare["run"]
    assert "'^Halaman dan data (di luar indeks pencarian): 0 baru, 0 berubah, 0 dihapus$'" \
        in compare["run"]
    publish = steps_["Terbitkan ke cabang gh-pages (pratinjau/ tetap)"]
    assert publish["if"] == "steps.beda.outputs.berubah == 'ya'"


def test_previews_are_published_commented_and_removed_on_close():
    workflow = load(ROOT / ".github/workflows/pratinjau.yml")
    assert workflow["on"]["pull_request"]["types"] == ["opened", "synchronize", "reopened", "closed"]
    runs = "\n".join(step.get("run", "") for _, step in steps(workflow))
    assert 'publish --pratinjau "$PR"' in runs
    assert 'publish --hapus-pratinjau "$PR"' in runs
    assert "python -m kelurahan.tools.pratinjau" in runs and "gh pr comment" in runs
    assert workflow["jobs"]["hapus"]["if"].startswith("github.event.action == 'closed'")


def test_workflows_validate_against_the_github_workflow_schema():
    proc = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows",
                           *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "ok -- validation done"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_need_only_jobs_that_exist_and_actions_are_pinned(path):
    workflow = load(path)
    jobs = workflow["jobs"]
    for name, job in jobs.items():
        needs = job.get("needs", [])
        for need in [needs] if isinstance(needs, str) else needs:
            assert need in jobs, f"{name} needs {need}"
    for name, step in steps(workflow):
        if "uses" in step:
            action, _, version = step["uses"].partition("@")
            assert version.startswith("v") and version[1:].isdigit(), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_kelurahan_command_in_a_workflow_parses(path):
    parser = make_parser()
    commands = []
    for _, step in steps(load(path)):
        for line in step.get("run", "").splitlines():
            if "python -m kelurahan " in line:
                words = shlex.split(line.split("python -m kelurahan ", 1)[1].replace("${", "x{"))
                for stop in ("&&", "||", "|", ";"):  # the command ends at the shell's operator
                    words = words[:words.index(stop)] if stop in words else words
                commands.append(words)
                parser.parse_args(words)  # exits with status 2 on an unknown option
    assert commands


def test_deploy_builds_shards_merges_verifies_then_publishes_to_gh_pages():
    workflow = load(ROOT / ".github/workflows/terbit.yml")
    jobs = workflow["jobs"]
    assert [jobs[j]["needs"] for j in ("check", "shard", "merge")] == \
        ["clock", ["clock", "check"], ["clock", "shard"]]
    # The matrix is sized by the check job from the registry (kelurahan/city/shard.py).
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.check.outputs.matrix) }}"
    assert jobs["shard"]["env"]["SHARDS"] == "${{ needs.check.outputs.shards }}"
    assert any(s.get("run") == 'python -m kelurahan.city.shard >> "$GITHUB_OUTPUT"'
               for s in jobs["check"]["steps"])
    runs = [step.get("run", "") for _, step in steps(workflow)]
    assert any("build --publish --shard" in r for r in runs)
    assert any("merge --publish" in r for r in runs)
    assert any("verify --publish" in r for r in runs)
    uses = [step.get("uses", "") for _, step in steps(workflow)]
    assert "actions/cache@v4" in uses
    assert "actions/deploy-pages@v4" not in uses  # one Pages source: the gh-pages branch
    cache = next(step for _, step in steps(workflow) if step.get("uses") == "actions/cache@v4")
    assert "hashFiles('content/**'" in cache["with"]["key"]
    assert jobs["merge"]["permissions"] == {"contents": "write"}


def test_pull_requests_annotate_check_messages():
    workflow = load(ROOT / ".github/workflows/periksa.yml")
    runs = [step.get("run", "") for _, step in steps(workflow)]
    assert "python -m kelurahan check --format github" in runs
    assert "make test" in runs
