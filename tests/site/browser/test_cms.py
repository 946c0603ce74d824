"""The editors' form at /admin/ (Decap CMS): the editor's tasks in real Chromium, at a desk and on a phone.

One site is built per module with the form pointed at decap-server on a free port (as
scripts/form does). decap-server runs in git mode on a scratch git repository holding only the
plan's data, bound to 127.0.0.1: it commits with `git add .` and checks its branches out in
that working tree, so it never sees this repository. Every task ends in a real commit, and the
test reads the commit: which files, how many lines, what message.

Actions, sections and values come from the loaded model and data, never from literals.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from boras_plan import deployment, plan_files
from boras_plan.cms_config import CONFIG_NAME, LOCAL_PORT_ENV, cms_config, config_text, local_backend
from boras_plan.loader import load_plan
from boras_plan.routes import ADMIN_DIR
from pagecheck import axe_check, screenshot_folder, task_screenshot
from tests.conftest import ROOT, build_site, serve
from tests.helpers import VIEWPORTS

DEPLOYMENT = deployment.read(ROOT / "mkdocs.yml")  # the repository and sign-in service the form uses

# The form's tasks work on the repository's own data/ (fixture committed_plan_file), as the form does in
# use; what a build of the plan under test puts in the form (its config, Decap) is checked per plan.

DECAP_SERVER = ROOT / "cms" / "node_modules" / "decap-server" / "dist" / "index.js"
GIT = ["git", "-c", "user.name=Testare", "-c", "user.email=test@example.invalid"]
# English and blog words an editor must not meet (Decap's own words, as it ships).
NOT_SWEDISH = re.compile(r"\b(Oops|Save|Saved|Publish|Published|Draft|Ready|Review|Entries|Entry|Delete|Loading|Changes|Collections|Workflow|New)\b|nlägg")
# Words of the file format, not of the form (labels and hints).
FILE_WORDS = re.compile(r"\bnull\b|\[\]|\btrue:|\bURI\b|citattecken|\blog\b|\bslug\b", re.IGNORECASE)

# The committed plan and its form, set by the fixture below (nothing reads a plan at import time).
PLAN = PLAN_FILE = REPORT_FORM = SITE_TEXTS_FORM = None
LABEL: dict = {}  # the form's labels, as the config names them (the model's descriptions decide them)
NOTE_LABEL: dict = {}
UNREPORTED: list = []  # the plan under test decides


@pytest.fixture(scope="module", autouse=True)
def _the_plans_form(committed_plan, committed_plan_file):
    global PLAN, PLAN_FILE, REPORT_FORM, SITE_TEXTS_FORM, LABEL, NOTE_LABEL, UNREPORTED
    PLAN, PLAN_FILE = committed_plan, committed_plan_file
    collections = cms_config(PLAN, DEPLOYMENT)["collections"]
    REPORT_FORM = next(c for c in collections if c.get("folder"))  # one file per report
    SITE_TEXTS_FORM = next(c for c in collections if c.get("files"))  # one page per section of the site's texts
    LABEL = {f["name"]: f["label"] for f in REPORT_FORM["fields"]}
    NOTE_LABEL = {f["name"]: f["label"] for f in next(f for f in REPORT_FORM["fields"] if f["name"] == "log")["fields"]}
    UNREPORTED = [a for a in PLAN.actions if not a.status and not a.log]
# Per viewport: an action to report on, one that already has a report (seeded), one to try bad input on.
ROLES = {"desktop": (0, 2, 4), "phone": (1, 3, 5)}


def _action(viewport: str, role: int):
    index = ROLES[viewport][role]
    if len(UNREPORTED) <= max(max(r) for r in ROLES.values()):
        pytest.skip("planen har för få åtgärder utan rapport för formulärets uppgifter")
    return UNREPORTED[index]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(GIT + list(args), cwd=repo, capture_output=True, text=True, check=True).stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cms_port() -> int:
    return _free_port()


@pytest.fixture(scope="module")
def form_url(cms_port, tmp_path_factory):
    """The site built with the form pointed at decap-server's port, served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("form-site") / "site"
    built = build_site(out, extra_env={LOCAL_PORT_ENV: str(cms_port)})
    assert built.returncode == 0, built.stderr
    server = serve(out)
    yield f"http://127.0.0.1:{server.server_address[1]}/{ADMIN_DIR}/"
    server.shutdown()


