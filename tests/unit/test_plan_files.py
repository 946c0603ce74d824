"""plan.yaml and the editors' files beside it: one merged plan, problems named in the file the editor edited."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from boras_plan.errors import PlanError
from boras_plan.loader import load_plan
from boras_plan.plan_files import (
    FOLLOW_UP_DIR,
    SITE_DIR,
    SITE_FILES,
    SITE_SECTIONS,
    plan_files,
    report_file,
    report_files,
    site_file,
    split_plan,
)
from tests.conftest import plan_data, write_plan



def _dump(path, data):
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _problems(target) -> list:
    with pytest.raises(PlanError) as caught:
        load_plan(target)
    assert "Traceback" not in caught.value.report()
    return caught.value.problems


def test_split_and_merge_give_back_the_same_plan(tmp_path, plan_file, plan):
    target = write_plan(plan_data(plan_file), tmp_path / "plan.yaml")
    assert load_plan(target) == plan
    adopted, reports, site = split_plan(plan_data(plan_file))
    assert not set(SITE_SECTIONS) & set(adopted)  # the site's sections are not in plan.yaml
    assert all("status" not in a and "log" not in a for r in adopted["recommendations"] for a in r["actions"])
    assert all(t.get("source") for t in adopted["glossary"])
    assert not any(t.get("source") for t in site.get("glossary", {}).get("glossary", []))
    assert list(reports) == [a.id for a in plan.actions if a.status or a.log]
    assert all(list(part) == [section] for section, part in site.items())  # one section per file


def test_write_plan_files_writes_one_file_per_report_and_per_section(tmp_path, plan_file, plan):
    data = plan_data(plan_file)
    action = data["recommendations"][0]["actions"][0]
    action["status"], action["log"] = "pågår", [{"date": plan.document.adopted_on, "text": "Start."}]
    target = write_plan(data, tmp_path / "plan.yaml")
    reported = {a.id for a in plan.actions if a.status or a.log} | {action["id"]}
    assert sorted(p.name for p in report_files(target)) == sorted(f"{i}.yaml" for i in reported)
    assert yaml.safe_load(report_file(target, action["id"]).read_text(encoding="utf-8"))["id"] == action["id"]
    written = {p.name for p in (tmp_path / SITE_DIR).iterdir()}
    site_terms = [t for t in data.get("glossary") or [] if not t.get("source")]  # the site's own terms have a file of their own
    assert written == {SITE_FILES[k][0] for k in SITE_FILES if (k in data and k != "glossary") or (k == "glossary" and site_terms)}
    assert plan_files(target)[0] == str(target) and len(plan_files(target)) == 1 + len(reported) + len(written)
    assert load_plan(target).actions[0].status == "pågår"


def test_report_files_come_in_action_order(tmp_path):
    for name in ("1.10.yaml", "1.2.yaml", "10.1.yaml", "2.1.yaml", ".gitkeep"):
        (tmp_path / FOLLOW_UP_DIR).mkdir(exist_ok=True)
        (tmp_path / FOLLOW_UP_DIR / name).write_text("", encoding="utf-8")
    assert [p.stem for p in report_files(tmp_path / "plan.yaml")] == ["1.2", "1.10", "2.1", "10.1"]


def _with_report(tmp_path, name, report, plan_file):
    target = write_plan(plan_data(plan_file), tmp_path / "plan.yaml")
    _dump(tmp_path / FOLLOW_UP_DIR / name, report)
    return target


def test_a_report_merges_by_id_into_its_action(tmp_path, plan, plan_file):
    action = plan.actions[-1]
    report = {"id": action.id, "status": "pågår", "log": [{"date": plan.document.adopted_on, "text": "Arbetet har börjat."}]}
    plan = load_plan(_with_report(tmp_path, f"{action.id}.yaml", report, plan_file))
    merged = next(a for a in plan.actions if a.id == action.id)
    assert merged.status == "pågår" and merged.log[0].text == "Arbetet har börjat."
    assert merged.what == action.what


@pytest.mark.parametrize(
    "name, report, field, words",
    [
        ("1.1.yaml", {"id": "1.2", "status": "klar"}, "id", 'samma som filnamnet, "1.1"'),
        ("999.999.yaml", {"id": "999.999"}, "id", "ingen åtgärd med id"),
        ("1.1.yaml", {"status": "klar"}, "", 'fältet "id" saknas'),
        ("1.1.yaml", {"id": "1.1", "what": "Ny text."}, "what", "okänt fält"),
        ("1.1-1.yaml", {"id": "1.1", "status": "klar"}, "", "en andra rapport för åtgärd 1.1"),
        ("rapport.yaml", {"id": "1.1"}, "", "inte ett åtgärds-id"),
        ("1.1.yml", {"id": "1.1"}, "", "en fil per åtgärd"),
    ],
)
def test_a_report_that_cannot_be_merged_is_named_in_its_file(tmp_path, name, report, field, words, plan_file):
    (problem,) = _problems(_with_report(tmp_path, name, report, plan_file))
    assert problem.file == str(tmp_path / FOLLOW_UP_DIR / name) and problem.field == field
    assert words in problem.message


def test_a_model_error_in_a_report_names_its_file_line_and_field(tmp_path, plan, plan_file):
    action_id = plan.actions[0].id
    report = {"id": action_id, "status": "kanske", "log": [{"date": "2016-02-30", "text": "Start."}]}
    shown = {(p.file, p.field, p.line) for p in _problems(_with_report(tmp_path, f"{action_id}.yaml", report, plan_file))}
    file = str(tmp_path / FOLLOW_UP_DIR / f"{action_id}.yaml")
    assert (file, "status", 2) in shown
    assert (file, "log[1].date", 4) in shown


def test_a_report_in_plan_yaml_is_refused_with_the_file_where_it_belongs(tmp_path, plan_file):
    data = plan_data(plan_file)
    target = write_plan(data, tmp_path / "plan.yaml")
    text = target.read_text(encoding="utf-8")
    action = data["recommendations"][0]["actions"][0]
    line = f"follow_up: {action['follow_up']}\n"
    indent = text.split(line)[0].rsplit("\n", 1)[1]
    target.write_text(text.replace(line, line + f"{indent}status: pågår\n", 1), encoding="utf-8")
    (problem,) = _problems(target)
    assert problem.file == str(target) and problem.field == "recommendations[1].actions[1].status"
    assert target.read_text(encoding="utf-8").splitlines()[problem.line - 1].strip() == "status: pågår"
    assert f"{tmp_path / FOLLOW_UP_DIR / action['id']}.yaml" in problem.message and f"Uppföljning → {action['id']}" in problem.message


@pytest.mark.parametrize("section", SITE_SECTIONS)
def test_a_site_section_in_plan_yaml_is_refused_with_its_own_file(tmp_path, section, plan_file, committed_plan_file):
    data = plan_data(plan_file)
    data.setdefault("feedback", {"email": "kommunstyrelsen@boras.se"})
    if not data.get(section):  # a plan whose editors emptied the section: the committed plan's, to misplace
        data[section] = plan_data(committed_plan_file)[section]
    target = write_plan(data, tmp_path / "plan.yaml")
    plan = yaml.safe_load(target.read_text(encoding="utf-8"))
    plan[section] = data[section]
    site_file(target, section).unlink()
    _dump(target, plan)
    (problem,) = _problems(target)
    assert problem.file == str(target) and problem.field == section
    assert str(site_file(target, section)) in problem.message and "Webbplatsens texter → " in problem.message


def test_a_site_term_in_plan_yaml_and_a_plan_term_in_the_site_file_are_refused(tmp_path, plan_file):
    data = plan_data(plan_file)
    data["glossary"] = (data.get("glossary") or []) + [  # one of each, whatever the plan holds
        {"term": "Provbegrepp ur planen", "definition": "Ett begrepp som planen förklarar.", "source": "Fotnot 1"},
        {"term": "Provbegrepp för webbplatsen", "definition": "Ett begrepp som webbplatsen förklarar."},
    ]
    target = write_plan(data, tmp_path / "plan.yaml")
    plan = yaml.safe_load(target.read_text(encoding="utf-8"))
    site = yaml.safe_load(site_file(target, "glossary").read_text(encoding="utf-8"))
    plan["glossary"].append(site["glossary"].pop())
    site["glossary"].append(plan["glossary"][0] | {"term": "Ett eget begrepp"})
    _dump(target, plan)
    _dump(site_file(target, "glossary"), site)
    problems = _problems(target)
    assert {(p.file, p.field) for p in problems} == {
        (str(target), f"glossary[{len(plan['glossary'])}]"),
        (str(site_file(target, "glossary")), f"glossary[{len(site['glossary'])}].source"),
    }


def test_a_site_file_holds_only_its_own_section(tmp_path, plan_file):
    target = write_plan(plan_data(plan_file), tmp_path / "plan.yaml")
    contact = yaml.safe_load(site_file(target, "contact").read_text(encoding="utf-8"))
    contact["help"] = []
    _dump(site_file(target, "contact"), contact)
    (problem,) = _problems(target)
    assert problem.file == str(site_file(target, "contact")) and problem.field == "help"
    assert str(site_file(target, "help")) in problem.message


def test_the_committed_editors_files_hold_no_comments(committed_plan_file):
    """The CMS rewrites them whole and would drop a comment: hints live in the schema and the form."""
    for path in plan_files(committed_plan_file)[1:]:
        assert not any(line.lstrip().startswith("#") for line in open(path, encoding="utf-8").read().splitlines())


# Decap 3.16.3 writes a file as yaml 1.10 does (decap-cms-core/src/formats/yaml.ts: createNode, Document.toString).
_DECAP_YAML = """
const yaml = require(process.argv[1]);
const fs = require('fs');
for (const file of process.argv.slice(2)) {
  const doc = new yaml.Document();
  doc.contents = yaml.createNode(yaml.parse(fs.readFileSync(file, 'utf8')));
  process.stdout.write(JSON.stringify([file, doc.toString()]) + '\\n');
}
"""


def test_the_committed_editors_files_are_written_as_the_form_writes_them(committed_plan_file):
    """Read and written again by Decap's own YAML library, each file is unchanged: a form save of one
    field then changes only that field's lines (long texts fold at 80 columns, per field)."""
    import json
    import shutil
    import subprocess

    library = committed_plan_file.parent.parent / "cms" / "node_modules" / "yaml"
    if not shutil.which("node") or not library.is_dir():
        pytest.fail("node och cms/node_modules/yaml saknas: kör ./scripts/setup test")
    files = plan_files(committed_plan_file)[1:]
    result = subprocess.run(["node", "-e", _DECAP_YAML, str(library), *files], capture_output=True, text=True, timeout=60, check=True)
    rewritten = dict(json.loads(line) for line in result.stdout.splitlines())
    assert len(rewritten) == len(files) >= len(SITE_FILES) - 1
    for file in files:
        assert rewritten[file] == open(file, encoding="utf-8").read(), file


