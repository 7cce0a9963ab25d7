"""The page in headless Chromium, against the live app: what it highlights and
lists is what the API answers for the same text, by keyboard as well as by mouse,
with errors shown in an alert and downloads that hold the records."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.web.conftest import PAGE_KEY, PAGE_MAX_DOCUMENT_BYTES, REPO
from whosaid.candidates import CUE_TYPES
from whosaid.filters import default_min_confidence

pytestmark = pytest.mark.browser

SEED_004 = SEEDS / "004_f0ab65b196963b73.txt"
SEED_000 = SEEDS / "000_ebee7c55fec625e9.txt"
SCREENSHOT = Path(os.environ.get("WHOSAID_SCREENSHOT", REPO / "build" / "page.png"))
# Emoji (two UTF-16 code units each) and accents before and inside the quotes.
EMOJI_TEXT = (
    "Café 🌊 news: “The café is closed,” said Zoë Brandt, the owner. 👍🏽 Later that "
    "day: “He told me ‘never again’ on Monday,” Brandt said. 🎉 Officials said the "
    "street would reopen."
)
# An anonymous source with a reason, a named one, and a quote with no speaker.
ANONYMOUS_TEXT = (
    "“The plant will close in March,” said one official, who spoke on condition of "
    "anonymity because he was not authorized to discuss the plans. Maria Lopez, the "
    "mayor, said the city would fight the closure."
)
KINDS = {"direct": "Direct quote", "indirect": "Indirect quote", "mixed": "Mixed quote"}
# For each quote of an article: the text of its element and of any continuation
# pieces, in document order, and the source it is coloured by.
HIGHLIGHTS = """(articleId) => {
  const root = document.querySelector(`[data-article-id="${CSS.escape(articleId)}"]`);
  const quotes = {};
  for (const mark of root.querySelectorAll("[data-quote-id]")) {
    const id = mark.dataset.quoteId;
    const parts = root.querySelectorAll(`[data-quote-part="${CSS.escape(id)}"]`);
    quotes[id] = {
      text: [mark, ...parts].map((el) => el.textContent).join(""),
      pieces: 1 + parts.length,
      source: mark.dataset.sourceId ?? null,
      focusable: mark.tabIndex === 0,
    };
  }
  return {
    quotes,
    marks: root.querySelectorAll("[data-quote-id]").length,
    text: root.querySelector(".article-text").textContent,
  };
}"""
SOURCES = """(articleId) => {
  const root = document.querySelector(`[data-article-id="${CSS.escape(articleId)}"]`);
  const list = root.querySelector('[data-testid="sources"]');
  return [...list.querySelectorAll("[data-source-id]")].map((item) => ({
    id: item.dataset.sourceId,
    group: item.closest("[data-identification]").dataset.identification,
    name: item.querySelector(".source-name").textContent,
  }));
}"""


def seed(path: Path) -> str:
    if not path.exists():
        pytest.fail(f"Seed article missing: {path} (the shared folder beside the repo)")
    return path.read_text(encoding="utf-8")


def analyse(page, text: str) -> None:
    """Paste ``text`` into the first article box and run it to the end."""
    from playwright.sync_api import expect

    page.get_by_test_id("article-input").fill(text)
    page.get_by_test_id("analyze").click()
    expect(page.get_by_role("status")).to_contain_text("Found")


def expect_highlights_match(page, article_id: str, record: dict[str, Any], text: str):
    """One focusable element per quote, holding exactly the quote's text."""
    shown = page.evaluate(HIGHLIGHTS, article_id)
    assert shown["text"] == text, "the highlighted article is the text as sent"
    assert shown["marks"] == len(record["quotes"])
    assert set(shown["quotes"]) == {q["id"] for q in record["quotes"]}
    for quote in record["quotes"]:
        mark = shown["quotes"][quote["id"]]
        assert mark["text"] == quote["text"], quote["id"]
        assert mark["focusable"], quote["id"]
        speaker = quote["speaker"]
        assert mark["source"] == (speaker["source_id"] if speaker else None)
    return shown


