// A submitted version's exports (PDF, HTML with its charts), downloaded with the session's token.
import { useState } from "react";
import { downloadFile } from "../../api/download";
import { ErrorBanner } from "../../components/ui";

export function ExportButtons({ noteId, number }: { noteId: number; number: number }) {
  const [error, setError] = useState<unknown>(null);
  const get = (format: "pdf" | "html") => {
    setError(null);
    downloadFile(
      `/api/v1/notes/${noteId}/versions/${number}/export?format=${format}`,
      `note-${noteId}-v${number}.${format}`,
    ).catch(setError);
  };
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => get("pdf")} aria-label={`Télécharger la version ${number} en PDF`}>
        PDF
      </button>{" "}
      <button type="button" onClick={() => get("html")} aria-label={`Télécharger la version ${number} en HTML`}>
        HTML
      </button>
      <ErrorBanner error={error} />
    </span>
  );
}
