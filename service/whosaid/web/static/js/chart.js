// The source-mix chart: stacked bars drawn as inline SVG.
//
// Each category has its own fill pattern (defined once in index.html) as well as
// its own colour, every segment is labelled with its count, and the figure's
// caption states every number in words, so that nothing depends on colour.

import { h, plural, s } from "./dom.js";
import {
  ENTITY_TYPE_LABELS,
  ENTITY_TYPES,
  GENDER_LABELS,
  GENDERS,
  IDENTIFICATION_LABELS,
  IDENTIFICATIONS,
  ROLE_LABELS,
  ROLES,
  UNATTRIBUTED,
} from "./words.js";

const WIDTH = 360;
const LABEL_WIDTH = 64;
const TOTAL_WIDTH = 34;
const BAR_WIDTH = WIDTH - LABEL_WIDTH - TOTAL_WIDTH;
const BAR_HEIGHT = 22;
const ROW_GAP = 8;
const HEADING_HEIGHT = 22;
// Every segment is wide enough for its count: room for the digits and a margin.
const DIGIT_WIDTH = 7.5;
const LABEL_MARGIN = 8;

// Roles and genders share the word "unknown": their fill patterns are prefixed.
const prefixed = (prefix, keys) => keys.map((k) => `${prefix}_${k}`);
const prefixedCounts = (prefix, counts) =>
  Object.fromEntries(Object.entries(counts ?? {}).map(([k, n]) => [`${prefix}_${k}`, n]));
const prefixedLabels = (prefix, labels) =>
  Object.fromEntries(Object.entries(labels).map(([k, label]) => [`${prefix}_${k}`, label]));

/** The rows of the chart, in groups: who the sources are, what they are, their
 * roles, and the gender the articles give the people among them. */
function groups(mix) {
  const unattributed = mix.unattributed_quotes ?? 0;
  return [
    {
      title: "Named or not",
      caption: "",
      categories: [...IDENTIFICATIONS, UNATTRIBUTED],
      labels: IDENTIFICATION_LABELS,
      rows: [
        { label: "Sources", unit: "source", counts: mix.sources_by_identification },
        {
          label: "Quotes",
          unit: "quote",
          counts: { ...mix.quotes_by_identification, [UNATTRIBUTED]: unattributed },
        },
      ],
    },
    {
      title: "Kind of source",
      caption: " by kind",
      categories: [...ENTITY_TYPES, UNATTRIBUTED],
      labels: ENTITY_TYPE_LABELS,
      rows: [
        { label: "Sources", unit: "source", counts: mix.sources_by_entity_type },
        {
          label: "Quotes",
          unit: "quote",
          counts: { ...mix.quotes_by_entity_type, [UNATTRIBUTED]: unattributed },
        },
      ],
    },
    {
      title: "Role",
      caption: " by role",
      categories: [...prefixed("role", ROLES), UNATTRIBUTED],
      labels: { ...prefixedLabels("role", ROLE_LABELS), [UNATTRIBUTED]: "No speaker found" },
      rows: [
        { label: "Sources", unit: "source", counts: prefixedCounts("role", mix.sources_by_role) },
        {
          label: "Quotes",
          unit: "quote",
          counts: { ...prefixedCounts("role", mix.quotes_by_role), [UNATTRIBUTED]: unattributed },
        },
      ],
    },
    {
      title: "People by gender, as the article gives it",
      caption: " who are people, by gender",
      categories: prefixed("gender", GENDERS),
      labels: prefixedLabels("gender", GENDER_LABELS),
      rows: [
        {
          label: "Sources",
          unit: "source",
          counts: prefixedCounts("gender", mix.sources_by_gender),
        },
        {
          label: "Quotes",
          unit: "quote",
          counts: prefixedCounts("gender", mix.quotes_by_gender),
        },
      ],
    },
  ];
}

/** The width a segment needs to show `count` inside it. */
function labelWidth(count) {
  return LABEL_MARGIN + DIGIT_WIDTH * String(count).length;
}

/**
 * The widths of the segments of `counts` on a bar `width` wide: in proportion
 * to the counts, except that a segment too narrow for its count gets the width
 * the count needs and the others share the rest in proportion. So 1 of 40 still
 * shows its "1", and the bar still reads largest to smallest.
 */
export function segmentWidths(counts, width) {
  const widths = counts.map(() => 0);
  let open = counts.map((count, i) => i).filter((i) => counts[i] > 0);
  let room = width;
  for (;;) {
    const share = open.reduce((sum, i) => sum + counts[i], 0);
    const narrow = open.filter((i) => (room * counts[i]) / share < labelWidth(counts[i]));
    if (!narrow.length || narrow.length === open.length) {
      for (const i of open) {
        widths[i] = narrow.length ? labelWidth(counts[i]) : (room * counts[i]) / share;
      }
      return widths;
    }
    for (const i of narrow) {
      widths[i] = labelWidth(counts[i]);
      room -= widths[i];
    }
    open = open.filter((i) => !narrow.includes(i));
  }
}