def test_unset_optional_groups_are_valid_and_a_licence_given_in_part_is_refused(tmp_path, plan_file):
    data = plan_data(plan_file)
    data.pop("feedback", None)
    data["open_data"] = {k: v for k, v in data["open_data"].items() if k not in ("licence", "organisation_number")}  # absent, as null
    assert load_plan(write_plan(data, tmp_path / "plan.yaml")).open_data.licence is None
    data["open_data"]["licence"] = {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"}
    (tmp_path / "del").mkdir()
    problems = _problems(write_plan(data, tmp_path / "del" / "plan.yaml"))
    assert {(p.file, p.field) for p in problems} == {
        (str(site_file(tmp_path / "del" / "plan.yaml", "open_data")), f"open_data.licence.{name}") for name in ("decided_by", "decided_on")
    }
    assert all(p.form.startswith("Webbplatsens texter → Öppna data → Licensen") for p in problems)


def test_the_committed_editors_files_have_their_fields_in_the_forms_order(committed_plan_file):
    """Decap writes a group's fields in the form's order (the model's): in another order, the first save would move lines."""
    from boras_plan.model import Report, SiteTexts
    from boras_plan.plan_files import form_order
    from boras_plan.yaml_source import read_source

    for path in plan_files(committed_plan_file)[1:]:
        data = read_source(Path(path))[0].data
        model = Report if Path(path).parent.name == FOLLOW_UP_DIR else SiteTexts
        assert repr(form_order(data, model)) == repr(data), path
