// A watch source to add or to edit, with the server's field errors beside their fields; the
// kind cannot change once created.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { watchChanged } from "../../api/queries/watch";
import { fieldErrorsOf } from "../../api/problem";
import type { SourceCreate, SourceOut as Source } from "../../api/types";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { useForm } from "../../components/useForm";
import { Field, Options, RequiredNote, SaveError } from "../../components/ui";
import { CADENCES, FETCHED_KINDS, KINDS, TOPICS } from "../../labels/watch";
import { CompetitorField } from "./CompetitorSelect";

const EMPTY: SourceCreate = {
  name: "",
  kind: "rss",
  url: "",
  topic: "market",
  cadence: "weekly",
  reliability: 3,
  reliability_reason: "",
};

/** The source as the form edits it (the kind cannot change once created). */
export function draftOf(source: Source): SourceCreate {
  const { name, kind, url, topic, cadence, reliability, reliability_reason, competitor_id } = source;
  return { name, kind, url: url ?? "", topic, cadence, reliability, reliability_reason, competitor_id };
}

/** The payload of the form's values: a blank address goes as null. */
export function payloadOf(draft: SourceCreate): SourceCreate {
  return { ...draft, url: draft.url?.trim() ? draft.url.trim() : null };
}

export function SourceForm({ source, onDone }: { source?: Source; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values: form, set, submitWith } = useForm<SourceCreate>(() => (source ? draftOf(source) : EMPTY));
  const create = useMutation({
    mutationFn: (body: SourceCreate) => {
      if (!source) return unwrap(api.POST("/api/v1/watch/sources", { body }));
      const { kind: _kind, ...changes } = body;
      return unwrap(
        api.PATCH("/api/v1/watch/sources/{source_id}", {
          params: { path: { source_id: source.id } },
          body: { ...changes, version: source.version },
        }),
      );
    },
    onSuccess: () => {
      watchChanged.source(queryClient);
      onDone();
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <form
      className="card form-grid"
      onSubmit={submitWith((v) => create.mutate(payloadOf(v)))}
      aria-label={source ? `Modifier la source ${source.name}` : "Nouvelle source"}
      noValidate
    >
      <RequiredNote />
      <Field label="Nom" error={errors.name} required>
        {(p) => <input {...p} value={form.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <Field label="Type" error={errors.kind}>
        {(p) => (
          <select
            {...p}
            value={form.kind}
            disabled={Boolean(source)}
            onChange={(e) => set("kind", e.target.value as SourceCreate["kind"])}
          >
            <Options labels={KINDS} />
          </select>
        )}
      </Field>
      <Field
        label="Adresse (URL)"
        error={errors.url}
        required={FETCHED_KINDS.has(form.kind)}
        hint={FETCHED_KINDS.has(form.kind) ? "Obligatoire pour ce type." : "Facultative."}
      >
        {(p) => <input {...p} type="url" value={form.url ?? ""} onChange={(e) => set("url", e.target.value)} />}
      </Field>
      <Field label="Thème" error={errors.topic}>
        {(p) => (
          <select {...p} value={form.topic} onChange={(e) => set("topic", e.target.value as SourceCreate["topic"])}>
            <Options labels={TOPICS} />
          </select>
        )}
      </Field>
      <Field label="Cadence" error={errors.cadence}>
        {(p) => (
          <select
            {...p}
            value={form.cadence}
            onChange={(e) => set("cadence", e.target.value as SourceCreate["cadence"])}
          >
            <Options labels={CADENCES} />
          </select>
        )}
      </Field>
      <Field label="Fiabilité (1 à 5)" error={errors.reliability}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            max={5}
            value={form.reliability}
            onChange={(e) => set("reliability", Number(e.target.value))}
          />
        )}
      </Field>
      <Field label="Pourquoi cette fiabilité ?" error={errors.reliability_reason} required>
        {(p) => (
          <textarea
            {...p}
            value={form.reliability_reason}
            onChange={(e) => set("reliability_reason", e.target.value)}
          />
        )}
      </Field>
      <CompetitorField
        label="Concurrent suivi"
        value={form.competitor_id}
        error={errors.competitor_id}
        onChange={(id) => set("competitor_id", id)}
      />
      {source ? (
        <FormFooter
          error={create.error}
          pending={create.isPending}
          stale={changedMeanwhile("Cette source")}
          submitLabel="Enregistrer les modifications"
          onCancel={onDone}
          onReload={() => {
            watchChanged.sourceState(queryClient);
            onDone();
          }}
        />
      ) : (
        <>
          <SaveError error={create.error} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending}>
              {create.isPending ? "Enregistrement…" : "Enregistrer la source"}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
