// The page: read the articles, ask whosaid for each one's record, show them.

import {
  attribute,
  hasKey,
  mergeSources,
  ServiceError,
  UNAUTHORIZED,
  useKey,
  vocabulary,
} from "./api.js";
import { mergeMixes, mixFigure } from "./chart.js";
import { h, plural } from "./dom.js";
import { download, quotesCsv, recordsJson } from "./exporting.js";
import { ArticleFields, filesMessage } from "./fields.js";
import { KeyDialog } from "./key.js";
import { renderOverall } from "./overall.js";
import { problemText, renderArticle } from "./render.js";
import { QuoteTips } from "./tips.js";

const $ = (id) => document.getElementById(id);

const form = $("articles-form");
const analyzeButton = $("analyze");
const statusRegion = $("status");
const errorRegion = $("errors");
const results = $("results");
const fields = new ArticleFields($("article-fields"), $("article-field-template"));
const tips = new QuoteTips($("tooltip"));
const keyDialog = new KeyDialog($("key-dialog"));
let shown = [];
let busy = false;
let cueTypes = [];

/** The cue-type checkboxes, one per type of the vocabulary the app serves. */
async function setUpFilters() {
  try {
    const words = await vocabulary();
    cueTypes = words.cue_types.map((t) => t.value);
    $("min-confidence").value = String(words.min_confidence);
    $("recommended-confidence").textContent = String(words.recommended_min_confidence);
    $("cue-type-options").replaceChildren(
      ...words.cue_types.map((t) =>
        h(
          "label",
          { class: "cue-type-option" },
          h("input", { type: "checkbox", name: "cue-type", value: t.value, checked: true }),
          ` ${t.value} `,
          h("span", { class: "help" }, `(${t.meaning})`),
        ),
      ),
    );
  } catch (error) {
    alarm(`The filters could not be loaded. ${problemText(problemOf(error))}`);
  }
}

/** The options the filters ask for; those left at "everything" are not sent. */
function chosenFilters() {
  const filters = {};
  const floor = $("min-confidence").value;
  if (floor !== "") filters.min_confidence = Math.min(1, Math.max(0, Number(floor)));
  const boxes = [...document.querySelectorAll('input[name="cue-type"]')];
  const checked = boxes.filter((b) => b.checked).map((b) => b.value);
  if (checked.length && checked.length < cueTypes.length) filters.cue_types = checked;
  return filters;
}

function say(message) {
  statusRegion.textContent = message;
}

/** Errors in the alert region, one paragraph each; none clears it. */
function alarm(...messages) {
  errorRegion.replaceChildren(...messages.map((m) => h("p", {}, m)));
}

/** The id each article is sent under: its title, else "article-N"; unique. */
function withIds(articles) {
  const seen = new Set();
  return articles.map((article, i) => {
    let id = article.title || `article-${article.number}`;
    if (seen.has(id)) id = `${id}-${article.number}`;
    seen.add(id);
    return { ...article, id, key: `a${i + 1}` };
  });
}

function problemOf(error) {
  if (error instanceof ServiceError) return error;
  return { title: "Unexpected error", detail: String(error?.message ?? error) };
}

async function analyse() {
  const articles = withIds(fields.articles());
  if (!articles.length) {
    alarm("There is nothing to analyse yet: paste an article, or open a .txt file.");
    fields.focusFirst();
    return;
  }
  busy = true;
  analyzeButton.setAttribute("aria-disabled", "true");
  results.setAttribute("aria-busy", "true");
  alarm();
  const answers = [];
  const run = { declined: false };
  const filters = chosenFilters();
  for (const [i, article] of articles.entries()) {
    say(`Finding the quotes in article ${i + 1} of ${articles.length}…`);
    answers.push(await analyseOne(article, run, filters));
  }
  const records = answers.filter((a) => a.record).map((a) => a.record);
  let batch = null;
  let batchProblem = null;
  if (records.length > 1) {
    say("Finding the sources across the articles…");
    try {
      batch = await mergeSources(records);
    } catch (error) {
      batchProblem = problemOf(error);
    }
  }
  busy = false;
  analyzeButton.removeAttribute("aria-disabled");
  results.removeAttribute("aria-busy");
  show(answers, batch, batchProblem);
}

