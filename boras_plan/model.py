"""The plan's data: its shape, validation and normalisation, written once.

The pydantic models below validate the parsed plan.yaml (field by field, with
Swedish descriptions), normalise its text, and are the typed, frozen objects
the pages are rendered from. Plan.model_validate(data, context=checks.Context(…)) is the one
validation: it also runs the rules across fields (checks.py) and raises one ValidationError
with every problem, which translate.py words for editors. data/plan.schema.json is generated from them
(`python -m boras_plan.schema`), and plan.json / the CSV are dumped from them.
Field names are the YAML keys (aliases where Python reads better).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Annotated, Literal, Optional

from pydantic import (
    create_model,
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .checks import RULE_ERROR, YEARS, broken_rules
from .errors import MAX_PROBLEMS, describe_value
from .eu_vocabularies import DATA_THEMES
from .slugs import slugify
from .unicode_rules import shows_nothing

NOT_STATED = "Ej angivet i planen"
NOT_REPORTED = "Ej rapporterad"
# Key of an action in plan.json (never in plan.yaml): the site's words when its deadline passed unreported.
DERIVED_DEADLINE = "deadline"
# The follow-up vocabulary, in the order work moves through it.
STATUSES = ("ej påbörjad", "pågår", "genomförd", "redovisad")
# The labels actions are counted under: each status, then the site's word for none reported.
STATUS_LABELS = tuple(s.capitalize() for s in STATUSES) + (NOT_REPORTED,)

# Longest text a field may hold, in characters (the real plan's longest
# paragraph is about 1 100; a whole recommendation body about 3 000).
MAX_LINE = 300  # titles, names, headings, table cells
MAX_TEXT = 2_000  # one paragraph, quote or note
MAX_BODY = 20_000  # a recommendation's body, all paragraphs
MAX_URL = 2_000


def _error(message: str) -> PydanticCustomError:
    """A validation error whose message is shown to editors as it stands."""
    return PydanticCustomError("plan", message)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _visible(text: str) -> str:
    if shows_nothing(text):
        what = "tom" if not text.strip() else "gjord av bara osynliga tecken eller mellanslag"
        raise _error(f"texten är {what}. Skriv texten, eller ta bort fältet om det är valfritt.")
    return text


def _paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines separate paragraphs; line breaks inside one are spaces."""
    if not isinstance(text, str):
        return text  # the type check reports it
    if len(text) > MAX_BODY:
        raise _error(f"texten är {len(text)} tecken lång; högst {MAX_BODY} tecken är tillåtet här.")
    _visible(text)
    blocks = re.split(r"\n\s*\n", text.strip())
    return tuple(_one_line(block) for block in blocks if block.strip())


# Text types. The description, where given, is what editors' YAML tools show.
Line = Annotated[StrictStr, Field(min_length=1, max_length=MAX_LINE), AfterValidator(_visible), AfterValidator(_one_line)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_visible), AfterValidator(_one_line)]
Paragraphs = Annotated[
    tuple[str, ...],
    BeforeValidator(_paragraphs),
    PlainSerializer(lambda v: "\n\n".join(v), return_type=str),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_BODY}),
]
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]


def _calendar_date(value: str) -> str:
    """A date of the calendar (not 2016-02-30); it stays text, as the YAML and plan.json write it."""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise _error(f"datumet {value} finns inte i kalendern. Skriv år-månad-dag, t.ex. 2016-05-30.") from None
    return value


IsoDate = Annotated[StrictStr, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_calendar_date)]
Year = Annotated[StrictInt, Field(ge=YEARS[0], le=YEARS[1])]

_HOST = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}"
_URL = re.compile(rf"(?i)(https?)://{_HOST}(:[0-9]{{1,5}})?([/?#][^\s\"'<>\\`]*)?")


def _url(kinds: tuple[str, ...]):
    """A web address whose scheme is one of kinds (checked, not guessed)."""
    shown = " eller ".join(f"{k}://" for k in kinds)

    def check(value: str) -> str:
        if len(value) > MAX_URL:
            raise _error(f"adressen är {len(value)} tecken lång; högst {MAX_URL} tecken är tillåtet.")
        match = _URL.fullmatch(value)
        if not match or match.group(1).lower() not in kinds:
            raise _error(
                f"{describe_value(value)} är ingen webbadress som går att använda här. Skriv en adress som börjar med {shown} "
                f"följt av ett domännamn, utan mellanslag, t.ex. {kinds[0]}://www.boras.se/."
            )
        return value

    return check


