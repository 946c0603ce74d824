import datetime as dt

from boras_plan.lifecycle import build_date, plan_period


def test_period_has_ended_after_valid_through(committed_plan):  # the adopted plan's own dates
    doc = committed_plan.document
    period = plan_period(doc, dt.date(2020, 1, 1))
    assert period.ended
    assert period.text.startswith("Fastställd av Kommunstyrelsen den 30 maj 2016. Planen gällde till och med 2019: planperioden har gått ut.")
    assert "känner inte till något dokument som ersatt den" in period.text


def test_period_in_force_until_the_end_of_its_last_year(committed_plan):  # the adopted plan's own dates
    doc = committed_plan.document
    period = plan_period(doc, dt.date(2019, 12, 31))
    assert not period.ended and "gäller till och med 2019" in period.text


def test_replacement_link_is_passed_on(committed_plan):  # the adopted plan's own dates
    doc = committed_plan.document
    period = plan_period(doc.model_copy(update={"replaced_by": "https://example.se/ny-plan"}), dt.date(2026, 1, 1))
    assert period.replaced_by == "https://example.se/ny-plan" and "känner inte till" not in period.text


def test_build_date_can_be_pinned(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1577836800")
    assert build_date() == dt.date(2020, 1, 1)
