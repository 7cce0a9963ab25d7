// The details of a quote, shown beside it while it is hovered or focused.
//
// One tooltip serves the whole page. Following WCAG 1.4.13 it stays while the
// pointer moves onto it, and Escape dismisses it. While it shows, the speaker's
// mention and the cue of the quote are highlighted in the text with the CSS
// Custom Highlight API, which marks text ranges without adding elements (the
// mention and cue may overlap other quotes, which elements could not).

export const QUOTE_SELECTOR = "mark[data-quote-id], mark[data-quote-part]";
const HIGHLIGHT_NAMES = { speaker: "whosaid-speaker", cue: "whosaid-cue" };
const MARGIN = 8;

/** The DOM Range of code units [start, end) of the text inside `container`. */
export function textRange(container, start, end) {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let position = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const next = position + node.data.length;
    if (!started && start <= next) {
      range.setStart(node, start - position);
      started = true;
    }
    if (started && end <= next) {
      range.setEnd(node, end - position);
      return range;
    }
    position = next;
  }
  return null;
}

const canHighlight = typeof Highlight === "function" && "highlights" in CSS;

export class QuoteTips {
  /** `tooltip`: the page's role="tooltip" element. */
  constructor(tooltip) {
    this.tooltip = tooltip;
    this.details = new WeakMap();
    this.hovered = null;
    this.focused = null;
    this.dismissed = false;
    this.active = null;
    document.addEventListener("mouseover", (event) => this.#pointAt(event.target));
    document.addEventListener("mouseout", (event) => {
      if (!event.relatedTarget) this.#pointAt(null);
    });
    document.addEventListener("focusin", (event) => this.#focus(event.target));
    document.addEventListener("focusout", (event) => {
      if (!event.relatedTarget) this.#focus(null);
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.tooltip.hidden) {
        this.dismissed = true;
        this.#update();
      }
    });
    window.addEventListener("resize", () => this.#update());
  }

  /**
   * Show `details` for the quote element `el`: {content() → Node, container,
   * speaker: span|null, cue: span|null, sourceItem: Element|null}.
   */
  register(el, details) {
    this.details.set(el, details);
  }

  /** Forget every quote (the results are being replaced). */
  clear() {
    this.hovered = this.focused = null;
    this.#update();
  }

  #quoteAt(target) {
    const el = target instanceof Element ? target.closest(QUOTE_SELECTOR) : null;
    return el && this.details.has(el) ? el : null;
  }

  #pointAt(target) {
    // Moving onto the tooltip keeps it, so that it can be read and selected.
    if (target instanceof Node && this.tooltip.contains(target)) return;
    const el = this.#quoteAt(target);
    if (el === this.hovered) return;
    this.hovered = el;
    this.dismissed = false;
    this.#update();
  }

  #focus(target) {
    const el = this.#quoteAt(target);
    if (el === this.focused) return;
    this.focused = el;
    this.dismissed = false;
    this.#update();
  }

  #update() {
    const el = this.dismissed ? null : (this.hovered ?? this.focused);
    if (el !== this.active) this.#unmark();
    this.active = el;
    if (!el) {
      this.tooltip.hidden = true;
      return;
    }
    const details = this.details.get(el);
    this.tooltip.replaceChildren(details.content());
    this.tooltip.hidden = false;
    this.#place(el);
    this.#mark(details);
  }

  /** Below the quote's last line, or above its first when there is no room. */
  #place(el) {
    const lines = el.getClientRects();
    if (!lines.length) return;
    const first = lines[0];
    const last = lines[lines.length - 1];
    const tip = this.tooltip.getBoundingClientRect();
    const fitsBelow = last.bottom + tip.height <= window.innerHeight;
    const fitsAbove = first.top - tip.height >= 0;
    const top = fitsBelow || !fitsAbove ? last.bottom : first.top - tip.height;
    const anchor = fitsBelow || !fitsAbove ? last : first;
    const widest = document.documentElement.clientWidth - tip.width - MARGIN;
    const left = Math.max(MARGIN, Math.min(anchor.left, widest));
    this.tooltip.style.setProperty("top", `${top + window.scrollY}px`);
    this.tooltip.style.setProperty("left", `${left + window.scrollX}px`);
  }

  #mark(details) {
    details.sourceItem?.classList.add("is-active");
    if (!canHighlight) return;
    for (const [part, name] of Object.entries(HIGHLIGHT_NAMES)) {
      const span = details[part];
      const range = span && textRange(details.container, span.start, span.end);
      if (range) CSS.highlights.set(name, new Highlight(range));
    }
  }

  #unmark() {
    if (this.active) this.details.get(this.active)?.sourceItem?.classList.remove("is-active");
    if (!canHighlight) return;
    for (const name of Object.values(HIGHLIGHT_NAMES)) CSS.highlights.delete(name);
  }
}