def _website(value: str) -> str:
    """The contact's website as a host (and path): the site links it over https."""
    host = value.strip()
    host = re.sub(r"(?i)^https://", "", host).rstrip("/")
    if not re.fullmatch(rf"(?i){_HOST}(/[^\s\"'<>\\`?#]*)?", host) or len(host) > MAX_LINE:
        raise _error(
            f"{describe_value(value)} är inget domännamn för en webbplats. Skriv t.ex. boras.se eller https://www.boras.se: "
            "bara https, utan mellanslag och utan annat protokoll (javascript:, mailto:, http://)."
        )
    return host


def _email(value: str) -> str:
    # One address, nothing that could add headers or a body to the mailto: link.
    if len(value) > 254 or not re.fullmatch(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}", value):
        raise _error(
            f"{describe_value(value)} är ingen e-postadress. Här ska stå en enda e-postadress, t.ex. namn@boras.se: "
            "bokstäver a–z, siffror och . _ + - före @ och ett domännamn efter, utan mellanslag, radbrytningar och tecken som ? & % , ;"
        )
    return value


# "format" tells editors' YAML tools what kind of value goes here; the validators decide.
HttpUrl = Annotated[StrictStr, AfterValidator(_url(("https", "http"))), Field(json_schema_extra={"format": "uri"})]
HttpsUrl = Annotated[StrictStr, AfterValidator(_url(("https",))), Field(json_schema_extra={"format": "uri"})]
Website = Annotated[StrictStr, AfterValidator(_website)]
Email = Annotated[StrictStr, AfterValidator(_email), Field(json_schema_extra={"format": "email"})]
Status = Literal["ej påbörjad", "pågår", "genomförd", "redovisad"]


def _sv(description: str) -> ConfigDict:
    """Config of every model: frozen, no unknown keys, Swedish schema description."""
    return ConfigDict(frozen=True, extra="forbid", json_schema_extra={"description": description})


class Addition(BaseModel):
    model_config = _sv("Tillägg efter den antagna planen (inte planens text): datum och vad som lagts till.")
    date: IsoDate = Field(description="Datum för tillägget, t.ex. 2024-03-01 (år-månad-dag).")
    note: Text = Field(description="Vad som har lagts till och av vem (t.ex. beslut). Visas som webbplatsens tillägg.")


class Owner(BaseModel):
    model_config = _sv("Ansvarig enligt planen.")
    text: Line = Field(description="Planens text i kolumnen Vem, ordagrant.")
    role_ids: tuple[Slug, ...] = Field(alias="roles", min_length=1, description="Id för rollerna som texten nämner.")


class LogEntry(BaseModel):
    model_config = _sv("En anteckning: vad som har hänt och när.")
    date: IsoDate = Field(description="Datum, t.ex. 2026-12-03 (år-månad-dag). Inte ett datum efter i dag.")
    text: Text = Field(description="Vad som rapporterades.")
    source: Optional[HttpsUrl] = Field(None, description="Länk till källan (valfri), https://.")


def _action_schema(schema: dict) -> None:
    schema["description"] = "En åtgärd i planens tabell (Vad / När / Vem / Uppföljning)."
    # plan.json carries it, so the schema that describes plan.json names it.
    schema["properties"][DERIVED_DEADLINE] = {
        "type": "string",
        "readOnly": True,
        "description": "Skrivs av webbplatsen i plan.json när tidsfristen har passerat utan rapporterad uppföljning. Skriv det inte i plan.yaml.",
    }


