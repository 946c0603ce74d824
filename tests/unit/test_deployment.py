"""boras_plan.deployment: the deployment's settings come from the mkdocs.yml it is given, never from the package."""

from __future__ import annotations

from boras_plan import deployment
from tests.conftest import ROOT


def test_the_repository_and_sign_in_service_are_read_from_mkdocs_yml():
    settings = deployment.read(ROOT / "mkdocs.yml")
    assert settings.repository.startswith("https://github.com/") and settings.repository_name.count("/") == 1
    assert settings.sign_in.startswith("https://")
    assert settings.source_document.is_absolute()


def test_paths_are_relative_to_the_config_and_a_missing_config_sets_nothing(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [SITE_URL, null]\nextra:\n  source_document: seed/plan.txt\n  repository: https://github.com/a/b/\n", encoding="utf-8"
    )
    settings = deployment.read(tmp_path / "mkdocs.yml")
    assert settings.source_document == (tmp_path / "seed" / "plan.txt").resolve()
    assert settings.repository_name == "a/b" and settings.sign_in is None
    empty = deployment.read(tmp_path / "saknas.yml")
    assert empty.repository is None and empty.source_document is None
