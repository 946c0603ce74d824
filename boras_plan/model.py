"""The plan as typed, immutable objects. Built only from validated data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .slugs import slugify

NOT_STATED = "Ej angivet i planen"
NOT_REPORTED = "Ej rapporterad"
# The follow-up vocabulary, in the order work moves through it (same as the schema's enum).
STATUSES = ("ej påbörjad", "pågår", "genomförd", "redovisad")


@dataclass(frozen=True)
class Owner:
    text: str  # the plan's wording in the Vem column
    role_ids: tuple[str, ...]


@dataclass(frozen=True)
class LogEntry:
    date: str  # ISO date, YYYY-MM-DD
    text: str
    source: str | None


@dataclass(frozen=True)
class Addition:
    """Content added after adoption: when, and what (shown in the feed)."""

    date: str  # ISO date
    note: str


@dataclass(frozen=True)
class Action:
    id: str  # "5.2"
    what: str
    due: int
    owner: Owner | None  # None: the plan names no one
    follow_up: str
    recommendation: int
    status: str | None = None  # None: nothing reported
    log: tuple[LogEntry, ...] = ()
    addition: Addition | None = None

    @property
    def anchor(self) -> str:
        return "atgard-" + self.id.replace(".", "-")

    @property
    def status_label(self) -> str:
        return self.status.capitalize() if self.status else NOT_REPORTED


@dataclass(frozen=True)
class Recommendation:
    number: int
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    keywords: tuple[str, ...]
    actions: tuple[Action, ...]
    addition: Addition | None = None


@dataclass(frozen=True)
class Excerpt:
    source: str
    text: str


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    excerpts: tuple[Excerpt, ...]

    @property
    def anchor(self) -> str:
        return "roll-" + self.id


@dataclass(frozen=True)
class DocumentType:
    id: str
    name: str
    description: str
    group: str


@dataclass(frozen=True)
class Document:
    title: str
    organisation: str
    type: str
    adopted_by: str
    adopted_on: str
    adopted_text: str
    applies_to: str
    valid_through: int
    replaced_by: str | None


@dataclass(frozen=True)
class Paragraph:
    text: str
    definition: bool = False


@dataclass(frozen=True)
class Link:
    text: str
    label: str
    url: str


@dataclass(frozen=True)
class Footnote:
    mark: str
    text: str


@dataclass(frozen=True)
class Contact:
    organisation: str
    postal_address: str
    visiting_address: str
    phone: str
    email: str
    website: str


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    source: str | None  # None: explanation written for the website
    tooltip: bool

    @property
    def anchor(self) -> str:
        return "begrepp-" + slugify(self.term)


@dataclass(frozen=True)
class Plan:
    document: Document
    document_types_heading: str
    document_types: tuple[DocumentType, ...]
    introduction_heading: str
    introduction: tuple[Paragraph, ...]
    links_heading: str
    links: tuple[Link, ...]
    footnotes: tuple[Footnote, ...]
    actions_heading: str
    actions_intro: str
    recommendations: tuple[Recommendation, ...]
    roles: tuple[Role, ...]
    contact: Contact
    glossary: tuple[Term, ...]
    # Written for the site, not the plan; kept as validated plain data (see data/plan.schema.json).
    open_data: dict | None = None
    accessibility: dict | None = None
    summaries: dict | None = None

    # Indexes, computed once per model: pages must not scan all actions per row.
    @cached_property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for r in self.recommendations for a in r.actions)

    @cached_property
    def role_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def recommendation_by_number(self) -> dict[int, Recommendation]:
        return {r.number: r for r in self.recommendations}

    @cached_property
    def recommendation_position(self) -> dict[int, int]:
        return {r.number: i for i, r in enumerate(self.recommendations)}

    @cached_property
    def actions_by_role(self) -> dict[str, tuple[Action, ...]]:
        owned: dict[str, list[Action]] = {r.id: [] for r in self.roles}
        for action in self.actions:
            for role_id in action.owner.role_ids if action.owner else ():
                owned[role_id].append(action)
        return {k: tuple(v) for k, v in owned.items()}

    @cached_property
    def owner_ids(self) -> tuple[str, ...]:
        """Ids of roles that own at least one action, in role order."""
        return tuple(r for r, owned in self.actions_by_role.items() if owned)

    @cached_property
    def years_by_owner(self) -> dict[str, tuple[int, ...]]:
        return {r: tuple(sorted({a.due for a in owned})) for r, owned in self.actions_by_role.items()}

    @cached_property
    def actions_by_year(self) -> dict[int, tuple[Action, ...]]:
        by_year: dict[int, list[Action]] = {}
        for action in sorted(self.actions, key=lambda a: a.due):
            by_year.setdefault(action.due, []).append(action)
        return {year: tuple(actions) for year, actions in by_year.items()}

    @cached_property
    def unowned_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.owner is None)

    @cached_property
    def status_counts(self) -> tuple[tuple[str, int], ...]:
        """(label, count) for every status and for 'Ej rapporterad', zeros included."""
        labels = [s.capitalize() for s in STATUSES] + [NOT_REPORTED]
        counts = dict.fromkeys(labels, 0)
        for action in self.actions:
            counts[action.status_label] += 1
        return tuple(counts.items())

    @cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({a.due for a in self.actions}))

    @cached_property
    def document_type_groups(self) -> tuple[tuple[str, tuple[DocumentType, ...]], ...]:
        groups: dict[str, list[DocumentType]] = {}
        for doc_type in self.document_types:
            groups.setdefault(doc_type.group, []).append(doc_type)
        return tuple((name, tuple(types)) for name, types in groups.items())

    @cached_property
    def glossary_sorted(self) -> tuple[Term, ...]:
        # Swedish alphabet: å, ä, ö come after z, in that order.
        order = str.maketrans({"å": "{", "ä": "|", "ö": "}"})
        return tuple(sorted(self.glossary, key=lambda t: t.term.casefold().translate(order)))

    @property
    def document_type(self) -> DocumentType:
        return next(t for t in self.document_types if t.id == self.document.type)