class Action(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra=_action_schema)
    id: Annotated[StrictStr, Field(pattern=r"^[0-9]+\.[0-9]+$", max_length=10)] = Field(
        description="Åtgärdens id: rekommendationens nummer, punkt och löpnummer, t.ex. 5.2."
    )
    what: Text = Field(description="Vad ska göras? Planens text ordagrant.")
    due: Year = Field(description="När ska det vara klart? Årtal, t.ex. 2017.")
    owner: Optional[Owner] = Field(
        alias="who", description="Vem bär ansvaret? Planens text ordagrant och de roller den nämner. Lämnas tom om planen inte anger någon."
    )
    follow_up: Text = Field(description="När och hur ska uppföljningen ske? Planens text ordagrant.")
    status: Optional[Status] = Field(
        None, description='Status: lämnas tom om ingen status har rapporterats (visas då som "Ej rapporterad"). En status kräver minst en anteckning.'
    )
    log: tuple[LogEntry, ...] = Field((), description="Anteckningar: vad som har hänt och när, gärna med en länk till källan.")
    addition: Optional[Addition] = Field(None, description="Bara för en åtgärd som lagts till efter den antagna planen.")
    _recommendation: int = PrivateAttr(0)

    @model_validator(mode="before")
    @classmethod
    def _without_derived(cls, data):
        """plan.json adds `deadline` (exports.py, from the build date): read back, it is not data."""
        if isinstance(data, dict) and DERIVED_DEADLINE in data:
            data = {k: v for k, v in data.items() if k != DERIVED_DEADLINE}
        return data

    @property
    def recommendation(self) -> int:
        return self._recommendation

    @property
    def anchor(self) -> str:
        return "atgard-" + self.id.replace(".", "-")

    @property
    def status_label(self) -> str:
        return self.status.capitalize() if self.status else NOT_REPORTED

    @property
    def follow_up_reported(self) -> bool:
        """Anything reported about the action: a status or a log entry."""
        return bool(self.status or self.log)


def count_statuses(actions) -> tuple[tuple[str, int], ...]:
    """(label, count) for every status and for 'Ej rapporterad', in that order, zeros included:
    plain counts that anyone can check against the tables, never a weighted percentage."""
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for action in actions:
        counts[action.status_label] += 1
    return tuple(counts.items())


class Recommendation(BaseModel):
    model_config = _sv("En av planens rekommendationer.")
    number: Annotated[StrictInt, Field(ge=1)] = Field(description="Rekommendationens nummer: 1, 2, 3 … i ordning.")
    slug: Slug = Field(description="Del av webbadressen: små bokstäver a–z, siffror och bindestreck, t.ex. tydlig-ansvarsfordelning.")
    title: Line = Field(description="Rekommendationens rubrik, ordagrant.")
    paragraphs: Paragraphs = Field(
        alias="body", description="Rekommendationens text, ordagrant. Tom rad mellan stycken. *kursiv* är tillåtet."
    )
    keywords: tuple[Line, ...] = Field(
        (), description="Sökord skrivna för webbplatsen (inte planens text): vardagliga ord som ska hitta sidan."
    )
    actions: tuple[Action, ...] = Field(description="Rekommendationens åtgärder. Kan vara tom om den saknar åtgärder.")
    addition: Optional[Addition] = Field(None, description="Bara för en rekommendation som lagts till efter den antagna planen.")

    def model_post_init(self, context) -> None:
        for action in self.actions:
            action._recommendation = self.number

    @cached_property
    def status_counts(self) -> tuple[tuple[str, int], ...]:
        return count_statuses(self.actions)

    def paragraph_anchor(self, index: int) -> str:
        """The stable id of the body's paragraph `index` (0-based): recommendation and paragraph number."""
        return paragraph_anchor(f"rekommendation-{self.number}", index)


def paragraph_anchor(part: str, index: int) -> str:
    """A paragraph's id in the adopted text: its part of the plan and its number there (from 1),
    e.g. rekommendation-3-stycke-2 or inledning-stycke-1; never its position in a file."""
    return f"{part}-stycke-{index + 1}"


class Excerpt(BaseModel):
    model_config = _sv("Ett ordagrant citat ur planen.")
    source: Line = Field(description="Var i planen citatet står.")
    text: Text = Field(description="Citatet, ordagrant.")


