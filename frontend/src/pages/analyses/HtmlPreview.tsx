// A note rendered by the server (GET …/preview): Markdown to HTML with raw HTML escaped and the
// charts as inline SVG, sanitised server-side — shown as given, inside a labelled region.
export function HtmlPreview({ html, label }: { html: string; label: string }) {
  return (
    <div
      className="note-preview"
      role="region"
      aria-label={label}
      tabIndex={0}
      // Sanitised by the server (app/analyses/documents.py): no raw HTML passes through.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