def expect_sources_match(page, article_id: str, record: dict[str, Any]) -> None:
    listed = page.evaluate(SOURCES, article_id)
    assert [s["id"] for s in listed] == [
        s["id"]
        for group in ("named", "partially_named", "anonymous")
        for s in record["sources"]
        if s["identification"] == group
    ]
    expected = {s["id"]: s for s in record["sources"]}
    for item in listed:
        source = expected[item["id"]]
        assert item["group"] == source["identification"]
        assert item["name"] == (source["name"] or source["description"])


def tab_to_first_quote(page) -> str:
    """Press Tab until a quote has the focus; returns its id."""
    for _ in range(20):
        page.keyboard.press("Tab")
        quote_id = page.evaluate("() => document.activeElement.dataset.quoteId ?? null")
        if quote_id:
            return quote_id
    pytest.fail("Tab never reached a quote")


def test_seed_004_end_to_end(page, api):
    from playwright.sync_api import expect

    text = seed(SEED_004)
    record = api(text, "article-1")
    assert len(record["quotes"]) >= 10  # the seed is rich in quotes
    analyse(page, text)

    article = page.locator('[data-article-id="article-1"]')
    expect(article.locator("[data-quote-id]")).to_have_count(len(record["quotes"]))
    expect_highlights_match(page, "article-1", record, text)
    expect_sources_match(page, "article-1", record)
    expect(article.locator("figure.mix svg[role=img]")).to_have_count(1)
    mix = record["source_mix"]
    expect(article.locator("figcaption")).to_contain_text(
        f"{mix['quotes']} quotes from {mix['sources']} sources."
    )

    # The first quote in reading order is reached by keyboard and explained.
    first = tab_to_first_quote(page)
    assert first == min(record["quotes"], key=lambda q: q["start"])["id"]
    expect(page.get_by_role("tooltip")).to_be_visible()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 0


def test_emoji_and_accents_do_not_shift_highlights(page, api):
    record = api(EMOJI_TEXT, "article-1")
    # The test means something only if UTF-16 and code-point offsets differ.
    last = max(record["quotes"], key=lambda q: q["start"])
    assert EMOJI_TEXT.index(last["text"]) < last["start"]
    assert any(q["nested"] for q in record["quotes"])
    analyse(page, EMOJI_TEXT)
    expect_highlights_match(page, "article-1", record, EMOJI_TEXT)
    nested = page.locator('[data-article-id="article-1"] .inner-quote')
    assert nested.all_text_contents() == [
        n["text"] for q in record["quotes"] for n in q["nested"]
    ]


def test_a_quote_explains_itself_on_focus_and_hover(page, api):
    from playwright.sync_api import expect

    record = api(ANONYMOUS_TEXT, "article-1")
    sources = {s["id"]: s for s in record["sources"]}
    analyse(page, ANONYMOUS_TEXT)
    tooltip = page.get_by_role("tooltip")

    # By keyboard: the first quote, whose source is anonymous, and why.
    quote_id = tab_to_first_quote(page)
    quote = next(q for q in record["quotes"] if q["id"] == quote_id)
    source = sources[quote["speaker"]["source_id"]]
    assert source["identification"] == "anonymous" and source["anonymity_reason"]
    expect(tooltip).to_be_visible()
    for fact in (
        f"Speaker{source['description']}",
        f"Cue“{quote['cue']['text']}”",
        f"Kind{KINDS[quote['kind']]}",
        f"IdentificationAnonymous {source['entity_type']}",
        f"Reason for anonymity{source['anonymity_reason']}",
    ):
        expect(tooltip).to_contain_text(fact)
    # Screen readers get the same facts as the quote's description.
    mark = page.locator(f'[data-article-id="article-1"] [data-quote-id="{quote_id}"]')
    expect(mark).to_have_accessible_description(
        re.compile(re.escape(f"Reason for anonymity: {source['anonymity_reason']}"))
    )
    # While the details show, the speaker's and the cue's words are highlighted.
    highlighted = page.evaluate(
        """() => ["whosaid-speaker", "whosaid-cue"].map(
             (name) => [...CSS.highlights.get(name)].map(String))"""
    )
    assert highlighted == [
        [quote["speaker"]["mention"]["text"]],
        [quote["cue"]["text"]],
    ]

    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()

    # By mouse: a quote of a named source.
    named = next(
        q
        for q in record["quotes"]
        if q["speaker"] and sources[q["speaker"]["source_id"]]["name"]
    )
    page.locator(f'[data-quote-id="{named["id"]}"]').hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(sources[named["speaker"]["source_id"]]["name"])
    expect(tooltip).to_contain_text("Not anonymous: the source is named")


