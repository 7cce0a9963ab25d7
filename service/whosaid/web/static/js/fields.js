// The article boxes: one fieldset per article, added by a button or by opening
// or dropping .txt files (each file becomes one article).

import { plural } from "./dom.js";

const TEXT_FILE = /\.txt$/i;

function isTextFile(file) {
  return TEXT_FILE.test(file.name) || file.type === "text/plain";
}

export class ArticleFields {
  /** `container` holds the fieldsets, cloned from `template`. */
  constructor(container, template) {
    this.container = container;
    this.template = template;
  }

  get fieldsets() {
    return [...this.container.querySelectorAll("fieldset.article-field")];
  }

  /** Add an article box, filled with `title` and `text`; returns its fieldset. */
  add({ title = "", text = "" } = {}) {
    const fieldset = this.template.content.firstElementChild.cloneNode(true);
    fieldset.querySelector(".article-title").value = title;
    fieldset.querySelector("textarea").value = text;
    fieldset
      .querySelector(".remove-article")
      .addEventListener("click", () => this.remove(fieldset));
    this.container.append(fieldset);
    this.#renumber();
    return fieldset;
  }

  /** Remove an article box, moving the focus to the box before it. */
  remove(fieldset) {
    const boxes = this.fieldsets;
    const index = boxes.indexOf(fieldset);
    fieldset.remove();
    this.#renumber();
    const rest = this.fieldsets;
    rest[Math.max(0, index - 1)]?.querySelector("textarea").focus();
  }

  focusFirst() {
    this.fieldsets[0]?.querySelector("textarea").focus();
  }

  /** The articles with text: {number, title, text}. */
  articles() {
    return this.fieldsets
      .map((fieldset, i) => ({
        number: i + 1,
        title: fieldset.querySelector(".article-title").value.trim(),
        text: fieldset.querySelector("textarea").value,
      }))
      .filter((article) => article.text.trim());
  }

  /**
   * Read `files` into article boxes, an empty box first. Returns
   * {added, skipped: [names of files that are not text]}.
   */
  async addFiles(files) {
    const added = [];
    const skipped = [];
    for (const file of files) {
      if (!isTextFile(file)) {
        skipped.push(file.name);
        continue;
      }
      const text = await file.text();
      const title = file.name.replace(TEXT_FILE, "");
      const empty = this.fieldsets.find(
        (f) =>
          !f.querySelector("textarea").value.trim() &&
          !f.querySelector(".article-title").value.trim(),
      );
      if (empty) {
        empty.querySelector(".article-title").value = title;
        empty.querySelector("textarea").value = text;
        added.push(empty);
      } else {
        added.push(this.add({ title, text }));
      }
    }
    return { added, skipped };
  }

  /** Number the boxes; the only box left cannot be removed. */
  #renumber() {
    const boxes = this.fieldsets;
    boxes.forEach((fieldset, i) => {
      fieldset.querySelector(".article-number").textContent = String(i + 1);
      const remove = fieldset.querySelector(".remove-article");
      remove.textContent = `Remove article ${i + 1}`;
      remove.hidden = boxes.length === 1;
    });
  }
}

/** "Added 2 articles from files." */
export function filesMessage({ added }) {
  return `Added ${plural(added.length, "article")} from ${added.length === 1 ? "a file" : "files"}.`;
}