class Role(BaseModel):
    model_config = _sv("En roll.")
    id: Slug = Field(description="Rollens id, som åtgärderna hänvisar till under who.roles.")
    name: Line = Field(description="Rollens namn.")
    excerpts: tuple[Excerpt, ...] = Field(min_length=1, description="Vad planen säger om rollen, ordagrant.")

    @property
    def anchor(self) -> str:
        return "roll-" + self.id


class DocumentType(BaseModel):
    model_config = _sv("En dokumenttyp.")
    id: Slug = Field(description="Dokumenttypens id, som document.type hänvisar till.")
    name: Line = Field(description="Namn.")
    description: Text = Field(description="Beskrivning, ordagrant.")
    _group: str = PrivateAttr("")

    @property
    def group(self) -> str:
        return self._group


class DocumentTypeGroup(BaseModel):
    model_config = _sv("En grupp av dokumenttyper.")
    name: Line = Field(description="Gruppens namn.")
    types: tuple[DocumentType, ...] = Field(min_length=1)

    def model_post_init(self, context) -> None:
        for doc_type in self.types:
            doc_type._group = self.name


class DocumentTypes(BaseModel):
    model_config = _sv("Borås Stads typer av styrdokument.")
    heading: Line = Field(description="Rubrik.")
    groups: tuple[DocumentTypeGroup, ...] = Field(min_length=1)


class Document(BaseModel):
    model_config = _sv("Uppgifter om styrdokumentet.")
    title: Line = Field(description="Planens titel.")
    organisation: Line = Field(description="Organisationen som antagit planen.")
    type: Slug = Field(description="Dokumenttyp: id under document_types, t.ex. plan.")
    adopted_by: Line = Field(description="Vem som fastställde planen.")
    adopted_on: IsoDate = Field(description="Datum då planen fastställdes, t.ex. 2016-05-30 (år-månad-dag).")
    adopted_text: Line = Field(description="Planens egen rad om fastställandet, ordagrant.")
    applies_to: Line = Field(description="Vem planen gäller för.")
    valid_through: Year = Field(description="Sista året planen gäller (inte före året den antogs).")
    replaced_by: Optional[HttpUrl] = Field(description="Länk (https:// eller http://) till dokumentet som ersatt planen. Lämnas tom om inget är känt.")


class Paragraph(BaseModel):
    model_config = _sv("Ett stycke.")
    text: Text = Field(description="Styckets text, ordagrant.")
    definition: StrictBool = Field(False, description="Ja om stycket är planens definition av våldsbejakande extremism.")


class Introduction(BaseModel):
    model_config = _sv("Planens inledning.")
    heading: Line = Field(description="Rubrik.")
    paragraphs: tuple[Paragraph, ...] = Field(min_length=1)


class Link(BaseModel):
    model_config = _sv("En länk.")
    text: Text = Field(description="Text före länken, ordagrant.")
    label: Line = Field(description="Länktexten.")
    url: HttpUrl = Field(description="En webbadress som börjar med https:// eller http://.")


class Links(BaseModel):
    model_config = _sv("Planens länkar för mer information.")
    heading: Line = Field(description="Rubrik.")
    items: tuple[Link, ...]


class Footnote(BaseModel):
    model_config = _sv("En fotnot.")
    mark: Line = Field(description="Fotnotstecknet, t.ex. ¹.")
    text: Text = Field(description="Fotnotens text, ordagrant.")


class ActionsIntro(BaseModel):
    model_config = _sv("Inledningen till åtgärderna.")
    heading: Line = Field(description="Rubrik.")
    text: Text = Field(description="Text, ordagrant.")


class Contact(BaseModel):
    model_config = _sv("Kontaktuppgifter ur planen.")
    organisation: Line = Field(description="Organisation.")
    postal_address: Line = Field(description="Postadress.")
    visiting_address: Line = Field(description="Besöksadress.")
    phone: Annotated[Line, Field(pattern=r"^\+?[0-9][0-9 -]{4,30}$")] = Field(description="Telefon, t.ex. 033-35 70 00.")
    email: Email = Field(description="E-postadress, t.ex. namn@boras.se.")
    website: Website = Field(description="Webbplatsens domännamn, t.ex. boras.se (https:// får stå före).")

    @property
    def website_url(self) -> str:
        return "https://" + self.website


