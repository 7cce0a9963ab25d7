// One article's results: its text with the quotes highlighted, the list of its
// sources grouped by how they are identified, and its source-mix chart.

import { mixFigure } from "./chart.js";
import { h, plural } from "./dom.js";
import { draw, layout } from "./spans.js";
import {
  ENTITY_TYPE_LABELS,
  IDENTIFICATION_LABELS,
  IDENTIFICATIONS,
  KIND_HELP,
  KIND_LABELS,
  anonymityText,
  genderText,
  keyTermsText,
  roleText,
  sourceName,
} from "./words.js";

// Source colours come from this many classes (.src-c0 …) in page.css; beyond
// that they repeat, and the source numbers still tell the sources apart.
const PALETTE_SIZE = 12;

/** "413 Content Too Large: The text is … (request id …)" */
export function problemText(problem) {
  const head = [problem.status, problem.title].filter(Boolean).join(" ");
  const id = problem.requestId ? ` (request id ${problem.requestId})` : "";
  return `${head}${problem.detail ? `: ${problem.detail}` : ""}${id}`;
}

/**
 * Sources by id with their numbers and colours, numbered in the order the list
 * shows them (named, partially named, anonymous; the record's order within each
 * group), so that the list reads 1, 2, 3 … from the top.
 */
function numberSources(record) {
  const grouped = IDENTIFICATIONS.flatMap((identification) =>
    record.sources.filter((source) => source.identification === identification),
  );
  const others = record.sources.filter((source) => !IDENTIFICATIONS.includes(source.identification));
  return new Map(
    [...grouped, ...others].map((source, i) => [
      source.id,
      { source, number: i + 1, colour: `src-c${i % PALETTE_SIZE}` },
    ]),
  );
}

/** How a quote's number is written: "Q3", never a bare number, which is a source's. */
export function quoteLabel(number) {
  return `Q${number}`;
}

function speakerText(quote, src) {
  if (!quote.speaker) return "Not found";
  const name = src ? sourceName(src.source) : quote.speaker.text;
  const written = quote.speaker.mention?.text;
  const as = written && written !== name ? `, written “${written}”` : "";
  return src ? `${name} (source ${src.number}${as})` : name;
}

function identificationText(src) {
  if (!src) return "No speaker found";
  const { identification, entity_type: type } = src.source;
  return `${IDENTIFICATION_LABELS[identification]} ${ENTITY_TYPE_LABELS[type].toLowerCase()}`;
}

/** The facts about a quote, as [term, description] pairs. */
function quoteFacts(quote, src) {
  const facts = [
    ["Speaker", speakerText(quote, src)],
    ["Cue", quote.cue ? `“${quote.cue.text}” (${quote.cue.type})` : "None found"],
    ["Kind", `${KIND_LABELS[quote.kind]}: ${KIND_HELP[quote.kind]}`],
    ["Identification", identificationText(src)],
    ["Reason for anonymity", anonymityText(src?.source)],
    ["Role", roleText(src?.source)],
    ["Gender", genderText(src?.source)],
    ["Confidence", `${Math.round(quote.confidence * 100)}%`],
  ];
  if (quote.nested?.length) {
    facts.push(["Quoted within it", quote.nested.map((n) => `‘${n.text}’`).join(", ")]);
  }
  return facts;
}

function quoteCard(quote, number, src) {
  return h(
    "div",
    {},
    h("p", { class: "tip-title" }, `Quote ${number} (${quoteLabel(number)})`),
    h(
      "dl",
      {},
      quoteFacts(quote, src).map(([term, text]) => [h("dt", {}, term), h("dd", {}, text)]),
    ),
  );
}

/** What a screen reader says after the quote's own words. */
function quoteSentence(quote, number, src) {
  return `Quote ${number}. ${quoteFacts(quote, src)
    .map(([term, text]) => `${term}: ${text}.`)
    .join(" ")}`;
}

