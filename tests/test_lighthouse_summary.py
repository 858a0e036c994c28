"""scripts/lighthouse.py's arithmetic: medians of the runs, the audits that failed, the targets."""

from __future__ import annotations

import lighthouse


def _report(performance: float, accessibility: float = 1.0, audits: dict | None = None) -> dict:
    """A Lighthouse JSON report reduced to what the script reads."""
    scores = {"performance": performance, "accessibility": accessibility, "best-practices": 1.0, "seo": 1.0}
    refs = {
        "performance": [{"id": "largest-contentful-paint", "weight": 25}, {"id": "diagnostics", "weight": 0}],
        "accessibility": [{"id": "color-contrast", "weight": 7}],
        "best-practices": [],
        "seo": [],
    }
    categories = {name: {"score": score, "auditRefs": refs[name]} for name, score in scores.items()}
    return {"categories": categories, "audits": audits or {}}


def _audit(title: str, mode: str, score: float | None, value: str = "") -> dict:
    return {"title": title, "scoreDisplayMode": mode, "score": score, "displayValue": value}


def test_scores_are_the_median_of_the_runs():
    """Three runs on a loaded machine: the middle one counts, not the best or the worst."""
    summary = lighthouse.summarize([_report(0.91), _report(0.99), _report(0.97)], lighthouse.TARGETS["search"])
    assert summary["scores"]["performance"] == 0.97
    assert [run["performance"] for run in summary["runs"]] == [0.91, 0.99, 0.97]
    assert summary["meets_targets"] is True


def test_a_target_missed_by_the_median_is_reported():
    """A guide page needs performance 0.98 and accessibility 1.0."""
    summary = lighthouse.summarize([_report(0.99, 0.93), _report(0.99, 0.93)], lighthouse.TARGETS["guide"])
    assert summary["meets_targets"] is False


def test_failing_audits_are_those_that_count_and_did_not_pass():
    """A pass/fail audit below 1 and a metric below 0.9 are listed with their value; an audit of weight 0, a
    metric at 0.95 and an audit that does not apply are not."""
    audits = {
        "color-contrast": _audit("Contrast", "binary", 0),
        "largest-contentful-paint": _audit("Largest Contentful Paint", "numeric", 0.76, "3.1 s"),
        "diagnostics": _audit("Diagnostics", "informative", None),
    }
    assert lighthouse.failing_audits(_report(0.9, 0.9, audits)) == {
        "color-contrast": "Contrast",
        "largest-contentful-paint": "Largest Contentful Paint (3.1 s)",
    }
    audits["largest-contentful-paint"] = _audit("Largest Contentful Paint", "numeric", 0.95, "2.2 s")
    audits["color-contrast"] = _audit("Contrast", "notApplicable", None)
    assert lighthouse.failing_audits(_report(0.99, 1.0, audits)) == {}
