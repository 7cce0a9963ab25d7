"""The page's colours meet WCAG 2.2 AA: 4.5:1 for text, 3:1 for the lines and
fills that carry meaning (1.4.3, 1.4.11). Read from the stylesheet and the chart
patterns, so that a new colour is checked as soon as it is added."""

from __future__ import annotations

import re

import pytest

from whosaid.web import HERE, INDEX, STATIC

CSS = (STATIC / "css" / "page.css").read_text(encoding="utf-8")
HTML = (HERE / INDEX).read_text(encoding="utf-8")
TEXT = 4.5
GRAPHICS = 3.0
WHITE = "#ffffff"


def _variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


ROOT = _variables(re.search(r":root\s*{([^}]*)}", CSS).group(1))
SOURCES = {
    name: _variables(body)
    for name, body in re.findall(r"\.(src-[\w]+)\s*{([^}]*)}", CSS)
}
# The first fill of each chart pattern is its background colour.
PATTERNS = dict(
    re.findall(
        r'<pattern id="fill-(\w+)"[^>]*>\s*<rect [^>]*fill="(#[0-9a-f]{6})"', HTML
    )
)


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG defines it."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_palette_was_read():
    # Twelve source colours, one for no speaker, one for the sources across the
    # articles.
    assert len(SOURCES) == 14
    # identification 3, entity type 3, no speaker 1, roles 10, genders 3
    assert len(PATTERNS) == 20
    assert {"ink", "paper", "page", "accent"} <= set(ROOT)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("ink", "paper"),
        ("ink", "page"),
        ("ink-soft", "paper"),
        ("ink-soft", "page"),
        ("accent", "paper"),
        ("accent-ink", "accent"),
        ("error-ink", "error-paper"),
        ("tip-ink", "tip-paper"),
    ],
)
def test_page_text_is_readable(text, background):
    assert contrast(ROOT[text], ROOT[background]) >= TEXT


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_source_colours_are_readable(name):
    colours = SOURCES[name]
    # The article's words on the tint, and the white number on the line colour.
    assert contrast(ROOT["ink"], colours["src-bg"]) >= TEXT
    assert contrast(WHITE, colours["src-line"]) >= TEXT
    # The underline against the tint above it and the paper below it.
    assert contrast(colours["src-line"], colours["src-bg"]) >= GRAPHICS
    assert contrast(colours["src-line"], ROOT["paper"]) >= GRAPHICS


@pytest.mark.parametrize("name", sorted(set(PATTERNS) - {"unattributed"}))
def test_chart_fills_stand_out_from_the_paper(name):
    assert contrast(PATTERNS[name], ROOT["paper"]) >= GRAPHICS