/** Links to quotes by number; following one focuses the quote, showing its details. */
function quoteLinks(numbers, markOf) {
  return numbers.map((n, i) => {
    const link = h(
      "a",
      { href: `#${markOf.id(n)}`, "aria-label": `Quote ${n}`, class: "quote-link" },
      quoteLabel(n),
    );
    link.addEventListener("click", (event) => {
      const mark = markOf.element(n);
      if (!mark) return;
      event.preventDefault();
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    });
    return [i ? " " : "", link];
  });
}

function sourceEntry(src, quoteNumbers, markOf) {
  const { source, number, colour } = src;
  const numbers = source.quote_ids.map((id) => quoteNumbers.get(id)).filter(Boolean);
  const declined = source.declined_ids?.length ?? 0;
  return h(
    "li",
    { class: `source ${colour}`, "data-source-id": source.id },
    h(
      "span",
      { class: "source-label" },
      h("span", { class: "visually-hidden" }, "Source "),
      number,
    ),
    h(
      "div",
      { class: "source-body" },
      h("p", { class: "source-name" }, sourceName(source)),
      source.name && source.description
        ? h("p", { class: "source-description" }, source.description)
        : null,
      h(
        "p",
        { class: "source-meta" },
        `${ENTITY_TYPE_LABELS[source.entity_type]} · ${plural(numbers.length, "quote")}` +
          (declined ? ` · declined to comment ${declined === 1 ? "once" : `${declined} times`}` : ""),
      ),
      source.identification !== "named"
        ? h("p", { class: "source-reason" }, `Reason for anonymity: ${anonymityText(source)}`)
        : null,
      h("p", { class: "source-role", "data-role": source.role }, `Role: ${roleText(source)}`),
      source.gender
        ? h(
            "p",
            { class: "source-gender", "data-gender": source.gender },
            `Gender: ${genderText(source)}`,
          )
        : null,
      source.key_terms?.length
        ? h("p", { class: "source-terms" }, `Talked about: ${keyTermsText(source)}`)
        : null,
      numbers.length
        ? h("p", { class: "source-quotes" }, "Quotes: ", quoteLinks(numbers, markOf))
        : null,
    ),
  );
}

function sourcesSection(record, sources, quoteNumbers, markOf) {
  const section = h(
    "div",
    { class: "sources", "data-testid": "sources" },
    h("h4", {}, `Sources (${record.sources.length})`),
  );
  const items = new Map();
  for (const identification of IDENTIFICATIONS) {
    const members = [...sources.values()].filter(
      (src) => src.source.identification === identification,
    );
    const list = h("ul", { class: "source-list" });
    for (const src of members) {
      const item = sourceEntry(src, quoteNumbers, markOf);
      items.set(src.source.id, item);
      list.append(item);
    }
    section.append(
      h(
        "div",
        { class: "source-group", "data-identification": identification },
        h("h5", {}, `${IDENTIFICATION_LABELS[identification]} (${members.length})`),
        members.length ? list : h("p", { class: "none" }, "None."),
      ),
    );
  }
  const declined = record.declined ?? [];
  if (declined.length) {
    section.append(
      h(
        "div",
        { class: "declined", "data-testid": "declined" },
        h("h5", {}, `Declined to comment (${declined.length})`),
        h(
          "ul",
          { class: "declined-list" },
          declined.map((d) => {
            const src = d.speaker ? sources.get(d.speaker.source_id) : undefined;
            const who = src ? `${sourceName(src.source)} (source ${src.number})` : "Unknown source";
            return h("li", {}, `${who}: “${d.text}”`);
          }),
        ),
      ),
    );
  }
  const orphans = record.quotes.filter((q) => !q.speaker || !sources.has(q.speaker.source_id));
  if (orphans.length) {
    const numbers = orphans.map((q) => quoteNumbers.get(q.id));
    section.append(
      h(
        "p",
        { class: "unattributed" },
        `${plural(orphans.length, "quote")} without a speaker: `,
        quoteLinks(numbers, markOf),
      ),
    );
  }
  return { section, items };
}