class Term(BaseModel):
    model_config = _sv("Ett begrepp.")
    term: Line = Field(description="Begreppet.")
    definition: Text = Field(description="Förklaringen.")
    source: Optional[Line] = Field(None, description="Var i planen förklaringen står. Lämnas tom om förklaringen är skriven för webbplatsen.")
    tooltip: StrictBool = Field(False, description="Verktygstips: förklaringen visas där begreppet förekommer.")

    @property
    def anchor(self) -> str:
        return "begrepp-" + slugify(self.term)


class Help(BaseModel):
    model_config = _sv("Aktuell hjälp som redaktörerna håller uppdaterad: webbplatsens egen information, inte planens.")
    name: Line = Field(description="Vem som hjälper, t.ex. en stödlinje.")
    text: Text = Field(description="Vad man kan få hjälp med, skrivet för webbplatsen.")
    phone: Optional[Annotated[Line, Field(pattern=r"^\+?[0-9][0-9 -]{1,30}$")]] = Field(None, description="Telefon (valfri).")
    url: Optional[HttpsUrl] = Field(None, description="Webbadress (valfri), https://.")
    source: HttpsUrl = Field(description="Var uppgifterna kommer ifrån och kan kontrolleras, https://.")
    checked_on: IsoDate = Field(description="Datum då uppgifterna senast kontrollerades, t.ex. 2026-11-01 (år-månad-dag).")


class Licence(BaseModel):
    model_config = _sv("Beslutad licens för datan.")
    name: Line = Field(description="Licensens namn, t.ex. CC0 1.0.")
    url: HttpUrl = Field(description="Licensens webbadress.")
    decided_by: Line = Field(description="Vem som beslutade licensen.")
    decided_on: IsoDate = Field(description="Beslutsdatum, t.ex. 2026-12-01 (år-månad-dag).")


# DCAT-AP: a dataset's theme is a concept of the EU data-theme table (its label goes into the catalog).
DataTheme = Literal[tuple(DATA_THEMES)]


class OpenData(BaseModel):
    model_config = _sv("Uppgifter för katalogen över öppna data (DCAT-AP-SE) som planen inte anger: webbplatsens egna.")
    organisation_number: Optional[Annotated[StrictStr, Field(pattern=r"^[0-9]{6}-[0-9]{4}$")]] = Field(
        None, description="Utgivarens organisationsnummer, t.ex. 212000-0000. Lämnas tomt tills det är ifyllt från en säker källa."
    )
    licence: Optional[Licence] = Field(
        None, description="Licensen och vem som beslutade den. Lämnas tom tills Borås Stad har beslutat en licens; fyll då i alla fyra uppgifterna."
    )
    keywords: tuple[Line, ...] = Field(min_length=1, description="Nyckelord för dataportaler.")
    theme: DataTheme = Field(description="Datatema ur EU:s vokabulär data-theme, t.ex. http://publications.europa.eu/resource/authority/data-theme/GOVE.")
    spatial: HttpUrl = Field(description="Geografiskt område: en adress ur EU:s förteckning över platser, t.ex. http://publications.europa.eu/resource/authority/place/SWE_BOR.")


class Deficiency(BaseModel):
    model_config = _sv("En känd brist i tillgängligheten.")
    text: Text = Field(description="Bristen och hur man kan göra i stället.")


class Accessibility(BaseModel):
    model_config = _sv("Tillgänglighetsredogörelsen enligt Diggs vägledning: webbplatsens egen text.")
    compliance: Literal["helt", "delvis", "inte"] = Field(description="Hur väl webbplatsen är förenlig med lagen: helt, delvis eller inte.")
    assessed_on: IsoDate = Field(description="När webbplatsen bedömdes, t.ex. 2026-12-02 (år-månad-dag).")
    reviewed_on: IsoDate = Field(description="När redogörelsen senast sågs över, t.ex. 2026-12-02 (år-månad-dag).")
    complaint_url: HttpsUrl = Field(description="Diggs sida för att anmäla brister i tillgängligheten (tillsynsmyndighetens klagoväg).")
    method: Text = Field(description="Hur bedömningen gjordes.")
    deficiencies: tuple[Deficiency, ...] = Field(description="Kända brister. Kan vara tom om inga är kända.")


