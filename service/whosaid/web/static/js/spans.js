// Quote spans laid out as a tree that nested HTML elements can draw.
//
// HTML elements nest but cannot cross, and quotes can overlap: a nested quote
// lies inside its parent, and an indirect or mixed quote may overlap a direct
// one. The rendering rules:
//   - a span that lies wholly inside another (a nested quote in its parent, or a
//     quote inside another quote) is drawn as a child element of it;
//   - a span that starts inside another and ends after it is cut where the
//     other ends: the first piece is drawn inside the other, and the rest
//     continues after it as a further piece of the same quote.
// So every quote has exactly one first piece (which carries its id and takes
// the keyboard focus) and, rarely, continuation pieces. Offsets are UTF-16 code
// units, the units of JavaScript strings.

const ROLE_ORDER = { quote: 0, inner: 1 };

/** Outer spans first: by start, then longest, then quotes before their inner spans. */
function compare(a, b) {
  return (
    a.start - b.start ||
    b.end - a.end ||
    ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
    a.order - b.order
  );
}

/** Insert `piece` into the sorted `queue`, keeping it sorted. */
function insert(queue, piece) {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(queue[mid], piece) <= 0) low = mid + 1;
    else high = mid;
  }
  queue.splice(low, 0, piece);
}

/**
 * The layout tree of `quotes` over a text of `length` code units.
 *
 * Each node is {quote, order, role ("quote" or "inner" for a quoted span inside
 * a quote), start, end, first (false for a continuation piece), children}; the
 * root spans the whole text. Spans outside the text are clipped, empty ones
 * dropped.
 */
export function layout(quotes, length) {
  const queue = [];
  const add = (piece) => {
    const start = Math.max(0, piece.start);
    const end = Math.min(length, piece.end);
    if (end > start) queue.push({ ...piece, start, end, first: true });
  };
  quotes.forEach((quote, order) => {
    add({ quote, order, role: "quote", start: quote.start, end: quote.end });
    for (const inner of quote.nested ?? []) {
      add({ quote, order, role: "inner", start: inner.start, end: inner.end });
    }
  });
  queue.sort(compare);

  const root = { start: 0, end: length, children: [] };
  // The open spans, each inside the one below it.
  const stack = [root];
  while (queue.length) {
    let piece = queue.shift();
    while (stack.length > 1 && stack.at(-1).end <= piece.start) stack.pop();
    const parent = stack.at(-1);
    if (piece.end > parent.end) {
      insert(queue, { ...piece, start: parent.end, first: false });
      piece = { ...piece, end: parent.end };
    }
    const node = { ...piece, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

/**
 * Draw `tree` (from layout) of `text` into `container`: plain text between
 * spans, and `element(node)` for each span, filled with its own children.
 */
export function draw(container, text, tree, element) {
  let position = tree.start;
  for (const child of tree.children) {
    if (child.start > position) container.append(text.slice(position, child.start));
    const el = element(child);
    draw(el, text, child, element);
    container.append(el);
    position = child.end;
  }
  if (tree.end > position) container.append(text.slice(position, tree.end));
  return container;
}