def test_an_api_error_is_announced_in_an_alert(page):
    from playwright.sync_api import expect

    too_long = "word " * (PAGE_MAX_DOCUMENT_BYTES // 5 + 1)
    page.get_by_test_id("article-input").fill(too_long)
    page.get_by_test_id("analyze").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Article 1 could not be analysed")
    expect(alert).to_contain_text("413 Request Entity Too Large")
    expect(alert).to_contain_text(f"over the limit of {PAGE_MAX_DOCUMENT_BYTES:,}")
    expect(alert).to_contain_text("request id")
    expect(page.locator('[data-article-id="article-1"] .problem')).to_be_visible()


def test_an_unreachable_service_is_announced(page):
    from playwright.sync_api import expect

    page.route("**/v1/attributions", lambda route: route.abort())
    page.get_by_test_id("article-input").fill("“Yes,” he said.")
    page.get_by_test_id("analyze").click()
    expect(page.get_by_role("alert")).to_contain_text("No answer from whosaid")


def test_nothing_to_analyse_says_so(page):
    from playwright.sync_api import expect

    page.get_by_test_id("analyze").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing to analyse")
    expect(page.get_by_test_id("article-input")).to_be_focused()


def _overlapping_record(text: str) -> dict[str, Any]:
    """A record whose quotes overlap in every way HTML cannot draw naively."""

    def span(words: str) -> dict[str, Any]:
        start = text.index(words)
        return {"start": start, "end": start + len(words), "text": words}

    def speaker(source_id: str, name: str) -> dict[str, Any]:
        return {
            "source_id": source_id,
            "mention": span(name),
            "text": name,
            "name": name,
        }

    def quote(id: str, words: str, kind: str, by: dict | None, nested=()):
        return {
            **span(words),
            "id": id,
            "kind": kind,
            "cue": span("said"),
            "speaker": by,
            "confidence": 0.9,
            "nested": [span(n) for n in nested],
        }

    def source(id: str, name: str, quote_ids: list[str]) -> dict[str, Any]:
        return {
            "id": id,
            "name": name,
            "description": None,
            "identification": "named",
            "entity_type": "person",
            "anonymity_reason": None,
            "mentions": [span(name)],
            "quote_ids": quote_ids,
        }

    alpha, beta = speaker("s1", "Alpha"), speaker("s2", "Beta")
    quotes = [
        quote("q1", "one two three four", "direct", alpha, nested=["three"]),
        quote("q2", "two", "indirect", beta),  # wholly inside q1
        quote("q3", "four” and Beta said five six", "mixed", beta),  # crosses q1's end
        quote("q4", "six seven", "indirect", None),  # crosses q3's end
    ]
    sources = [source("s1", "Alpha", ["q1"]), source("s2", "Beta", ["q2", "q3"])]
    none = {"named": 0, "partially_named": 0, "anonymous": 0}
    kinds = {"person": 0, "organization": 0, "group": 0}
    mix = {
        "sources": 2,
        "quotes": 4,
        "sources_by_identification": {**none, "named": 2},
        "sources_by_entity_type": {**kinds, "person": 2},
        "quotes_by_identification": {**none, "named": 3},
        "quotes_by_entity_type": {**kinds, "person": 3},
        "unattributed_quotes": 1,
    }
    return {"id": "article-1", "quotes": quotes, "sources": sources, "source_mix": mix}


def test_overlapping_quotes_keep_one_element_each(page):
    """Nested and crossing spans, from a stubbed answer: every quote keeps one
    element with its id; a crossing quote continues in a second piece."""
    from playwright.sync_api import expect

    text = "Alpha said “one two three four” and Beta said five six seven. End."
    record = _overlapping_record(text)
    page.route(
        "**/v1/attributions",
        lambda route: route.fulfill(json=record),
    )
    analyse(page, text)
    shown = expect_highlights_match(page, "article-1", record, text)
    assert {i: q["pieces"] for i, q in shown["quotes"].items()} == {
        "q1": 1,
        "q2": 1,
        "q3": 2,
        "q4": 2,
    }
    article = page.locator('[data-article-id="article-1"]')
    # q2 is drawn inside q1, and so is q1's nested "three".
    inside_q1 = article.locator('[data-quote-id="q1"]')
    expect(inside_q1.locator('[data-quote-id="q2"]')).to_have_text("two")
    expect(inside_q1.locator(".inner-quote")).to_have_text("three")
    unattributed = article.locator(".unattributed")
    expect(unattributed).to_contain_text("1 quote without a speaker")


def test_files_opened_or_dropped_become_articles(page, api, web_client):
    from playwright.sync_api import expect

    page.locator("#file-input").set_input_files([SEED_000, SEED_004])
    boxes = page.get_by_test_id("article-input")
    expect(boxes).to_have_count(2)
    dropped = "“We will rebuild,” the mayor said. “It is over,” said Ana Ruiz."
    transfer = page.evaluate_handle(
        """(files) => {
          const data = new DataTransfer();
          for (const [name, text, type] of files) {
            data.items.add(new File([text], name, { type }));
          }
          return data;
        }""",
        [["dropped.txt", dropped, "text/plain"], ["photo.png", "PNG", "image/png"]],
    )
    page.dispatch_event("main", "drop", {"dataTransfer": transfer})
    expect(boxes).to_have_count(3)
    expect(page.get_by_role("alert")).to_contain_text("Skipped photo.png")

    page.get_by_test_id("analyze").click()
    expect(page.get_by_role("status")).to_contain_text("in 3 articles")
    texts = {path.stem: seed(path) for path in (SEED_000, SEED_004)}
    texts["dropped"] = dropped
    expect(page.locator("[data-article-id]")).to_have_count(3)
    records = []
    for article_id, text in texts.items():
        record = api(text, article_id)
        records.append(record)
        expect_highlights_match(page, article_id, record, text)
        expect_sources_match(page, article_id, record)
    overall = page.locator("#overall")
    expect(overall).to_be_visible()
    expect(overall.get_by_role("heading", level=3)).to_have_text("All 3 articles")
    # The chart counts the sources across the articles, as /v1/sources merges them.
    merged = web_client.post("/v1/sources", json=records).get_json()
    quotes = sum(r["source_mix"]["quotes"] for r in records)
    assert merged["source_mix"]["quotes"] == quotes
    sources = merged["source_mix"]["sources"]
    expect(overall.locator("figcaption")).to_contain_text(
        f"{quotes} quotes from {sources} sources."
    )


# Two articles that quote one person, by full name and by surname, and an
# anonymous source in each.
SAME_PERSON = {
    "pier": (
        "“We will rebuild the pier,” said Ingrid Solberg, the harbour master. "
        "“The storm took everything,” said a fisherman who declined to be named."
    ),
    "pier-2": (
        "“The pier opens in May,” Solberg told reporters on Friday. “We are not "
        "sure,” a fisherman said, speaking on condition of anonymity."
    ),
}
OVERALL_SOURCES = """() => {
  const list = document.querySelector('[data-testid="overall-sources"]');
  return [...list.querySelectorAll("[data-batch-source-id]")].map((item) => ({
    id: item.dataset.batchSourceId,
    group: item.closest("[data-identification]").dataset.identification,
    name: item.querySelector(".source-name").textContent,
    meta: item.querySelector(".source-meta").textContent,
    articles: item.querySelector(".source-articles").textContent,
  }));
}"""


def test_all_articles_lists_each_person_once(page, api, web_client):
    from playwright.sync_api import expect

    page.get_by_role("button", name="Add another article").click()
    boxes = page.get_by_test_id("article-input")
    titles = page.locator(".article-title")
    for n, (title, text) in enumerate(SAME_PERSON.items()):
        titles.nth(n).fill(title)
        boxes.nth(n).fill(text)
    page.get_by_test_id("analyze").click()
    expect(page.get_by_role("status")).to_contain_text("in 2 articles")
    records = [api(text, title) for title, text in SAME_PERSON.items()]
    merged = web_client.post("/v1/sources", json=records).get_json()["sources"]

    listed = page.evaluate(OVERALL_SOURCES)
    by_group = {
        group: [s["id"] for s in merged if s["identification"] == group]
        for group in ("named", "partially_named", "anonymous")
    }
    assert [s["id"] for s in listed] == [i for ids in by_group.values() for i in ids]
    solberg = [s for s in listed if "Solberg" in s["name"]]
    assert len(solberg) == 1
    assert solberg[0]["name"] == "Ingrid Solberg"
    assert solberg[0]["group"] == "named"
    assert solberg[0]["meta"] == "Person · 2 quotes · 2 articles"
    assert solberg[0]["articles"] == "In Article 1 (pier), Article 2 (pier-2)"
    # The two anonymous fishermen are never taken for one.
    fishermen = [s for s in listed if s["group"] == "anonymous"]
    assert len(fishermen) == 2
    assert all(s["meta"].endswith("· 1 article") for s in fishermen)


def test_the_records_download_as_json_and_csv(page, api):
    text = seed(SEED_004)
    record = api(text, "article-1")
    analyse(page, text)

    with page.expect_download() as download:
        page.get_by_role("button", name="Records (JSON)").click()
    assert download.value.suggested_filename == "whosaid-records.json"
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert json.loads(saved) == [record]

    with page.expect_download() as download:
        page.get_by_role("button", name="Quotes (CSV)").click()
    assert download.value.suggested_filename == "whosaid-quotes.csv"
    with open(download.value.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    sources = {s["id"]: s for s in record["sources"]}
    assert [r["quote_id"] for r in rows] == [q["id"] for q in record["quotes"]]
    for row, quote in zip(rows, record["quotes"], strict=True):
        source = sources[quote["speaker"]["source_id"]]
        assert row["article_id"] == "article-1"
        assert row["quote"] == quote["text"]
        assert (int(row["start_utf16"]), int(row["end_utf16"])) == (
            quote["start"],
            quote["end"],
        )
        assert row["identification"] == source["identification"]
        assert row["source_name"] == (source["name"] or source["description"])
        assert row["role"] == source["role"]
        assert row["gender"] == (source["gender"] or "")


def _mix(named: int, partial: int, anonymous: int) -> dict[str, Any]:
    """A source mix of persons with one quote each."""
    by = {"named": named, "partially_named": partial, "anonymous": anonymous}
    people = {"person": named + partial + anonymous, "organization": 0, "group": 0}
    total = named + partial + anonymous
    return {
        "sources": total,
        "quotes": total,
        "sources_by_identification": by,
        "sources_by_entity_type": people,
        "quotes_by_identification": by,
        "quotes_by_entity_type": people,
        "unattributed_quotes": 0,
    }


# Sources listed in the record in an order the page must regroup: named ones
# are first in the list, then partially named, then anonymous.
MIXED_TEXT = (
    "“The bridge is unsafe,” one engineer said. “We will close it,” said Ana Ruiz. "
    "“It is fine,” said Tom, a driver. “Repairs start soon,” said Ben Okafor."
)
MIXED_SOURCES = [
    ("s1", None, "one engineer", "anonymous"),
    ("s2", "Ana Ruiz", None, "named"),
    ("s3", "Tom", "a driver", "partially_named"),
    ("s4", "Ben Okafor", None, "named"),
]
CHART_COLOURS = """() => [...document.querySelectorAll(".pattern-defs [fill]")]
  .map((el) => el.getAttribute("fill"))"""
HIGHLIGHT_COLOURS = """() => [
  ...document.querySelectorAll("mark.quote[data-source-id]")].flatMap((mark) => {
    const style = getComputedStyle(mark);
    return [style.backgroundColor, style.borderBottomColor];
  })"""
SEGMENTS = """(figure) => [...figure.querySelectorAll("svg.chart rect.chart-segment")]
  .map((rect) => {
    const box = rect.getBBox();
    const label = [...figure.querySelectorAll("svg.chart text.chart-count")].find(
      (text) => {
        const t = text.getBBox();
        return t.x >= box.x && t.x + t.width <= box.x + box.width &&
               t.y >= box.y && t.y + t.height <= box.y + box.height;
      });
    return {
      fill: rect.getAttribute("fill"),
      y: box.y,
      label: label ? label.textContent : null,
      count: rect.querySelector("title").textContent,
    };
  })"""


def _mixed_record(text: str, article_id: str, mix: dict[str, Any]) -> dict[str, Any]:
    quotes, sources = [], []
    for n, (sid, name, description, identification) in enumerate(MIXED_SOURCES):
        words = ["The bridge is unsafe,", "We will close it,", "It is fine,"]
        words.append("Repairs start soon,")
        start = text.index(words[n])
        quotes.append(
            {
                "id": f"q{n + 1}",
                "start": start,
                "end": start + len(words[n]),
                "text": words[n],
                "kind": "direct",
                "cue": None,
                "speaker": None,
                "confidence": 0.9,
                "nested": [],
            }
        )
        written = name or description
        at = text.index(written)
        mention = {"start": at, "end": at + len(written), "text": written}
        quotes[-1]["speaker"] = {
            "source_id": sid,
            "mention": mention,
            "text": written,
            "name": name,
        }
        sources.append(
            {
                "id": sid,
                "name": name,
                "description": description,
                "identification": identification,
                "entity_type": "person",
                "anonymity_reason": None,
                "mentions": [mention],
                "quote_ids": [f"q{n + 1}"],
            }
        )
    return {"id": article_id, "quotes": quotes, "sources": sources, "source_mix": mix}


def _chromatic(colour: str) -> int:
    """How far from grey a CSS colour is: the spread of its channels."""
    if colour.startswith("#"):
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        channels = [int(c) for c in re.findall(r"\d+", colour)[:3]]
    return max(channels) - min(channels)


def test_sources_charts_and_colours_read_unambiguously(page):
    """Two stubbed articles whose sum has one partially named source among 36:
    every bar segment shows its count; sources are numbered 1, 2, 3 … down the
    list and quotes Q1, Q2 …; no highlight colour is one of the chart's."""
    from playwright.sync_api import expect

    mixes = {"article-1": _mix(12, 1, 9), "article-2": _mix(8, 0, 6)}

    def answer(route):
        article_id = json.loads(route.request.post_data)["id"]
        route.fulfill(json=_mixed_record(MIXED_TEXT, article_id, mixes[article_id]))

    page.route("**/v1/attributions", answer)
    page.get_by_test_id("article-input").fill(MIXED_TEXT)
    page.get_by_role("button", name="Add another article").click()
    page.get_by_test_id("article-input").nth(1).fill(MIXED_TEXT)
    page.get_by_test_id("analyze").click()
    expect(page.get_by_role("status")).to_contain_text("in 2 articles")

    # Every segment of every bar carries its count, the lone "1" of the first
    # article's one partially named source among 22 included. (The chart for all
    # articles counts the merged sources, where first names alone stay apart.)
    first = page.locator('[data-article-id="article-1"] figure.mix').first
    segments = first.evaluate(SEGMENTS)
    assert segments and all(s["label"] is not None for s in segments), segments
    partial = [s for s in segments if s["fill"] == "url(#fill-partially_named)"]
    assert [s["label"] for s in partial] == ["1", "1"]  # sources, then quotes
    for figure in page.locator("figure.mix").all():
        assert all(s["label"] for s in figure.evaluate(SEGMENTS))

    # Sources numbered down the list; each highlight starts with its number.
    article = page.locator('[data-article-id="article-1"]')
    listed = article.locator(".source-list > li")
    assert listed.evaluate_all("(items) => items.map((i) => i.dataset.sourceId)") == [
        "s2",
        "s4",
        "s3",
        "s1",
    ]
    numbers = article.locator(".source-label").all_text_contents()
    assert numbers == ["Source 1", "Source 2", "Source 3", "Source 4"]
    number_of = {"s2": "1", "s4": "2", "s3": "3", "s1": "4"}
    for mark in article.locator("mark[data-quote-id]").all():
        assert (
            mark.get_attribute("data-label")
            == number_of[mark.get_attribute("data-source-id")]
        )
    # A source's quotes are written Q1, Q2 …, never as bare numbers.
    links = article.locator(".source-quotes a")
    assert links.all_text_contents() == ["Q2", "Q4", "Q3", "Q1"]
    expect(links.first).to_have_accessible_name("Quote 2")

    # Hues belong to sources: the chart's fills are greys, highlights are not.
    chart = page.evaluate(CHART_COLOURS)
    assert chart and all(_chromatic(c) == 0 for c in chart), chart
    highlights = page.evaluate(HIGHLIGHT_COLOURS)
    assert highlights and all(_chromatic(c) >= 24 for c in highlights), highlights

    # Nothing on the page speaks of encodings.
    words = page.locator("body").inner_text()
    assert "UTF-16" not in words and "code unit" not in words


KEYED_TEXT = "“The dam will hold,” said Maria Lopez."
ATTRIBUTIONS = "/v1/attributions"


def test_behind_an_api_key_the_page_asks_for_it_and_keeps_it_out_of_sight(
    keyed_page,
):
    from playwright.sync_api import expect

    page = keyed_page
    sent = []
    page.on("request", lambda request: sent.append(request))
    page.get_by_test_id("article-input").fill(KEYED_TEXT)
    page.get_by_test_id("analyze").click()

    dialog = page.get_by_role("dialog", name="A key is needed")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("asks for a key")
    expect(page.get_by_test_id("key-input")).to_be_focused()
    page.get_by_test_id("key-input").fill("not-the-key-0123456789")
    dialog.get_by_role("button", name="Use this key").click()
    expect(dialog).to_contain_text("did not accept that key")
    page.get_by_test_id("key-input").fill(PAGE_KEY)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Found 1 quote")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("alert")).to_be_empty()

    # Asked once: the next analysis sends the key without a question.
    page.get_by_test_id("analyze").click()
    expect(page.locator("[data-article-id]")).to_have_count(1)
    page.wait_for_function(
        "(n) => performance.getEntriesByType('resource')"
        ".filter((e) => e.name.endsWith('/v1/attributions')).length >= n",
        arg=4,
    )
    expect(dialog).to_be_hidden()
    calls = [r for r in sent if r.url.endswith(ATTRIBUTIONS)]
    assert [r.all_headers().get("authorization") for r in calls] == [
        None,
        "Bearer not-the-key-0123456789",
        f"Bearer {PAGE_KEY}",
        f"Bearer {PAGE_KEY}",
    ]
    # Never in an address, in storage, in a cookie, or left in the form.
    assert not any(PAGE_KEY in r.url for r in sent)
    kept = page.evaluate(
        "() => [localStorage.length, sessionStorage.length, document.cookie]"
    )
    assert kept == [0, 0, ""]
    assert page.get_by_test_id("key-input").input_value() == ""
    assert PAGE_KEY not in page.content()

    # A reload forgets it: the page asks again.
    page.reload()
    page.get_by_test_id("article-input").fill(KEYED_TEXT)
    page.get_by_test_id("analyze").click()
    expect(dialog).to_be_visible()


def test_behind_an_api_key_cancelling_reports_the_401_once(keyed_page):
    from playwright.sync_api import expect

    page = keyed_page
    page.get_by_test_id("article-input").fill(KEYED_TEXT)
    page.get_by_role("button", name="Add another article").click()
    page.get_by_test_id("article-input").nth(1).fill(KEYED_TEXT)
    page.get_by_test_id("analyze").click()
    dialog = page.get_by_role("dialog", name="A key is needed")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Article 1 could not be analysed. 401")
    expect(alert).to_contain_text("Article 2 could not be analysed. 401")
    expect(dialog).to_be_hidden()


FILTER_TEXT = (
    "The mayor said the bridge will reopen in May. The council wrote that the "
    "tolls will stay. The ferry company declined to comment."
)


def test_the_filters_show_statements_only_and_declined_comment(page, api):
    from playwright.sync_api import expect

    page.wait_for_selector('input[name="cue-type"]')
    boxes = page.locator('input[name="cue-type"]')
    assert [boxes.nth(i).get_attribute("value") for i in range(boxes.count())] == list(
        CUE_TYPES
    )
    assert float(page.get_by_test_id("min-confidence").input_value()) == (
        default_min_confidence()
    )
    page.get_by_test_id("min-confidence").fill("0")
    page.get_by_test_id("statements-only").click()
    analyse(page, FILTER_TEXT)
    article = page.locator('[data-article-id="article-1"]')
    expect(article.locator("[data-quote-id]")).to_have_count(1)
    page.locator("[data-quote-id]").first.focus()
    expect(page.get_by_role("tooltip")).to_contain_text("(statement)")
    declined = article.get_by_test_id("declined")
    expect(declined).to_contain_text("Declined to comment (1)")
    expect(declined).to_contain_text("declined to comment")
    record = api(FILTER_TEXT, "article-1")
    assert record["declined"] and record["source_mix"]["declined"] == 1


PROFILE_TEXT = (
    "“The bridge tolls will pay for the repairs,” said Maria Lopez, the mayor. "
    "She said the city would fight the closure. Residents said the water was rising."
)


def test_each_source_shows_its_role_gender_and_key_terms(page, api):
    from playwright.sync_api import expect

    record = api(PROFILE_TEXT, "article-1")
    analyse(page, PROFILE_TEXT)
    article = page.locator('[data-article-id="article-1"]')
    lopez = next(s for s in record["sources"] if s["name"] == "Maria Lopez")
    assert (lopez["role"], lopez["gender"]) == ("politician", "female")
    item = article.locator(f'li.source[data-source-id="{lopez["id"]}"]')
    expect(item.locator(".source-role")).to_have_text("Role: politician, from “mayor”")
    expect(item.locator(".source-gender")).to_have_text(
        "Gender: female, from “She” (a pronoun that refers to the source)"
    )
    terms = ", ".join(t["term"] for t in lopez["key_terms"])
    assert terms
    expect(item.locator(".source-terms")).to_have_text(f"Talked about: {terms}")
    # A group has no gender to show; the chart counts sources by role.
    residents = next(s for s in record["sources"] if s["entity_type"] == "group")
    group_item = article.locator(f'li.source[data-source-id="{residents["id"]}"]')
    expect(group_item.locator(".source-role")).to_have_text(
        "Role: citizen, from “Residents”"
    )
    expect(group_item.locator(".source-gender")).to_have_count(0)
    expect(article.locator("figcaption")).to_contain_text(
        "Sources by role: 1 from politicians, 0 from officials"
    )
    expect(article.locator("figcaption")).to_contain_text(
        "Sources who are people, by gender: 1 female, 0 male, 0 gender unknown."
    )
