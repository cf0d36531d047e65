// An item with no feed behind it: a newsletter, notes from a trade fair, a phone call (CP1.3).
import { useForm } from "../../components/useForm";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { watchChanged, watchQueries } from "../../api/queries/watch";
import { fieldErrorsOf } from "../../api/problem";
import type { ItemCreate } from "../../api/types";
import { ErrorBanner, Field, Options } from "../../components/ui";
import { FETCHED_KINDS, TOPICS } from "../../labels/watch";
import { CompetitorField } from "./CompetitorSelect";

export function ManualItemForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const {
    values: form,
    set,
    submitWith,
  } = useForm<ItemCreate>({
    title: "",
    summary: "",
    topic: "market",
    source_id: null,
    competitor_id: null,
  });
  const sources = useQuery({
    ...watchQueries.sources(),
  });
  const create = useMutation({
    mutationFn: (body: ItemCreate) => unwrap(api.POST("/api/v1/watch/items", { body })),
    onSuccess: () => {
      watchChanged.itemAdded(queryClient);
      onDone();
    },
  });
  const errors = fieldErrorsOf(create.error);
  const manualSources = (sources.data?.items ?? []).filter((s) => !FETCHED_KINDS.has(s.kind));
  return (
    <form className="card form-grid" onSubmit={submitWith((v) => create.mutate(v))} aria-label="Nouvel article">
      <Field label="Titre" error={errors.title}>
        {(p) => <input {...p} value={form.title} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <Field label="Thème" error={errors.topic}>
        {(p) => (
          <select {...p} value={form.topic} onChange={(e) => set("topic", e.target.value as ItemCreate["topic"])}>
            <Options labels={TOPICS} />
          </select>
        )}
      </Field>
      <Field
        label="Source (sans flux)"
        error={errors.source_id}
        hint="Lettre, salon… : l'article tient la source à jour."
      >
        {(p) => (
          <select
            {...p}
            value={form.source_id ?? ""}
            onChange={(e) => set("source_id", e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">Aucune</option>
            {manualSources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CompetitorField
        label="Concurrent concerné"
        value={form.competitor_id}
        error={errors.competitor_id}
        onChange={(id) => set("competitor_id", id)}
      />
      <Field label="Résumé" error={errors.summary}>
        {(p) => <textarea {...p} value={form.summary ?? ""} onChange={(e) => set("summary", e.target.value)} />}
      </Field>
      {create.error && Object.keys(errors).length === 0 && <ErrorBanner error={create.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          Ajouter l'article
        </button>
      </div>
    </form>
  );
}
