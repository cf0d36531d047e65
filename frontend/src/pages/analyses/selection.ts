// Anchoring a comment to a passage of a version's Markdown text: the reader selects it in a
// <pre> holding that text (its text content is the body, character for character), and the
// selection's boundary points become offsets in the body; `quote` is the body between them.

/** The offset in `root`'s text of the boundary point (`node`, `offset`) of a range. */
export function offsetIn(root: Node, node: Node, offset: number): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const isText = node.nodeType === Node.TEXT_NODE;
  // For an element, the point sits before its child at `offset` (after its last child when
  // `offset` is the number of children).
  const child = isText ? null : (node.childNodes[offset] ?? null);
  let count = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (isText) {
      if (t === node) return count + offset;
    } else if (child) {
      if (t === child || child.contains(t) || t.compareDocumentPosition(child) & Node.DOCUMENT_POSITION_PRECEDING) {
        return count;
      }
    } else if (!node.contains(t) && node.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) {
      return count;
    }
    count += (t as Text).data.length;
  }
  return count;
}

export interface Passage {
  quote: string;
  start: number;
  end: number;
}

/** The passage of `body` selected inside `root`, or null (nothing selected, or outside). */
export function selectedPassage(root: Node, selection: Selection | null, body: string): Passage | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = offsetIn(root, range.startContainer, range.startOffset);
  const end = offsetIn(root, range.endContainer, range.endOffset);
  if (end <= start) return null;
  return { quote: body.slice(start, end), start, end };
}

/** A passage typed (or pasted) by the reader: its first occurrence in the body, or null. */
export function findPassage(body: string, quote: string): Passage | null {
  if (!quote) return null;
  const start = body.indexOf(quote);
  return start < 0 ? null : { quote, start, end: start + quote.length };
}