def _report_text(action_id: str, date: str) -> str:
    """A report as the form writes it (Decap's YAML style)."""
    return f'id: "{action_id}"\nstatus: pågår\nlog:\n  - date: {date}\n    text: Arbetet har börjat.\n'


@pytest.fixture(scope="module")
def repo(tmp_path_factory, committed_plan_file) -> Path:
    """main holds the plan's data, and one report per viewport for the 'existing report' tasks."""
    repo = tmp_path_factory.mktemp("form-repo")
    shutil.copytree(committed_plan_file.parent, repo / "data", ignore=shutil.ignore_patterns("*.schema.json"))
    reports = repo / "data" / plan_files.FOLLOW_UP_DIR
    reports.mkdir(exist_ok=True)
    for viewport in VIEWPORTS:
        action = _action(viewport, 1)
        (reports / f"{action.id}.yaml").write_text(_report_text(action.id, "2026-01-15"), encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Planen")
    return repo


@pytest.fixture(scope="module")
def decap_server(repo, cms_port):
    if not DECAP_SERVER.exists():
        pytest.fail("decap-server saknas: kör ./scripts/setup.")
    env = dict(os.environ, GIT_REPO_DIRECTORY=str(repo), MODE="git", PORT=str(cms_port), BIND_HOST="127.0.0.1", LOG_LEVEL="warn")
    process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", cms_port), timeout=0.5).close()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                assert time.monotonic() < deadline, "decap-server startade inte"
                time.sleep(0.2)
        yield repo
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- What every screen of a task must be -------------------------------------------------------


def _in_reach(page, *buttons: str) -> None:
    """No sideways scroll, every button of the step inside the screen's width, every word Swedish."""
    width, scroll = page.evaluate("[innerWidth, document.scrollingElement.scrollWidth]")
    if scroll > width:
        wide = page.evaluate("""w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
            .slice(-5).map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> slutar vid ${Math.round(e.getBoundingClientRect().right)} px`)""", width)
        raise AssertionError(f"sidan rullar i sidled: {scroll} px på {width} px; {wide}")
    for name in buttons:
        box = _settled_box(page, name)
        assert box["left"] >= 0 and box["right"] <= width, f"knappen {name} når inte: {box}"
        assert box["covering"] is None, f"knappen {name} är täckt av {box['covering']}"
    text = page.inner_text("body")
    assert not NOT_SWEDISH.search(text), NOT_SWEDISH.search(text).group(0)


# A button's box once it has stayed put for a frame, and what a tap on its middle reaches instead
# of it (a message of the form's, say); {"gone": true} when Decap has replaced the element.
_SETTLED_BOX = """b => {
  if (!b.isConnected) return {gone: true};
  const r = b.getBoundingClientRect(), now = [r.left, r.right, r.top, r.bottom].join();
  const was = b.__box; b.__box = now;
  if (!r.width || now !== was) return false;
  const hit = r.top >= 0 && r.bottom <= innerHeight ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
  return {left: r.left, right: r.right, covering: !hit || b.contains(hit) ? null : `<${hit.tagName.toLowerCase()} class="${hit.className}">`};
}"""


def _settled_box(page, name: str) -> dict:
    """Where the button is, measured once the form has settled: Decap redraws its toolbar (after
    publishing it loads the entry again), so a button found may be replaced before it is measured;
    it is then found again."""
    while True:
        handle = _control(page, name).element_handle()
        box = page.wait_for_function(_SETTLED_BOX, arg=handle).json_value()
        if not box.get("gone"):
            return box


def _control(page, name: str):
    """The visible button, or link that looks like one, of that accessible name, once it is shown."""
    found = page.get_by_role("button", name=name, exact=True).or_(page.get_by_role("link", name=name, exact=True))
    visible = found.filter(visible=True).first
    visible.wait_for(state="visible")
    return visible


@dataclass(frozen=True)
class SignIn:
    """What the sign-in page showed at one screen size, read before signing in on the same load."""

    heading: str
    heading_seen: bool
    text: str
    not_in_reach: str | None  # _in_reach's complaint, if any
    axe: frozenset[str]  # ids of the rules axe found broken


def _read_sign_in(page, screenshots: Path, viewport: str) -> SignIn:
    page.get_by_role("button", name="Logga in").wait_for()
    heading = page.get_by_role("heading", level=1)
    try:
        _in_reach(page, "Logga in")
        not_in_reach = None
    except AssertionError as problem:
        not_in_reach = str(problem)
    task_screenshot(page, screenshots, "formular-inloggning", viewport, full_page=False)
    return SignIn(heading.inner_text(), heading.is_visible(), page.inner_text("body"), not_in_reach,
                  frozenset(v["id"] for v in axe_check(page)["violations"]))


@pytest.fixture(scope="module")
def sign_in_pages() -> dict[str, SignIn]:
    """{viewport: SignIn}, filled by the fixture form as it signs in."""
    return {}


@pytest.fixture(scope="module")
def form(browser, form_url, decap_server, sign_in_pages, artifacts):
    """form(viewport, route): the form signed in at that screen size, at a route of the form.
    Decap is loaded once per size (seconds of a core each time): the sign-in page is read
    (sign_in_pages), then signed in; each task then starts at its route in the same page, a
    change of the address's #part as a link makes."""
    pages = {}

    def _open(viewport: str, route: str = "/"):
        page = pages.get(viewport)
        if page is None:
            page = pages[viewport] = browser.new_page(viewport=VIEWPORTS[viewport])
            page.on("dialog", lambda dialog: dialog.accept())  # Decap confirms publishing, and leaving unsaved changes
            page.goto(form_url)
            sign_in_pages[viewport] = _read_sign_in(page, screenshot_folder(artifacts), viewport)
            page.get_by_role("button", name="Logga in").click()
            page.get_by_role("link", name=plan_files.FOLLOW_UP_FORM).first.wait_for()
        page.goto(form_url + "#" + route)
        return page

    yield _open
    for page in pages.values():
        page.context.close()


def _new_report(page, action, status: str | None) -> None:
    """From the list of reports, the button for a new one; the action and the status chosen."""
    page.get_by_role("link", name=plan_files.FOLLOW_UP_FORM).first.click()
    _in_reach(page, "Skapa en ny rapport")
    _control(page, "Skapa en ny rapport").click()
    page.get_by_label(LABEL["id"], exact=True).fill(action.id + " ")
    page.keyboard.press("Enter")
    if status:
        page.get_by_label(LABEL["status"], exact=True).fill(status)
        page.keyboard.press("Enter")


def _add_note(page, date: str, text: str) -> None:
    _in_reach(page, "Spara")
    page.get_by_role("button", name=f"Lägg till {REPORT_FORM['fields'][2]['label_singular']}").click()
    page.get_by_label(NOTE_LABEL["date"], exact=True).last.fill(date)
    page.get_by_label(NOTE_LABEL["text"], exact=True).last.fill(text)


def _save(page) -> None:
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Sparat", exact=True).last.wait_for()  # the newest message (an earlier task's may still show)
    # Decap then reads the draft back, with a loader in the editor's place, and shows it with its status.
    page.get_by_role("button", name="Status: Utkast").wait_for()


def _publish(page, repo: Path) -> None:
    """Redo, then Publicera: decap-server merges the draft's branch into main."""
    before = _git(repo, "rev-parse", "main")
    _in_reach(page, "Spara", "Status: Utkast", "Publicera")
    page.get_by_role("button", name="Status: Utkast").click()
    page.get_by_text("Redo", exact=True).click()
    page.get_by_role("button", name="Status: Redo").wait_for()
    _in_reach(page, "Status: Redo", "Publicera")
    page.get_by_role("button", name="Publicera", exact=True).click()
    page.get_by_text("Publicera nu", exact=True).click()
    deadline = time.monotonic() + 30
    while _git(repo, "rev-parse", "main") == before:
        assert time.monotonic() < deadline, "publiceringen slogs aldrig ihop med main"
        time.sleep(0.3)
    page.get_by_text("Publicerat", exact=True).last.wait_for()
    page.get_by_role("button", name="Spara", exact=True).wait_for()  # the published entry, opened again
    _in_reach(page, "Spara")


def _published(repo: Path, artifacts: Path | None = None, name: str = "") -> tuple[list[str], int, int, str]:
    """The last publish on main: (files, lines added, lines removed, commit message); its diff kept for review."""
    if artifacts:
        (artifacts / f"formular-{name}.diff").write_text(_git(repo, "show", "--stat", "--patch", "main"), encoding="utf-8")
    numstat = _git(repo, "diff", "--numstat", "main~1", "main").split("\n")
    rows = [line.split("\t") for line in numstat if line]
    message = _git(repo, "log", "-1", "--format=%s", "main").strip()
    return [r[2] for r in rows], sum(int(r[0]) for r in rows), sum(int(r[1]) for r in rows), message


def _plan(repo: Path, tmp_path: Path):
    """The plan as main holds it, loaded (and so checked) by the site's own loader."""
    out = tmp_path / "main"
    archive = subprocess.run(["git", "archive", "main", "data"], cwd=repo, capture_output=True, check=True).stdout
    out.mkdir()
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return load_plan(out / "data" / PLAN_FILE.name)


def _report_path(action_id: str) -> str:
    return f"data/{plan_files.FOLLOW_UP_DIR}/{action_id}.yaml"


# --- The tasks ---------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_editor_reports_on_an_action_with_no_report(form, decap_server, artifacts, screenshots, tmp_path, viewport):
    repo = decap_server
    action = _action(viewport, 0)
    today = dt.date.today().isoformat()
    text = f"Arbetet med åtgärden har börjat ({viewport})."
    page = form(viewport)
    _new_report(page, action, "pågår")
    _add_note(page, today, text)
    _save(page)
    page.wait_for_url(f"**/entries/{action.id}")  # the file is named by the id as written
    _publish(page, repo)
    task_screenshot(page, screenshots, "formular-ny-rapport", viewport, full_page=False)

    files, added, removed, message = _published(repo, artifacts, f"ny-rapport-{viewport}")
    assert files == [_report_path(action.id)]
    assert (added, removed) == (5, 0)  # id, status, log, date, text
    assert message == f"{plan_files.FOLLOW_UP_FORM} {action.id}"
    reported = next(a for a in _plan(repo, tmp_path).actions if a.id == action.id)
    assert reported.status == "pågår" and [(e.date, e.text) for e in reported.log] == [(today, text)]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_editor_adds_a_note_to_an_existing_report(form, decap_server, artifacts, screenshots, tmp_path, viewport):
    repo = decap_server
    action = _action(viewport, 1)
    today = dt.date.today().isoformat()
    text = f"En ny anteckning ({viewport})."
    page = form(viewport, "/collections/" + REPORT_FORM["name"])
    page.get_by_role("link", name=re.compile("^" + re.escape(action.id) + " ")).click()  # the list names the action
    page.get_by_label(LABEL["status"], exact=True).wait_for()
    _add_note(page, today, text)
    _save(page)
    _publish(page, repo)
    task_screenshot(page, screenshots, "formular-ny-anteckning", viewport, full_page=False)

    files, added, removed, message = _published(repo, artifacts, f"ny-anteckning-{viewport}")
    assert files == [_report_path(action.id)]
    assert (added, removed) == (2, 0)  # the note's date and text, nothing else rewritten
    assert message == f"{plan_files.FOLLOW_UP_FORM} {action.id}"
    reported = next(a for a in _plan(repo, tmp_path).actions if a.id == action.id)
    assert [e.text for e in reported.log][-1] == text and len(reported.log) == 2


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_second_report_for_an_action_is_refused(form, decap_server, viewport):
    repo = decap_server
    action = _action(viewport, 1)  # has a report on main
    branches = _git(repo, "branch", "--list")
    page = form(viewport)
    _new_report(page, action, "genomförd")
    _add_note(page, dt.date.today().isoformat(), "En andra rapport.")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text(f"Åtgärd {action.id} har redan en rapport", exact=False).wait_for()
    _in_reach(page, "Spara")
    assert _git(repo, "branch", "--list") == branches  # no draft, no new file


def _bad_input_cases():
    today = dt.date.today()
    leap = today.year if today.year % 4 else today.year - 1  # a year with no 29 February
    return {
        "fel-form": (f"{today.day}.{today.month}.{today.year}", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        "inte-i-kalendern": (f"{leap}-02-29", "finns inte i kalendern"),
        "i-framtiden": ((today + dt.timedelta(days=1)).isoformat(), "har inte varit än"),
        "utan-anteckning": (None, "minst en anteckning"),
    }


@pytest.mark.parametrize("case", _bad_input_cases())
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_wrong_date_a_future_date_and_a_status_without_a_note_are_refused_in_swedish(form, decap_server, viewport, case):
    repo = decap_server
    date, said = _bad_input_cases()[case]
    before = _git(repo, "branch", "--list"), _git(repo, "rev-parse", "main")
    page = form(viewport)
    _new_report(page, _action(viewport, 2), "pågår")
    if date:
        _add_note(page, date, "Något har hänt.")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text(said, exact=False).first.wait_for()
    _in_reach(page, "Spara")
    assert (_git(repo, "branch", "--list"), _git(repo, "rev-parse", "main")) == before


def _form_file(section: str) -> dict:
    """The form's page for a section's file (Webbplatsens texter → Kontakt)."""
    return next(f for f in SITE_TEXTS_FORM["files"] if f["file"] == f"data/{plan_files.SITE_DIR}/{plan_files.SITE_FILES[section][0]}")


def _texts(value, field: dict, where: tuple = ()):
    """(place, text) of every string the form shows in a plain text box (no pattern, no choices), in its order."""
    if isinstance(value, str) and field.get("widget") in ("string", "text") and "pattern" not in field:
        yield where, value
    elif isinstance(value, dict):
        for sub in field.get("fields", []):
            if sub["name"] in value:
                yield from _texts(value[sub["name"]], sub, (*where, sub["name"]))
    elif isinstance(value, list):
        item = field.get("field") or {"widget": "object", "fields": field.get("fields", [])}
        for index, child in enumerate(value):
            yield from _texts(child, item, (*where, index))


def _leaves(value, where: tuple = ()) -> dict:
    if isinstance(value, dict):
        return {k: v for key, child in value.items() for k, v in _leaves(child, (*where, key)).items()}
    if isinstance(value, list):
        return {k: v for index, child in enumerate(value) for k, v in _leaves(child, (*where, index)).items()}
    return {where: value}


def _site_data(repo: Path, path: str, rev: str):
    return yaml.safe_load(_git(repo, "show", f"{rev}:{path}"))


def _has_text(section: str) -> bool:
    """Whether the plan's file of the section holds a text to change (an empty list of help, an unset feedback address: none)."""
    file = plan_files.site_file(PLAN_FILE, section)
    return file.is_file() and next(_texts(yaml.safe_load(file.read_text(encoding="utf-8")), {"fields": _form_file(section)["fields"]}), None) is not None


# Every section at a desk; on a phone the contact page (the phone number's task), to keep the module short.
@pytest.mark.parametrize(("viewport", "section"), [("desktop", s) for s in plan_files.SITE_FILES] + [("phone", "contact")])
def test_an_editor_changes_one_text_of_a_site_section(form, decap_server, artifacts, tmp_path, viewport, section):
    if not _has_text(section):
        pytest.skip(f"planens fil för {section} har ingen text att ändra")
    repo = decap_server
    form_file = _form_file(section)
    path = form_file["file"]
    before = _site_data(repo, path, "main")
    place, old = next(_texts(before, {"fields": form_file["fields"]}))
    new = f"{old} ({viewport})"
    page = form(viewport, "/collections/" + SITE_TEXTS_FORM["name"])
    page.get_by_role("link", name=form_file["label"], exact=True).click()
    # The box that shows the text (labels repeat: every list item's is "Text").
    page.wait_for_function("old => [...document.querySelectorAll('input, textarea')].some(e => e.value === old)", arg=old)
    index = page.evaluate("old => [...document.querySelectorAll('input, textarea')].findIndex(e => e.value === old)", old)
    page.locator("input, textarea").nth(index).fill(new)
    _save(page)
    _publish(page, repo)

    files, added, removed, message = _published(repo, artifacts, f"{section}-{viewport}")
    assert files == [path]
    changed = {k: v for k, v in _leaves(_site_data(repo, path, "main")).items() if _leaves(before).get(k) != v}
    assert changed == {place: new} and _leaves(_site_data(repo, path, "main")).keys() == _leaves(before).keys()
    folded = len(old) // 60 + 1  # Decap folds a long text over lines of at most 80 characters
    assert removed <= folded and added <= folded + 1, (added, removed)  # only that text's lines
    if section == "contact":
        assert added + removed <= 4
    assert message == f"{plan_files.SITE_FORM} {Path(path).stem}"
    _plan(repo, tmp_path)  # the published data still loads and passes the check


# --- The form's setup --------------------------------------------------------------------------


def test_the_built_form_is_configured_for_the_plan_it_was_built_with(site_dir, plan):
    """An editor who adds an action to plan.yaml finds it in the form after the next build."""
    built = (site_dir / ADMIN_DIR / CONFIG_NAME).read_text(encoding="utf-8")
    assert built == config_text(plan, DEPLOYMENT)
    reports = next(c for c in yaml.safe_load(built)["collections"] if c.get("folder"))
    (choice,) = [f for f in reports["fields"] if f["name"] == "id"]
    assert [o["value"] for o in choice["options"]] == [a.id for a in plan.actions]
    assert reports["folder"] == f"data/{plan_files.FOLLOW_UP_DIR}" and reports["identifier_field"] == "id"


def test_the_form_speaks_of_the_form_not_of_the_file():
    """Labels and hints are written for the form: no words of the YAML file."""
    found = []

    def walk(fields, where):
        for field in fields:
            for key in ("label", "hint", "label_singular"):
                if FILE_WORDS.search(str(field.get(key, ""))):
                    found.append(f"{' → '.join(where + [field['name']])} ({key}): {field[key]}")
            walk(field.get("fields", []), where + [field["name"]])

    for collection in cms_config(PLAN, DEPLOYMENT)["collections"]:
        walk(collection.get("fields", []), [collection["label"]])
        for file in collection.get("files", []):
            walk(file["fields"], [collection["label"], file["label"]])
    assert found == []


def test_the_site_has_decap_from_npm_with_its_licence(site_dir):
    decap = site_dir / ADMIN_DIR / "decap"
    assert (decap / "decap-cms.js").stat().st_size > 1_000_000
    assert "MIT" in (decap / "LICENSE").read_text(encoding="utf-8")
    assert (decap / "decap-cms.js.LICENSE.txt").is_file()
    tracked = subprocess.run(["git", "ls-files", "docs/admin"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert not [t for t in tracked if "decap" in t]  # nothing of Decap is committed


def test_admin_page_is_noindex_with_a_strict_policy_and_no_third_party_requests(browser, site_url, site_dir):
    html = (site_dir / ADMIN_DIR / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    policy = html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    hosts = {word.rstrip(";") for word in policy.split() if "://" in word}
    assert hosts <= {"https://api.github.com", local_backend().rsplit("/api", 1)[0]}
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{site_url}{ADMIN_DIR}/")
    page.get_by_role("button", name="Logga in").wait_for()
    page.close()
    local = {site_url.rstrip("/"), local_backend().rsplit("/api", 1)[0]}
    assert [u for u in requested if not any(u.startswith(h) for h in local) and not u.startswith("data:")] == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_sign_in_page_names_borås_stad_and_the_plan(form, sign_in_pages, viewport):
    form(viewport)  # loaded, read (and signed in) once per size
    seen = sign_in_pages[viewport]
    assert seen.heading == PLAN.document.title
    assert seen.heading_seen and "Borås Stad" in seen.text
    assert seen.not_in_reach is None


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_workflow_names_each_report_and_dates_it_in_swedish(form, decap_server, screenshots, viewport):
    """A draft's card names its action; its date is written as a date, not in English."""
    repo = decap_server
    action = _action(viewport, 2)
    page = form(viewport)
    _new_report(page, action, "pågår")
    _add_note(page, dt.date.today().isoformat(), "Ett utkast.")
    _save(page)
    page.wait_for_url(f"**/entries/{action.id}")  # Decap opens the saved draft; then the workflow
    form(viewport, "/workflow")
    card = page.get_by_text(re.compile("^" + re.escape(action.id) + " "))
    card.wait_for()
    assert card.inner_text() == next(o["label"] for f in REPORT_FORM["fields"] if f["name"] == "id"
                                     for o in f["options"] if o["value"] == action.id)
    page.get_by_text(dt.date.today().isoformat()).first.wait_for()  # the card's date, not "December 6"
    columns = [page.get_by_text(word, exact=True).first for word in ("Utkast", "Under granskning", "Redo")]
    assert all(column.is_visible() for column in columns)
    _in_reach(page)
    task_screenshot(page, screenshots, "formular-arbetsflode", viewport, full_page=False)
    # The list of reports heads the drafts, and still fits the screen.
    form(viewport, "/collections/" + REPORT_FORM["name"])
    page.get_by_text("Utkast som inte är publicerade", exact=True).wait_for()
    _in_reach(page, "Skapa en ny rapport")
    _git(repo, "branch", "-D", f"cms/uppfoljning/{action.id}")  # the bad-input cases use this action


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_findings_on_the_form_are_listed_in_the_accessibility_statement(form, decap_server, sign_in_pages, viewport):
    """Decap's own markup is not ours to fix: what axe finds must be named in the statement (by rule id)."""
    page = form(viewport)
    found = set(sign_in_pages[viewport].axe)  # the sign-in page
    _new_report(page, _action(viewport, 2), None)
    found |= {v["id"] for v in axe_check(page)["violations"]}  # the form of a new report
    published = load_plan(ROOT / "data" / "plan.yaml").accessibility  # the repository's statement, whatever plan is under test
    statement = " ".join(d.text for d in published.deficiencies)
    named = {rule.strip() for group in re.findall(r"\(([a-z0-9, -]+)\)", statement) for rule in group.split(",")}
    assert sorted(found - named) == [], "lägg till bristen i tillgänglighetsredogörelsen (axe-regelns id inom parentes)"
