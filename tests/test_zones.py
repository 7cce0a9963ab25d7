"""The library frees each document's new strings once its record is read, so a
long-running caller does not grow with every new word; the records stay whole."""

from __future__ import annotations

from whosaid import extract, extract_many
from whosaid.batch.readers import Item
from whosaid.batch.runners import process
from whosaid.zones import DOCS_PER_ZONE, memory_zone


def quote(n: int) -> str:
    return f"“The Brellix{n} line is closed,” said Talvo{n}a Quennimark, a spokeswoman."


def test_extract_keeps_no_new_string(nlp):
    record = extract(quote(0), nlp=nlp)
    assert record.quotes[0].text == "The Brellix0 line is closed,"
    assert record.quotes[0].speaker.text == "Talvo0a Quennimark"
    assert "Brellix0" not in nlp.vocab.strings
    assert "Quennimark" not in nlp.vocab.strings


def test_extract_many_keeps_no_new_string_across_zones(nlp):
    n = DOCS_PER_ZONE + 5
    records = list(extract_many(((str(i), quote(i)) for i in range(n)), nlp=nlp))
    assert [r.id for r in records] == [str(i) for i in range(n)]
    assert [r.quotes[0].text for r in records] == [
        f"The Brellix{i} line is closed," for i in range(n)
    ]
    assert not any(f"Brellix{i}" in nlp.vocab.strings for i in range(n))


def test_inside_the_callers_zone(nlp):
    with nlp.memory_zone():
        record = extract(quote(7), nlp=nlp)
        assert nlp.vocab.in_memory_zone
    assert record.quotes[0].text == "The Brellix7 line is closed,"
    assert not nlp.vocab.in_memory_zone
    assert "Brellix7" not in nlp.vocab.strings


def test_memory_zone_does_not_nest(nlp):
    with memory_zone(nlp):
        with memory_zone(nlp):
            nlp.make_doc("Ostravine")
        assert nlp.vocab.in_memory_zone
    assert "Ostravine" not in nlp.vocab.strings


def test_batch_runs_keep_no_new_string(nlp):
    items = [Item(f"f:{i}", str(i), text=quote(100 + i)) for i in range(3)]
    outcomes = list(process(items, nlp, batch_size=2))
    assert [o.record["quotes"][0]["text"] for o in outcomes] == [
        f"The Brellix{100 + i} line is closed," for i in range(3)
    ]
    assert not any(f"Brellix{100 + i}" in nlp.vocab.strings for i in range(3))
