// The all-articles view: one entry per person or body across the articles, as
// POST /v1/sources merges them (the merge `whosaid mix` uses too), and the source
// mix counted on those entries.

import { mixFigure } from "./chart.js";
import { h, plural } from "./dom.js";
import { ENTITY_TYPE_LABELS, IDENTIFICATION_LABELS, IDENTIFICATIONS } from "./words.js";

/** What the page calls a batch-level source: its name, else a description. */
function batchSourceName(source) {
  return source.name ?? source.descriptions[0] ?? "Unnamed source";
}

/** The articles a source is quoted in, by their headings: "Article 1, Article 3". */
function articlesOf(source, articlesById) {
  const ids = [...new Set(source.members.map((m) => m.slice(0, m.lastIndexOf("#"))))];
  return ids
    .map((id) => articlesById.get(id))
    .filter(Boolean)
    .map((a) => (a.title ? `Article ${a.number} (${a.title})` : `Article ${a.number}`))
    .join(", ");
}

function entry(source, articlesById) {
  const others = source.name ? source.descriptions : source.descriptions.slice(1);
  return h(
    "li",
    { class: "source batch-source src-batch", "data-batch-source-id": source.id },
    h(
      "div",
      { class: "source-body" },
      h("p", { class: "source-name" }, batchSourceName(source)),
      others.length ? h("p", { class: "source-description" }, others.join("; ")) : null,
      h(
        "p",
        { class: "source-meta" },
        `${ENTITY_TYPE_LABELS[source.entity_type]} · ${plural(source.quotes, "quote")} · ` +
          `${plural(source.documents, "article")}`,
      ),
      h("p", { class: "source-articles" }, `In ${articlesOf(source, articlesById)}`),
    ),
  );
}

/** The batch's sources, grouped by how they are identified, most quoted first. */
function sourcesSection(sources, articlesById) {
  const section = h(
    "div",
    { class: "sources", "data-testid": "overall-sources" },
    h("h4", {}, `Sources across the articles (${sources.length})`),
    h(
      "p",
      { class: "help" },
      "One entry per person or body, however each article names them; anonymous " +
        "sources are never taken to be the same across articles.",
    ),
  );
  for (const identification of IDENTIFICATIONS) {
    const members = sources.filter((s) => s.identification === identification);
    section.append(
      h(
        "div",
        { class: "source-group", "data-identification": identification },
        h("h5", {}, `${IDENTIFICATION_LABELS[identification]} (${members.length})`),
        members.length
          ? h("ul", { class: "source-list" }, members.map((s) => entry(s, articlesById)))
          : h("p", { class: "none" }, "None."),
      ),
    );
  }
  return section;
}

/**
 * The all-articles view of `batch` ({sources, source_mix} from /v1/sources) for
 * the analysed `articles` ({id, number, title}).
 */
export function renderOverall(batch, articles) {
  const articlesById = new Map(articles.map((a) => [a.id, a]));
  return [
    h(
      "div",
      { class: "result-grid overall-grid" },
      h("div", { class: "mix-section" }, mixFigure(batch.source_mix, "overall")),
      sourcesSection(batch.sources, articlesById),
    ),
  ];
}
