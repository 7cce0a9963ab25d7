"""The options as pure functions on hand-built records: UTF-16 offsets on every
span, and the kinds filter keeping sources and the mix consistent."""

from __future__ import annotations

from whosaid.api.options import (
    CODEPOINT,
    UTF16,
    Options,
    keep_kinds,
    shape,
    utf16_offset,
)
from whosaid.mix import source_mix
from whosaid.records import (
    CueSpan,
    Declined,
    Quote,
    Record,
    Source,
    Speaker,
    TextSpan,
)

TEXT = "🎉 “Go ‘now’,” said Ana 👍🏽. Officials said it was over."


def span(text: str, part: str, after: int = 0) -> TextSpan:
    start = text.index(part, after)
    return TextSpan(start, start + len(part), part)


def cue(text: str, part: str, after: int = 0, type: str = "statement") -> CueSpan:
    found = span(text, part, after)
    return CueSpan(found.start, found.end, found.text, type)


def record() -> Record:
    ana, officials = span(TEXT, "Ana"), span(TEXT, "Officials")
    direct = span(TEXT, "Go ‘now’,")
    indirect = span(TEXT, "it was over")
    quotes = (
        Quote(
            "q1",
            direct.start,
            direct.end,
            direct.text,
            "direct",
            cue=cue(TEXT, "said"),
            speaker=Speaker("s1", ana, "Ana"),
            confidence=0.9,
            nested=(span(TEXT, "now"),),
        ),
        Quote(
            "q2",
            indirect.start,
            indirect.end,
            indirect.text,
            "indirect",
            cue=cue(TEXT, "said", officials.end, "belief"),
            speaker=Speaker("s2", officials),
            confidence=0.8,
        ),
    )
    sources = (
        Source(
            "s1", "Ana", None, "named", "person", mentions=(ana,), quote_ids=("q1",)
        ),
        Source(
            "s2",
            None,
            "Officials",
            "anonymous",
            "group",
            mentions=(officials,),
            quote_ids=("q2",),
        ),
        Source("s3", "Bo", None, "named", "person", mentions=(), quote_ids=()),
    )
    return Record("r", quotes, sources, source_mix(quotes, sources))


def all_spans(rec: Record) -> list[TextSpan]:
    out: list[TextSpan] = []
    for q in rec.quotes:
        out.append(TextSpan(q.start, q.end, q.text))
        out.extend(q.nested)
        out.extend(s for s in (q.cue, q.speaker and q.speaker.mention) if s)
    for s in rec.sources:
        out.extend(s.mentions)
    return out


def test_utf16_offset_counts_astral_characters_twice():
    # The skin-tone modifier 🏽 is a character of its own, astral too.
    to16 = utf16_offset("a😀b👍🏽c")
    assert [to16(i) for i in range(7)] == [0, 1, 3, 4, 6, 8, 9]
    assert utf16_offset("plain é text")(7) == 7


def test_utf16_converts_every_span_of_the_record():
    original = record()
    shaped = shape(original, TEXT, Options(offsets=UTF16))
    encoded = TEXT.encode("utf-16-le")
    spans = all_spans(shaped)
    assert len(spans) == len(all_spans(original)) == 9
    for s in spans:
        assert encoded[2 * s.start : 2 * s.end].decode("utf-16-le") == s.text
    assert all(
        a.start != b.start for a, b in zip(spans, all_spans(original), strict=True)
    )


def test_defaults_leave_the_record_as_it_is():
    original = record()
    assert shape(original, TEXT, Options()) == original
    assert Options() == Options(offsets=CODEPOINT, kinds=frozenset(Options().kinds))


def test_keep_kinds_drops_quotes_and_the_sources_left_without_any():
    kept = keep_kinds(record(), ["direct"])
    assert [q.id for q in kept.quotes] == ["q1"]
    # s2 lost its only quote; s3 never had one and stays.
    assert [s.id for s in kept.sources] == ["s1", "s3"]
    assert kept.source_mix == source_mix(kept.quotes, kept.sources)
    assert kept.source_mix.quotes == 1
    assert kept.source_mix.sources_by_entity_type["group"] == 0


def test_keep_kinds_trims_quote_ids_of_a_source_that_keeps_some():
    rec = record()
    both = Source("s1", "Ana", None, "named", "person", quote_ids=("q1", "q2"))
    rec = Record(rec.id, rec.quotes, (both,), rec.source_mix)
    assert keep_kinds(rec, ["indirect"]).sources[0].quote_ids == ("q2",)


def test_layered_options_later_layers_win_key_by_key():
    options = Options.layered(
        {"offsets": UTF16, "kinds": ["direct"]}, {"kinds": ["mixed", "indirect"]}
    )
    assert options == Options(offsets=UTF16, kinds=frozenset({"mixed", "indirect"}))


def test_min_confidence_drops_quotes_below_it_before_sources_and_mix():
    kept = shape(record(), TEXT, Options(min_confidence=0.85))
    assert [q.id for q in kept.quotes] == ["q1"]
    assert [s.id for s in kept.sources] == ["s1", "s3"]
    assert kept.source_mix.quotes == 1
    assert kept.source_mix.sources_by_identification["anonymous"] == 0


def test_min_confidence_zero_keeps_every_quote():
    assert len(shape(record(), TEXT, Options(min_confidence=0.0)).quotes) == 2


def test_cue_types_keep_only_quotes_with_those_cues():
    kept = shape(record(), TEXT, Options(cue_types=frozenset({"belief"})))
    assert [q.id for q in kept.quotes] == ["q2"]
    assert [s.id for s in kept.sources] == ["s2", "s3"]


def test_a_source_that_only_declined_stays_when_its_quotes_go():
    rec = record()
    ana = rec.sources[0]
    declined = Declined("d1", 0, 1, "🎉", Speaker("s1", ana.mentions[0], "Ana"))
    sources = (Source(**{**ana.__dict__, "declined_ids": ("d1",)}), *rec.sources[1:])
    rec = Record(rec.id, rec.quotes, sources, rec.source_mix, (declined,))
    kept = shape(rec, TEXT, Options(kinds=frozenset({"indirect"})))
    assert [s.id for s in kept.sources] == ["s1", "s2", "s3"]
    assert kept.sources[0].quote_ids == ()
    assert kept.source_mix.declined == 1


def test_layered_options_read_cue_types_and_min_confidence():
    options = Options.layered({"cue_types": ["statement"], "min_confidence": 0.2})
    assert options.cue_types == frozenset({"statement"})
    assert options.min_confidence == 0.2
def test_utf16_converts_the_profile_s_evidence():
    from dataclasses import replace

    from whosaid.records import GenderEvidence

    officials, ana = span(TEXT, "Officials"), span(TEXT, "Ana")
    original = record()
    profiled = replace(
        original,
        sources=(
            replace(
                original.sources[0],
                gender_evidence=GenderEvidence(ana.start, ana.end, ana.text, "noun"),
            ),
            replace(original.sources[1], role="official", role_evidence=(officials,)),
            original.sources[2],
        ),
    )
    shaped = shape(profiled, TEXT, Options(offsets=UTF16))
    encoded = TEXT.encode("utf-16-le")
    evidence = [shaped.sources[0].gender_evidence, *shaped.sources[1].role_evidence]
    assert [e.text for e in evidence] == ["Ana", "Officials"]
    for e in evidence:
        assert encoded[2 * e.start : 2 * e.end].decode("utf-16-le") == e.text
    assert evidence[0].start != ana.start and evidence[1].start != officials.start
