// Competitors and their positioning side by side (CP1.5).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { components } from "../../api/schema";
import { Busy, EmptyState, ErrorBanner, Field, Options, PageFrame } from "../../components/ui";
import { PRICE_LEVELS } from "./labels";
import { WatchNav } from "./WatchNav";

type CompetitorCreate = components["schemas"]["CompetitorCreate"];

export function CompetitorsPage() {
  const [adding, setAdding] = useState(false);
  const matrix = useQuery({
    queryKey: ["competitor-matrix"],
    queryFn: () => unwrap(api.GET("/api/v1/competitors/matrix")),
  });
  const m = matrix.data;
  return (
    <PageFrame title="Concurrents et positionnement" operations={["competitor_matrix", "create_competitor"]}
      actions={<button type="button" className="primary" aria-expanded={adding} onClick={() => setAdding(!adding)}>
        {adding ? "Fermer" : "Ajouter un concurrent"}
      </button>}>
      <WatchNav />
      {adding && <CompetitorForm onDone={() => setAdding(false)} />}
      <ErrorBanner error={matrix.error} />
      {matrix.isPending && <Busy />}
      {m && m.competitors.length === 0 && (
        <EmptyState title="Aucun concurrent documenté.">
          Ajoutez les principaux concurrents de votre entreprise pour les comparer.
        </EmptyState>
      )}
      {m && m.competitors.length > 0 && (
        <div className="scroll-x" tabIndex={0} role="region" aria-label="Matrice de positionnement">
          <table className="table matrix">
            <caption className="sr-only">Matrice de positionnement des concurrents</caption>
            <thead>
              <tr>
                <th scope="col">Axe</th>
                {m.competitors.map((c) => (
                  <th scope="col" key={c.id}>
                    {c.name}
                    <br />
                    <Link to={`/veille?competitor=${c.id}`} className="muted">
                      {c.item_count ?? 0} article(s), {c.sources?.length ?? 0} source(s)
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.rows.filter((r) => r.axis !== "item_count").map((row) => (
                <tr key={row.axis}>
                  <th scope="row">{row.label}</th>
                  {m.competitors.map((c) => {
                    const value = row.values[String(c.id)] ?? "";
                    return <td key={c.id}>{row.axis === "price_level" ? PRICE_LEVELS[value] ?? "—" : value || "—"}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PageFrame>
  );
}

function CompetitorForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CompetitorCreate>({ name: "", website: "", price_level: null, strengths: "", weaknesses: "", differentiation: "" });
  const create = useMutation({
    mutationFn: (body: CompetitorCreate) => unwrap(api.POST("/api/v1/competitors", { body })),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ["competitor-matrix"] });
      onDone();
    },
  });
  const errors = fieldErrorsOf(create.error);
  const set = <K extends keyof CompetitorCreate>(key: K, value: CompetitorCreate[K]) => setForm((f) => ({ ...f, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ ...form, website: form.website?.trim() || null });
  }
  return (
    <form className="card form-grid" onSubmit={submit} aria-label="Nouveau concurrent">
      <Field label="Nom" error={errors.name}>
        {(p) => <input {...p} value={form.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <Field label="Site web" error={errors.website}>
        {(p) => <input {...p} type="url" value={form.website ?? ""} onChange={(e) => set("website", e.target.value)} />}
      </Field>
      <Field label="Niveau de prix" error={errors.price_level}>
        {(p) => (
          <select {...p} value={form.price_level ?? ""}
            onChange={(e) => set("price_level", (e.target.value || null) as CompetitorCreate["price_level"])}>
            <option value="">Non renseigné</option>
            <Options labels={PRICE_LEVELS} />
          </select>
        )}
      </Field>
      <Field label="Forces" error={errors.strengths}>
        {(p) => <textarea {...p} value={form.strengths ?? ""} onChange={(e) => set("strengths", e.target.value)} />}
      </Field>
      <Field label="Faiblesses" error={errors.weaknesses}>
        {(p) => <textarea {...p} value={form.weaknesses ?? ""} onChange={(e) => set("weaknesses", e.target.value)} />}
      </Field>
      <Field label="Nos points de différenciation" error={errors.differentiation}>
        {(p) => <textarea {...p} value={form.differentiation ?? ""} onChange={(e) => set("differentiation", e.target.value)} />}
      </Field>
      {create.error && Object.keys(errors).length === 0 && <ErrorBanner error={create.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>Enregistrer</button>
      </div>
    </form>
  );
}
