// The exercises' instructions are Markdown: a small, safe subset drawn as React elements (no
// HTML is ever injected): headings, paragraphs, bulleted and numbered lists, bold, italic,
// inline code and links to http(s) addresses. Anything else is shown as written.
import type { ReactNode } from "react";

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;

/** The blocks of a Markdown text, in order. */
export function blocksOf(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
    paragraph = [];
    if (list) blocks.push({ kind: "list", ...list });
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: "heading", level: heading[1].length, text: heading[2] });
    } else if (bullet || numbered) {
      const ordered = Boolean(numbered) && !bullet;
      const text = (bullet ?? numbered)![1];
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(text);
    } else if (list && /^\s+/.test(raw)) {
      // An indented line continues the list's last item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

// Underscores mark only outside words (« snake_case » stays as written).
const INLINE =
  /(\*\*[^*]+\*\*|(?<!\w)__[^_]+__(?!\w)|\*[^*\s][^*]*\*|(?<!\w)_[^_\s][^_]*_(?!\w)|`[^`]+`|\[[^\]]+\]\([^)\s]+\))/g;

/** The inline marks of a line: bold, italic, code, links (http and https only). */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const token = match[0];
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const key = `${at}-${token.length}`;
    if (token.startsWith("**") || token.startsWith("__")) {
      out.push(<strong key={key}>{inline(token.slice(2, -2))}</strong>);
    } else if (token.startsWith("`")) {
      out.push(<code key={key}>{token.slice(1, -1)}</code>);
    } else if (token.startsWith("[")) {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token)!;
      out.push(
        /^https?:\/\//i.test(link[2]) ? (
          <a key={key} href={link[2]} rel="noreferrer noopener" target="_blank">
            {inline(link[1])}
          </a>
        ) : (
          token
        ),
      );
    } else {
      out.push(<em key={key}>{inline(token.slice(1, -1))}</em>);
    }
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A Markdown text; its highest heading becomes an `h{headingLevel}` (the page's own
 * outline continues under the card that shows it). */
export function Markdown({ source, headingLevel = 3 }: { source: string; headingLevel?: number }) {
  const blocks = blocksOf(source);
  const top = Math.min(7, ...blocks.map((b) => (b.kind === "heading" ? b.level : 7)));
  return (
    <div className="markdown">
      {blocks.map((block, i) => {
        if (block.kind === "heading") {
          const level = Math.min(6, headingLevel + block.level - top);
          const Tag = `h${level}` as "h3";
          return <Tag key={i}>{inline(block.text)}</Tag>;
        }
        if (block.kind === "list") {
          const items = block.items.map((item, j) => <li key={j}>{inline(item)}</li>);
          return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
        }
        return <p key={i}>{inline(block.text)}</p>;
      })}
    </div>
  );
}