/** The section for a failed article. */
function failedArticle(el, problem) {
  el.append(
    h(
      "div",
      { class: "problem" },
      h("p", {}, h("strong", {}, "This article could not be analysed.")),
      h("p", {}, problemText(problem)),
    ),
  );
  return el;
}

/**
 * The results of one article: {key (unique in the page), id, number, title,
 * text, record | problem}. Quote elements are registered with `tips`.
 */
export function renderArticle(result, tips) {
  const { key, record, text } = result;
  const headingId = `${key}-heading`;
  const heading = result.title
    ? `Article ${result.number}: ${result.title}`
    : `Article ${result.number}`;
  const el = h(
    "article",
    { class: "result", "data-article-id": result.id, "aria-labelledby": headingId },
    h("h3", { id: headingId }, heading),
  );
  if (!record) return failedArticle(el, result.problem);

  const sources = numberSources(record);
  const quoteNumbers = new Map(record.quotes.map((q, i) => [q.id, i + 1]));
  const container = h("div", { class: "article-text", "data-testid": "article-text" });
  const markOf = {
    id: (n) => `${key}-q${n}`,
    element: (n) => container.querySelector(`#${CSS.escape(markOf.id(n))}`),
  };
  const { section: sourceList, items } = sourcesSection(record, sources, quoteNumbers, markOf);
  const descriptions = h("div", { hidden: true });

  // One details object per quote, shared by all of its pieces.
  const details = record.quotes.map((quote, i) => {
    const src = quote.speaker ? sources.get(quote.speaker.source_id) : undefined;
    const descriptionId = `${markOf.id(i + 1)}-description`;
    descriptions.append(h("p", { id: descriptionId }, quoteSentence(quote, i + 1, src)));
    return {
      src,
      descriptionId,
      container,
      speaker: quote.speaker?.mention ?? null,
      cue: quote.cue ?? null,
      sourceItem: src ? items.get(src.source.id) : null,
      content: () => quoteCard(quote, i + 1, src),
    };
  });

  const element = (node) => {
    if (node.role === "inner") return h("span", { class: "inner-quote" });
    const { quote, order } = node;
    const info = details[order];
    const classes = `quote kind-${quote.kind} ${info.src ? info.src.colour : "src-none"}`;
    const label = info.src ? info.src.number : "?";
    const mark = node.first
      ? h("mark", {
          class: classes,
          id: markOf.id(order + 1),
          tabindex: 0,
          "data-quote-id": quote.id,
          "data-source-id": quote.speaker?.source_id,
          "data-label": label,
          "aria-describedby": info.descriptionId,
        })
      : h("mark", { class: `${classes} continued`, "data-quote-part": quote.id });
    tips.register(mark, info);
    return mark;
  };
  draw(container, text, layout(record.quotes, text.length), element);

  const misaligned = record.quotes.filter((q) => text.slice(q.start, q.end) !== q.text);
  const parts = [
    h(
      "p",
      { class: "summary" },
      `${plural(record.quotes.length, "quote")} from ${plural(record.sources.length, "source")}.`,
    ),
    misaligned.length
      ? h(
          "p",
          { class: "problem" },
          `${plural(misaligned.length, "quote")} did not line up with the text and may be highlighted in the wrong place.`,
        )
      : null,
    h(
      "div",
      { class: "result-grid" },
      h("div", { class: "text-section" }, h("h4", {}, "Text"), container),
      h(
        "div",
        { class: "side" },
        h(
          "div",
          { class: "mix-section" },
          h("h4", {}, "Source mix"),
          mixFigure(record.source_mix, key),
          record.source_mix.declined
            ? h(
                "p",
                { class: "mix-declined" },
                `${plural(record.source_mix.declined, "source record")} of declining to comment.`,
              )
            : null,
        ),
        sourceList,
      ),
    ),
    descriptions,
  ];
  el.append(...parts.filter(Boolean));
  return el;
}