const KEY_ASKED =
  "This whosaid service asks for a key. Ask the person who runs it, then type or paste the key here. The page keeps it only until you reload or close it.";
const KEY_REFUSED = "The service did not accept that key. Check it and try again.";

/**
 * One article's answer. When the service asks for a key (401), the page asks
 * for it and tries again with it; cancelled, the article keeps the 401, and the
 * page does not ask again in this run.
 */
async function analyseOne(article, run, filters) {
  for (;;) {
    try {
      return { ...article, record: await attribute(article.text, article.id, filters) };
    } catch (error) {
      const refused = error instanceof ServiceError && error.status === UNAUTHORIZED;
      if (!refused || run.declined) return { ...article, problem: problemOf(error) };
      const key = await keyDialog.ask(hasKey() ? KEY_REFUSED : KEY_ASKED);
      if (key === null) {
        run.declined = true;
        return { ...article, problem: problemOf(error) };
      }
      useKey(key);
    }
  }
}

function show(answers, batch = null, batchProblem = null) {
  tips.clear();
  shown = answers.filter((a) => a.record);
  const failed = answers.filter((a) => a.problem);
  $("article-results").replaceChildren(...answers.map((a) => renderArticle(a, tips)));

  const overall = $("overall");
  overall.hidden = shown.length < 2;
  $("overall-heading").textContent = `All ${shown.length} articles`;
  // The sources across the articles, merged by the service; if that failed, at
  // least the sum of the articles' mixes.
  $("overall-mix").replaceChildren(
    ...(shown.length < 2
      ? []
      : batch
        ? renderOverall(batch, shown)
        : [mixFigure(mergeMixes(shown.map((a) => a.record.source_mix)), "overall")]),
  );
  for (const button of [$("export-json"), $("export-csv")]) button.disabled = !shown.length;
  results.hidden = false;
  $("skip-link").hidden = false;

  const quotes = shown.reduce((n, a) => n + a.record.quotes.length, 0);
  const sources = shown.reduce((n, a) => n + a.record.sources.length, 0);
  say(
    `Found ${plural(quotes, "quote")} from ${plural(sources, "source")} in ${plural(shown.length, "article")}.` +
      (failed.length ? ` ${plural(failed.length, "article")} could not be analysed.` : ""),
  );
  alarm(
    ...failed.map((a) => `Article ${a.number} could not be analysed. ${problemText(a.problem)}`),
    ...(batchProblem
      ? [`The sources could not be merged across the articles. ${problemText(batchProblem)}`]
      : []),
  );
  $("results-heading").focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (!busy) analyse();
});

$("add-article").addEventListener("click", () => {
  fields.add().querySelector("textarea").focus();
});

async function addFiles(files) {
  const outcome = await fields.addFiles(files);
  if (outcome.added.length) say(filesMessage(outcome));
  alarm(...outcome.skipped.map((name) => `Skipped ${name}: only .txt files can be read.`));
}

const fileInput = $("file-input");
fileInput.addEventListener("change", async () => {
  await addFiles([...fileInput.files]);
  fileInput.value = "";
});

// Files may be dropped anywhere on the page; the form shows that it takes them.
// Without this, a file dropped beside the box would replace the page.
const hasFiles = (event) => event.dataTransfer?.types.includes("Files");
document.addEventListener("dragover", (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = "copy";
  form.classList.add("dragging");
});
document.addEventListener("dragleave", (event) => {
  if (!event.relatedTarget) form.classList.remove("dragging");
});
document.addEventListener("drop", (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  form.classList.remove("dragging");
  addFiles([...event.dataTransfer.files]);
});

$("export-json").addEventListener("click", () => {
  download("whosaid-records.json", "application/json", recordsJson(shown));
});
$("export-csv").addEventListener("click", () => {
  download("whosaid-quotes.csv", "text/csv;charset=utf-8", quotesCsv(shown));
});

$("statements-only").addEventListener("click", () => {
  for (const box of document.querySelectorAll('input[name="cue-type"]')) {
    box.checked = box.value === "statement";
  }
});

fields.add();
setUpFilters();
