// What the server found wrong in a whole business case document (an import, the draft's
// JSON): every path and its French message, as a list that can be read and fixed one by one.
import { ApiError } from "../../api/problem";
import { ErrorBanner } from "../../components/ui";

/** A field of the document as the trainer reads it: without the envelope's prefix. */
export function documentPath(field: string): string {
  return field.replace(/^(document|file)\./, "");
}

export function DocumentErrors({ error, title }: { error: unknown; title: string }) {
  if (!error) return null;
  const items = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  if (!items.length) return <ErrorBanner error={error} />;
  return (
    <div role="alert" className="alert alert-error">
      <strong>
        {title} : {items.length} erreur{items.length > 1 ? "s" : ""}.
      </strong>
      <ul className="document-errors">
        {items.map((e, i) => {
          const path = documentPath(e.field);
          return (
            <li key={`${e.field}-${i}`}>
              {path && path !== "file" && path !== "document" ? (
                <>
                  <code>{path}</code> : {e.message}
                </>
              ) : (
                e.message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