class Summary(BaseModel):
    model_config = _sv("En sammanfattning skriven för webbplatsen (inte den antagna planen). Ta bort den för att ta bort sidan.")
    written_on: IsoDate = Field(description="När sammanfattningen skrevs, t.ex. 2026-12-02 (år-månad-dag).")
    title: Line = Field(description="Sidans rubrik.")
    paragraphs: tuple[Text, ...] = Field(min_length=1, description="Sammanfattningens stycken.")


class Summaries(BaseModel):
    model_config = _sv("Sammanfattningar skrivna för webbplatsen. Ta bort en för att ta bort dess sida och länkar.")
    easy_read: Optional[Summary] = Field(None, description="Lättläst svenska (MTM:s råd: korta meningar, vanliga ord).")
    finnish: Optional[Summary] = Field(None, description="Sammanfattning på finska (Borås är förvaltningsområde för finska).")


class Feedback(BaseModel):
    model_config = _sv(
        "Vart man vänder sig med frågor och synpunkter på planen, om det är en annan adress än planens kontakt "
        "(webbplatsens egen uppgift). Webbplatsen tar inte emot något själv: den visar bara adressen."
    )
    email: Email = Field(description="E-postadress för frågor och synpunkter på planen, t.ex. kommunstyrelsen@boras.se.")
    name: Optional[Line] = Field(None, description="Vem som tar emot dem (valfri), t.ex. Kommunstyrelsens förvaltning.")


