// Export of the prospect file (CSV or XLSX), with the list's main filters.
import { useState } from "react";
import { authFetch } from "../../api/client";
import { ErrorBanner, Field } from "../../components/ui";
import { FilterSelect } from "../../components/FilterSelect";
import { useForm } from "../../components/useForm";
import { saveResponse } from "../../api/download";
import { KINDS, PROSPECT_STATUSES } from "../../labels/imports";

type Format = "csv" | "xlsx";

export function ExportCard() {
  // The export's filters; the download's own state (busy, error, done) follows.
  const { values, set } = useForm({ q: "", kind: "", status: "" });
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  async function download(format: Format) {
    setBusy(format);
    setError(null);
    setDone(null);
    const params = new URLSearchParams({ format });
    if (values.q.trim()) params.set("q", values.q.trim());
    if (values.kind) params.set("kind", values.kind);
    if (values.status) params.set("status", values.status);
    try {
      const response = await authFetch(`/api/v1/prospects/export?${params}`);
      const total = response.headers.get("X-Total-Count");
      await saveResponse(response, `prospects.${format}`);
      setDone(`Export ${format.toUpperCase()} téléchargé${total !== null ? ` : ${total} fiche(s)` : ""}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Exporter le fichier prospects</h2>
      <p>
        Téléchargez vos fiches en CSV (séparateur « ; », pour un tableur) ou en classeur Excel. Les filtres ci-dessous
        limitent l'export ; sans filtre, tout le fichier est exporté. Chaque export est noté dans le journal RGPD.
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filtres de l'export">
        <Field label="Rechercher dans les fiches">
          {(p) => (
            <input
              {...p}
              type="search"
              value={values.q}
              onChange={(e) => set("q", e.target.value)}
              placeholder="nom, ville, e-mail…"
            />
          )}
        </Field>
        <FilterSelect
          label="Type de fiche"
          all="Tous"
          value={values.kind}
          onChange={(v) => set("kind", v)}
          labels={KINDS}
        />
        <FilterSelect
          label="Statut de la fiche"
          all="Tous"
          value={values.status}
          onChange={(v) => set("status", v)}
          labels={PROSPECT_STATUSES}
        />
      </form>
      <div className="form-actions">
        <button type="button" onClick={() => download("csv")} disabled={busy !== null} aria-busy={busy === "csv"}>
          {busy === "csv" ? "Export CSV…" : "Exporter en CSV"}
        </button>
        <button type="button" onClick={() => download("xlsx")} disabled={busy !== null} aria-busy={busy === "xlsx"}>
          {busy === "xlsx" ? "Export Excel…" : "Exporter en Excel (XLSX)"}
        </button>
      </div>
      <ErrorBanner error={error} title="Export impossible." />
      <p role="status" className="muted">
        {done}
      </p>
    </section>
  );
}