function bar(row, group, y) {
  const counts = group.categories.map((c) => [c, row.counts?.[c] ?? 0]);
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const widths = segmentWidths(
    counts.map(([, n]) => n),
    BAR_WIDTH,
  );
  const parts = [
    s(
      "text",
      { x: 0, y: y + BAR_HEIGHT / 2, class: "chart-label", "dominant-baseline": "central" },
      row.label,
    ),
    s("rect", { x: LABEL_WIDTH, y, width: BAR_WIDTH, height: BAR_HEIGHT, class: "chart-track" }),
  ];
  let x = LABEL_WIDTH;
  for (const [i, [category, count]] of counts.entries()) {
    if (!count) continue;
    const width = widths[i];
    const name = group.labels[category];
    parts.push(
      s(
        "rect",
        { x, y, width, height: BAR_HEIGHT, fill: `url(#fill-${category})`, class: "chart-segment" },
        s("title", {}, `${name}: ${count} of ${plural(total, row.unit)}`),
      ),
    );
    parts.push(
      s(
        "text",
        {
          x: x + width / 2,
          y: y + BAR_HEIGHT / 2,
          class: "chart-count",
          "text-anchor": "middle",
          "dominant-baseline": "central",
        },
        count,
      ),
    );
    x += width;
  }
  parts.push(
    s(
      "text",
      {
        x: WIDTH,
        y: y + BAR_HEIGHT / 2,
        class: "chart-total",
        "text-anchor": "end",
        "dominant-baseline": "central",
      },
      total,
    ),
  );
  return parts;
}

// How the caption counts each category: singular and plural.
const COUNTED = {
  named: ["named", "named"],
  partially_named: ["partially named", "partially named"],
  anonymous: ["anonymous", "anonymous"],
  person: ["person", "people"],
  organization: ["organisation", "organisations"],
  group: ["group", "groups"],
  [UNATTRIBUTED]: ["without a speaker", "without a speaker"],
  ...Object.fromEntries(
    ROLES.map((r) => [`role_${r}`, [`from ${ROLE_LABELS[r]}s`, `from ${ROLE_LABELS[r]}s`]]),
  ),
  role_unknown: ["of unknown role", "of unknown role"],
  role_media: ["from the media", "from the media"],
  role_business: ["from business", "from business"],
  role_document: ["from a document", "from documents"],
  ...Object.fromEntries(GENDERS.map((g) => [`gender_${g}`, [GENDER_LABELS[g], GENDER_LABELS[g]]])),
};

/** One sentence per row: "Sources: 6 named, 0 partially named, 5 anonymous." */
function sentences(mix) {
  return groups(mix).flatMap((group) =>
    group.rows.map((row) => {
      const parts = group.categories
        .filter((c) => c !== UNATTRIBUTED || row.unit === "quote")
        .map((c) => {
          const count = row.counts?.[c] ?? 0;
          return `${count} ${COUNTED[c][count === 1 ? 0 : 1]}`;
        });
      return `${row.label}${group.caption}: ${parts.join(", ")}.`;
    }),
  );
}

function legend(categories, labels, name) {
  return h(
    "ul",
    { class: "chart-legend", "aria-label": name },
    categories.map((c) =>
      h(
        "li",
        {},
        s(
          "svg",
          {
            class: "swatch",
            width: 14,
            height: 14,
            viewBox: "0 0 14 14",
            "aria-hidden": "true",
            focusable: "false",
          },
          s("rect", {
            x: 0.5,
            y: 0.5,
            width: 13,
            height: 13,
            fill: `url(#fill-${c})`,
            class: "chart-segment",
          }),
        ),
        labels[c],
      ),
    ),
  );
}

/** The key: one line per group, and one for quotes without a speaker. */
function legends(mix) {
  const lines = groups(mix).map((group) =>
    legend(
      group.categories.filter((c) => c !== UNATTRIBUTED),
      group.labels,
      `Key: ${group.title.toLowerCase()}`,
    ),
  );
  lines.push(legend([UNATTRIBUTED], IDENTIFICATION_LABELS, "Key: quotes without a speaker"));
  return lines;
}

/** The figure for `mix` (a record's source_mix, or the sum of several). */
export function mixFigure(mix, idPrefix) {
  let y = 0;
  const content = [];
  for (const group of groups(mix)) {
    content.push(s("text", { x: 0, y: y + 14, class: "chart-heading" }, group.title));
    y += HEADING_HEIGHT;
    for (const row of group.rows) {
      content.push(...bar(row, group, y));
      y += BAR_HEIGHT + ROW_GAP;
    }
    y += ROW_GAP;
  }
  const summaryId = `${idPrefix}-mix-summary`;
  const chart = s(
    "svg",
    { class: "chart", viewBox: `0 0 ${WIDTH} ${y}`, role: "img", "aria-labelledby": summaryId },
    content,
  );
  const total = `${plural(mix.quotes ?? 0, "quote")} from ${plural(mix.sources ?? 0, "source")}.`;
  return h(
    "figure",
    { class: "mix" },
    chart,
    h("div", { class: "chart-legends" }, legends(mix)),
    h(
      "figcaption",
      { id: summaryId, class: "chart-summary" },
      `${total} ${sentences(mix).join(" ")}`,
    ),
  );
}

/** The sum of several source mixes, as whosaid.mix.merge_mixes adds them. */
export function mergeMixes(mixes) {
  const total = {
    sources: 0,
    quotes: 0,
    unattributed_quotes: 0,
    sources_by_identification: {},
    quotes_by_identification: {},
    sources_by_entity_type: {},
    quotes_by_entity_type: {},
  };
  for (const mix of mixes) {
    for (const [key, value] of Object.entries(mix)) {
      if (typeof value === "number") total[key] = (total[key] ?? 0) + value;
      else if (value && typeof value === "object") {
        const table = (total[key] ??= {});
        for (const [name, count] of Object.entries(value)) table[name] = (table[name] ?? 0) + count;
      }
    }
  }
  return total;
}