class Plan(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        title="Borås Stads plan som data",
        json_schema_extra={
            "description": "Struktur för data/plan.yaml. Används av webbplatsens bygge och av redigerare för autokomplettering."
        },
    )
    document: Document
    document_types_section: DocumentTypes = Field(alias="document_types")
    introduction_section: Introduction = Field(alias="introduction")
    links_section: Links = Field(alias="links")
    footnotes: tuple[Footnote, ...] = Field(description="Planens fotnoter.")
    actions_intro_section: ActionsIntro = Field(alias="actions_intro")
    recommendations: tuple[Recommendation, ...] = Field(min_length=1, description="Planens rekommendationer i ordning.")
    roles: tuple[Role, ...] = Field(min_length=1, description="Roller och aktörer som planen nämner.")
    contact: Contact
    glossary: tuple[Term, ...] = Field(description="Ordlista.")
    help: tuple[Help, ...] = Field((), description="Aktuell hjälp (webbplatsens egen, daterad och med källa). Kan vara tom.")
    open_data: Optional[OpenData] = Field(None, description="Uppgifter för katalogen över öppna data som planen inte anger.")
    accessibility: Optional[Accessibility] = Field(None, description="Tillgänglighetsredogörelsen (webbplatsens egen).")
    summaries: Optional[Summaries] = Field(None, description="Sammanfattningar skrivna för webbplatsen.")
    feedback: Optional[Feedback] = Field(
        None,
        description="Adress för frågor och synpunkter på planen (valfri). Lämnas den tom visas planens kontaktuppgifter.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem(cls, data, handler, info: ValidationInfo):
        """The rules across fields (checks.py) run beside the fields' own checks, also where those
        fail, so one validation lists every problem. info.context: a checks.Context (the file's
        lines, the build date, the reserved page names), or None (those rules are then skipped)."""
        broken = broken_rules(data, info.context)
        try:
            plan = handler(data)
        except ValidationError as error:
            raise _with_rules(error.errors(include_url=False), broken) from None
        if broken:
            raise _with_rules([], broken)
        return plan

    # The sections as the pages read them.
    @property
    def document_types_heading(self) -> str:
        return self.document_types_section.heading

    @cached_property
    def document_types(self) -> tuple[DocumentType, ...]:
        return tuple(t for g in self.document_types_section.groups for t in g.types)

    @property
    def introduction_heading(self) -> str:
        return self.introduction_section.heading

    @property
    def introduction(self) -> tuple[Paragraph, ...]:
        return self.introduction_section.paragraphs

    @property
    def links_heading(self) -> str:
        return self.links_section.heading

    @property
    def links(self) -> tuple[Link, ...]:
        return self.links_section.items

    @property
    def actions_heading(self) -> str:
        return self.actions_intro_section.heading

    @property
    def actions_intro(self) -> str:
        return self.actions_intro_section.text

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
    def unreported_actions(self) -> tuple[Action, ...]:
        """Actions with nothing reported about them: no status and no log entry."""
        return tuple(a for a in self.actions if not a.follow_up_reported)

    @cached_property
    def status_counts(self) -> tuple[tuple[str, int], ...]:
        """(label, count) for every status and for 'Ej rapporterad', zeros included."""
        return count_statuses(self.actions)

    @cached_property
    def status_counts_by_role(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """The counts of each role's actions (an action with several owners counts for each)."""
        return {role_id: count_statuses(owned) for role_id, owned in self.actions_by_role.items()}

    @property
    def feedback_email(self) -> str:
        """Where questions and views on the plan go: the editors' address, else the plan's contact."""
        return self.feedback.email if self.feedback else self.contact.email

    @property
    def feedback_recipient(self) -> str:
        if self.feedback:
            return self.feedback.name or self.contact.organisation
        return self.contact.organisation

    @cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({a.due for a in self.actions}))

    @cached_property
    def document_type_groups(self) -> tuple[tuple[str, tuple[DocumentType, ...]], ...]:
        return tuple((g.name, g.types) for g in self.document_types_section.groups)

    @cached_property
    def glossary_sorted(self) -> tuple[Term, ...]:
        # Swedish alphabet: å, ä, ö come after z, in that order.
        order = str.maketrans({"å": "{", "ä": "|", "ö": "}"})
        return tuple(sorted(self.glossary, key=lambda t: t.term.casefold().translate(order)))

    @property
    def document_type(self) -> DocumentType:
        return next(t for t in self.document_types if t.id == self.document.type)


def _with_rules(details: list[dict], broken) -> ValidationError:
    """One ValidationError with the fields' errors (as pydantic gave them) and the broken rules."""
    errors = []
    for d in details[: 20 * MAX_PROBLEMS]:  # a huge broken file: the report lists MAX_PROBLEMS of them anyway
        if d["type"] == "plan":  # the model's own messages (_error), kept word for word
            errors.append({"type": _error(d["msg"]), "loc": d["loc"], "input": d["input"]})
        else:
            errors.append({"type": d["type"], "loc": d["loc"], "input": d["input"], **({"ctx": d["ctx"]} if "ctx" in d else {})})
    errors += [{"type": PydanticCustomError(RULE_ERROR, message), "loc": path, "input": None} for path, message in broken]
    return ValidationError.from_exception_data(Plan.__name__, errors)


# --- The editors' files: what each holds, said here (plan_files lays them out) ---------------
# The merged Plan above is what the site renders; these models say which of its facts have their
# home outside plan.yaml. Their fields are the Plan's and Action's own (same types, same Swedish
# descriptions), so the form, the schemas and the checks cannot drift apart.


def _part_of(name: str, model: type[BaseModel], fields: tuple[str, ...], description: str) -> type[BaseModel]:
    return create_model(
        name,
        __config__=ConfigDict(frozen=True, extra="forbid", json_schema_extra={"description": description}),
        **{key: (model.model_fields[key].annotation, model.model_fields[key]) for key in fields},
    )


# One action's report, data/uppfoljning/<id>.yaml: merged into the action with that id.
Report = _part_of(
    "Report", Action, ("id", "status", "log"),
    "Uppföljning av en åtgärd: rapporterad status och anteckningar. Filen heter som åtgärdens id, t.ex. 1.1.yaml.",
)
# The site's own texts, data/webbplats/: one section per file (glossary: the terms written for the site).
SiteTexts = _part_of(
    "SiteTexts", Plan, ("contact", "help", "open_data", "accessibility", "summaries", "feedback", "glossary"),
    "Webbplatsens egna texter: det redaktörerna skriver för webbplatsen, inte planens text.",
)
REPORTED = tuple(k for k in Report.model_fields if k != "id")  # what a report sets on its action
SITE_TEXTS = tuple(SiteTexts.model_fields)
