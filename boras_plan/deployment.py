"""Deployment settings: what one deployment of the site sets and another may set otherwise.

They live in mkdocs.yml (under `extra:`), whose path the caller passes in: the package knows
no repository layout. Relative paths there are relative to mkdocs.yml's folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CONFIG_FILE = "mkdocs.yml"  # a command's default, relative to where it is run (as for mkdocs itself)


@dataclass(frozen=True)
class Deployment:
    folder: Path  # mkdocs.yml's folder
    extra: dict = field(default_factory=dict)

    @property
    def repository(self) -> str | None:
        """The repository's address on GitHub, e.g. https://github.com/borasstad/motverka-extremism."""
        return self.extra.get("repository")

    @property
    def repository_name(self) -> str | None:
        """'owner/name', as the form's GitHub backend names the repository."""
        return "/".join(self.repository.rstrip("/").split("/")[-2:]) if self.repository else None

    @property
    def sign_in(self) -> str | None:
        """The sign-in service (OAuth proxy) the form uses in front of GitHub."""
        return self.extra.get("sign_in")

    @property
    def source_document(self) -> Path | None:
        """The adopted plan as text (python -m boras_plan.faithfulness)."""
        configured = self.extra.get("source_document")
        return (self.folder / configured).resolve() if configured else None


def read(config_file: str | os.PathLike) -> Deployment:
    """The settings in config_file; none (all None) when it cannot be read."""
    path = Path(config_file).absolute()

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)  # mkdocs' own tag; no setting here uses it
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except (OSError, yaml.YAMLError):
        config = {}
    return Deployment(path.parent, (config or {}).get("extra") or {})
