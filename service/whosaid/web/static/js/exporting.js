// Downloads made in the browser: the records as JSON, the quotes as CSV.

import { sourceName } from "./words.js";

/** The records exactly as the API answered them (offsets in UTF-16 code units). */
export function recordsJson(results) {
  return `${JSON.stringify(
    results.map((r) => r.record),
    null,
    2,
  )}\n`;
}

const CSV_COLUMNS = [
  "article_id",
  "article_title",
  "quote_id",
  "kind",
  "quote",
  "start_utf16",
  "end_utf16",
  "cue",
  "cue_type",
  "speaker_mention",
  "source_id",
  "source_name",
  "source_description",
  "identification",
  "entity_type",
  "anonymity_reason",
  "confidence",
  "quoted_within",
  "role",
  "gender",
];
// A cell starting with one of these is a formula to a spreadsheet; an apostrophe
// in front keeps pasted article text from running as one (OWASP's advice).
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per quote of every article, with its speaker's source, then one per
 * source that declined to comment (kind "declined") (RFC 4180). */
export function quotesCsv(results) {
  const rows = [CSV_COLUMNS];
  for (const { record, title } of results) {
    const sources = new Map(record.sources.map((source) => [source.id, source]));
    const entries = [
      ...record.quotes,
      ...(record.declined ?? []).map((d) => ({ ...d, kind: "declined" })),
    ];
    for (const quote of entries) {
      const source = quote.speaker ? sources.get(quote.speaker.source_id) : undefined;
      rows.push([
        record.id,
        title,
        quote.id,
        quote.kind,
        quote.text,
        quote.start,
        quote.end,
        quote.cue?.text,
        quote.cue?.type,
        quote.speaker?.mention?.text,
        source?.id,
        source ? sourceName(source) : null,
        source?.description,
        source?.identification,
        source?.entity_type,
        source?.anonymity_reason,
        quote.confidence,
        (quote.nested ?? []).map((n) => n.text).join(" | "),
        source?.role,
        source?.gender,
      ]);
    }
  }
  // The byte order mark tells spreadsheet programs that the file is UTF-8.
  return `\ufeff${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

/** Offer `content` as a file called `name`. */
export function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the click has been handled and the download has its data.
  setTimeout(() => URL.revokeObjectURL(url));
}
