"""Claims (SPEC §9): statements from news reports with verdicts, the records that decide them and
their evidence; the `claims` list, claim cards, `--as-of`, `check`, and ClaimReview JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lunarfacts.files import bundled_path
from lunarfacts.loader import load_facts
from lunarfacts.model import Claim
from lunarfacts.vocab import Verdict

from .conftest import Runner


def _ids(out: str) -> list[str]:
    return [row["id"] for row in json.loads(out)]


def test_claims_list_filters_by_verdict_date_and_about(mini: Runner) -> None:
    assert _ids(mini("claims", "--json").out) == ["claim-first-return", "claim-crew-named"]
    assert _ids(mini("claims", "--verdict", "false", "--json").out) == ["claim-crew-named"]
    assert _ids(mini("claims", "--since", "2021", "--json").out) == ["claim-crew-named"]
    assert _ids(mini("claims", "--until", "2020", "--json").out) == ["claim-first-return"]
    # about an organization, or about a record it runs
    assert _ids(mini("claims", "--organization", "agency-b", "--json").out) == ["claim-crew-named"]
    assert _ids(mini("claims", "--organization", "agency-a", "--json").out) == ["claim-first-return"]
    assert _ids(mini("claims", "--country", "xa", "--json").out) == ["claim-first-return"]
    assert _ids(mini("claims", "--program", "moonshot", "--json").out) == [
        "claim-first-return",
        "claim-crew-named",
    ]


def test_a_claim_card_quotes_names_the_report_gives_the_verdict_and_what_decides_it(mini: Runner) -> None:
    out = mini("show", "claim-crew-named", "--format", "table").out
    lines = out.splitlines()
    assert lines[0] == "Lander 2's crew was named in 2024  claim claim-crew-named"
    assert lines[1] == "“The crew of Lander 2 was named in 2024, Agency B said.”"
    assert lines[2] == "— Test Times, “Crew news”, 2025-07-01"
    assert lines[3] == "  https://example.org/crew-news"
    assert "verdict: FALSE" in lines and "Agency B named the crew on 2025-06-01." in lines
    about = out[out.index("About (2)") :]
    assert "lander-2  Lander 2  mission" in about and "launch_date: 2027" in about


def test_a_records_card_lists_the_claims_about_it(mini: Runner) -> None:
    out = mini("show", "lander-1", "--format", "table").out
    assert "Claims about it (1)" in out and "claim-first-return  Lander 1 was the first" in out


def test_as_of_leaves_out_claims_published_later(mini: Runner) -> None:
    assert _ids(mini("--as-of", "2020-12-16", "claims", "--json").out) == []
    assert _ids(mini("--as-of", "2020-12-17", "claims", "--json").out) == ["claim-first-return"]


def test_search_compare_and_sources_work_on_claims(mini: Runner) -> None:
    assert "claim-crew-named" in _ids(mini("search", "crew", "named", "--json").out)
    compared = mini("compare", "claim-first-return", "claim-crew-named", "--format", "tsv").out
    assert "verdict\ttrue\tfalse\ttrue" in compared
    sources = json.loads(mini("sources", "claim-crew-named", "--json").out)
    assert [s["url"] for s in sources] == ["https://example.org/crew"]


CLAIM = """
[[claims]]
id = "probe-claim"
name = "A claim"
statement = "Something."
published = {{ url = "https://example.org/report", title = "Report"{date} }}
verdict = "{verdict}"
summary = "Why."
about = [{about}]
sources = [{{ url = "{evidence}", title = "Evidence", kind = "press" }}]
as_of = 2026-01-01
"""


@pytest.mark.parametrize(
    ("values", "code", "problem"),
    [
        (
            {"verdict": "pants-on-fire"},
            1,
            "field 'verdict': expected one of true, mostly-true, misleading",
        ),
        ({"about": '"no-such-record"'}, 1, "field 'about': refers to 'no-such-record', which is no program"),
        ({"about": ""}, 1, "field 'about': needs at least one item"),
        ({"date": ""}, 1, "lint: the report needs a date"),
        ({"evidence": "https://example.org/report"}, 1, "lint: a claim needs evidence"),
    ],
)
def test_check_validates_claims(
    mini: Runner, tmp_path: Path, values: dict[str, str], code: int, problem: str
) -> None:
    fields = {
        "date": ", date = 2024-01-01",
        "verdict": "true",
        "about": '"lander-1"',
        "evidence": "https://example.org/evidence",
    }
    overlay = tmp_path / "claims.toml"
    overlay.write_text(CLAIM.format(**{**fields, **values}))
    result = mini("check", str(overlay))
    assert result.code == code
    assert any(problem in line for line in result.out.splitlines()), result.out
    good = tmp_path / "good.toml"
    good.write_text(CLAIM.format(**fields))
    assert mini("check", str(good)).code == 0


# --- ClaimReview JSON-LD ----------------------------------------------------------------------

REQUIRED = (
    "@context",
    "@type",
    "url",
    "claimReviewed",
    "reviewRating",
    "author",
    "datePublished",
    "itemReviewed",
)


def _reviews(mini: Runner, *extra: str) -> list[dict[str, object]]:
    result = mini("export", "claimreview", "-", *extra)
    assert result.code == 0, result.err
    reviews = json.loads(result.out)
    assert isinstance(reviews, list)
    return reviews


def test_claimreview_has_what_published_markup_requires(mini: Runner) -> None:
    """Google's ClaimReview requirements and schema.org's shape, checked offline (the remote
    @context is never fetched): one object per claim."""
    reviews = _reviews(mini, "--base-url", "https://checks.example.org/", "--author", "Test Desk")
    assert len(reviews) == 2
    for review in reviews:
        assert all(key in review for key in REQUIRED), review.keys()
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert str(review["url"]).startswith("https://checks.example.org/claim-")
        rating = review["reviewRating"]
        assert isinstance(rating, dict) and rating["@type"] == "Rating"
        assert 1 <= rating["ratingValue"] <= 5 and rating["alternateName"]
        assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
        assert review["author"] == {"@type": "Organization", "name": "Test Desk"}
        item = review["itemReviewed"]
        assert isinstance(item, dict) and item["@type"] == "Claim"
        assert str(item["appearance"]["url"]).startswith("https://")
        assert item["datePublished"]
    first, second = reviews
    assert first["reviewRating"]["alternateName"] == "True" and second["reviewRating"]["ratingValue"] == 1


def test_claimreview_to_a_file_and_without_a_base_url(mini: Runner, tmp_path: Path) -> None:
    path = tmp_path / "reviews.json"
    result = mini("export", "claimreview", str(path))
    assert result.code == 0 and result.out == ""
    assert "wrote" in result.err and "--base-url" in result.err
    reviews = json.loads(path.read_text())
    assert [r["url"] for r in reviews] == [
        "urn:lunarfacts:claim:claim-first-return",
        "urn:lunarfacts:claim:claim-crew-named",
    ]
    assert mini("export", "claimreview", str(path)).code == 1  # exists: --force replaces it
    assert mini("export", "sqlite", "-").code == 2


# --- the bundled claims -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def claims() -> dict[str, Claim]:
    base = load_facts([bundled_path()]).base
    found = {c.id: c for c in base.of_type("claim") if isinstance(c, Claim)}
    for claim in found.values():
        assert all(ref in base.by_id for ref in claim.about)
    return found


def test_at_least_thirty_claims_from_five_reports_each_with_evidence(claims: dict[str, Claim]) -> None:
    assert len(claims) >= 30
    assert len({c.published.url for c in claims.values() if c.published}) >= 5
    for claim in claims.values():
        assert claim.verdict in Verdict.values() and claim.about, claim.id
        assert any(s.url != (claim.published.url if claim.published else "") for s in claim.sources), claim.id


def test_the_seed_reports_errors_are_not_rated_true(claims: dict[str, Claim]) -> None:
    assert claims["seed-budget-rank"].verdict not in ("true", "mostly-true")
    assert claims["seed-nine-more-countries-joined-artemis"].verdict not in ("true", "mostly-true")
    assert claims["seed-china-third-sample-return-country"].verdict == "true"
