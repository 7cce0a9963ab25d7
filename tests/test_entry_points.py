"""whosaid's spaCy factories are declared as ``spacy_factories`` entry points, so a
spaCy user's ``nlp.add_pipe("whosaid_…")`` works without importing whosaid first."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import spacy

import whosaid.components  # noqa: F401  (registers the factories)

GROUP = "spacy_factories"


def _declared() -> dict[str, str]:
    dist = metadata.distribution("whosaid")
    return {ep.name: ep.value for ep in dist.entry_points if ep.group == GROUP}


def test_every_whosaid_factory_has_an_entry_point():
    registered = {
        name
        for name in spacy.registry.factories.get_all()
        # Test modules register stand-in stages of their own (whosaid_test_…).
        if name.startswith("whosaid_") and not name.startswith("whosaid_test_")
    }
    assert "whosaid_paragraphs" in registered
    assert registered == set(_declared())


def test_every_entry_point_names_the_function_registered_under_its_name():
    for name, value in _declared().items():
        module, _, attr = value.partition(":")
        assert hasattr(__import__(module, fromlist=[attr]), attr), value
        assert spacy.Language.has_factory(name), name


def test_a_fresh_interpreter_adds_a_stage_without_importing_whosaid():
    script = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('whosaid_paragraphs')\n"
        "doc = nlp('One line here.\\nAnother line')\n"
        "print(nlp.pipe_names, [t.text for t in doc if t.is_sent_start])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['whosaid_paragraphs'] ['One', 'Another']"
