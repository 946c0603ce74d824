"""A Markdown page's YAML front matter: read it off the text, or put it in front."""

from __future__ import annotations

import yaml

# libyaml's emitter where PyYAML has it: a large plan's pages each carry their actions' feeds.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def split(text: str) -> tuple[dict, str]:
    """(front matter, body); an empty mapping for a page without one."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end != -1:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]
    return {}, text


def join(meta: dict, body: str) -> str:
    """The page's text: its front matter (none when empty), a blank line, the body."""
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) if meta else ""
    return f"---\n{front}---\n\n{body}" if front else body
