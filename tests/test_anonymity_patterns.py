"""Every pattern of ``models/patterns/anonymity.jsonl`` can fire: one invented
sentence per pattern, through the public ``whosaid.extract``.

An anonymity pattern fires when the anonymous source of the quote gets a reason
for its anonymity; a partial-name pattern, when a speaker the given-names lexicon
does not know is called partially named.
"""

from __future__ import annotations

import pytest

from whosaid import lexicons

# One sentence per line of anonymity.jsonl, in file order: (label, sentence).
SENTENCES = (
    ("anonymity", "“The talks failed,” said an aide, who asked not to be named."),
    ("anonymity", "“The talks failed,” said an aide, who requested anonymity."),
    ("anonymity", "“The talks failed,” said an aide, who declined to be identified."),
    (
        "anonymity",
        "“The talks failed,” an aide said on condition of anonymity.",
    ),
    ("anonymity", "“The talks failed,” said an aide, speaking anonymously."),
    (
        "anonymity",
        "“The talks failed,” said an aide, who was not authorized to comment.",
    ),
    (
        "anonymity",
        "“The talks failed,” said an aide, who was unable to speak openly.",
    ),
    ("anonymity", "“The talks failed,” said an aide, who spoke for fear of reprisal."),
    (
        "anonymity",
        "“The talks failed,” said a resident, identified only by her street.",
    ),
    (
        "anonymity",
        "“The talks failed,” said a resident, who gave only her first name.",
    ),
    (
        "anonymity",
        "“The talks failed,” said an aide, because she was not authorized to talk.",
    ),
    ("anonymity", "“The talks failed,” said an aide, speaking without being named."),
    ("anonymity", "“The talks failed,” an aide said on background."),
    (
        "partial_name",
        "“The talks failed,” said Brannigan, who gave only his first name.",
    ),
    ("partial_name", "“The talks failed,” said Brannigan, first name only."),
    (
        "partial_name",
        "“The talks failed,” said Brannigan, whose family name was withheld.",
    ),
    ("partial_name", "“The talks failed,” said Brannigan, a pseudonym."),
)


def test_one_sentence_per_pattern():
    labels = [p["label"] for p in lexicons.pattern_lines("anonymity")]
    assert labels == [label for label, _ in SENTENCES]


@pytest.mark.parametrize(
    ("n", "label", "sentence"),
    [(n, label, text) for n, (label, text) in enumerate(SENTENCES, start=1)],
)
def test_the_pattern_fires(run, n, label, sentence):
    record = run(sentence)
    assert record.quotes, f"line {n}: no quote"
    speaker = record.quotes[0].speaker
    assert speaker is not None, f"line {n}: no speaker"
    source = next(s for s in record.sources if s.id == speaker.source_id)
    if label == "anonymity":
        assert source.identification != "named", f"line {n}"
        assert source.anonymity_reason, f"line {n}: no reason"
    else:
        assert source.identification == "partially_named", f"line {n}"


def test_without_a_phrase_nothing_fires(run):
    # The controls: the same speakers with no phrase are named, or give no reason,
    # so a sentence above passes only through its pattern.
    named = run("“The talks failed,” said Brannigan.")
    assert [s.identification for s in named.sources] == ["named"]
    aide = run("“The talks failed,” said an aide.")
    assert [s.anonymity_reason for s in aide.sources] == [None]
