// Watch sources: status and freshness against the cadence, refresh now (busy state and
// outcome), pause, and a form to add one with the server's field errors (CP1.1–CP1.3).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { watchChanged, watchQueries } from "../../api/queries/watch";
import { fieldErrorsOf } from "../../api/problem";
import type { SourceCreate, SourceOut as Source } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormFooter } from "../../components/FormFooter";
import {
  Busy,
  EmptyState,
  ErrorBanner,
  Field,
  Options,
  PageFrame,
  RequiredNote,
  SaveError,
  formatDate,
  DisclosureButton,
} from "../../components/ui";
import { CADENCES, FETCHED_KINDS, FRESHNESS, KINDS, STATUSES, TOPICS } from "../../labels/watch";
import { WatchNav } from "./WatchNav";

export function WatchSourcesPage() {
  const sources = useQuery({
    ...watchQueries.sources(),
  });
  const [adding, setAdding] = useState(false);
  return (
    <PageFrame
      title="Veille : sources"
      operations={["list_sources", "create_source", "refresh_source", "update_source", "delete_source"]}
      actions={
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
          Ajouter une source
        </DisclosureButton>
      }
    >
      <WatchNav />
      {adding && <SourceForm onDone={() => setAdding(false)} />}
      <ErrorBanner error={sources.error} />
      {sources.isPending && <Busy />}
      {sources.data && sources.data.items.length === 0 && (
        <EmptyState title="Aucune source de veille.">
          Ajoutez un flux RSS, une page de concurrent ou une lettre d'information pour commencer.
        </EmptyState>
      )}
      {sources.data && sources.data.items.length > 0 && (
        <div className="scroll-x">
          <table className="table sources-table">
            <caption className="sr-only">Sources de veille</caption>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Type</th>
                <th scope="col">Thème</th>
                <th scope="col">Cadence</th>
                <th scope="col">Fiabilité</th>
                <th scope="col">État</th>
                <th scope="col">Dernière lecture</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {sources.data.items.map((source) => (
                <SourceRow key={source.id} source={source} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PageFrame>
  );
}

function SourceRow({ source }: { source: Source }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/watch/sources/{source_id}", {
          params: { path: { source_id: source.id } },
        }),
      ),
    onSuccess: () => {
      watchChanged.source(queryClient);
    },
  });
  const refresh = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/watch/sources/{source_id}/refresh", {
          params: { path: { source_id: source.id } },
        }),
      ),
    onSuccess: (result) => {
      setOutcome(
        result.outcome === "ok"
          ? `${result.new_items} nouvel(s) article(s)`
          : result.outcome === "not_modified"
            ? "Rien de nouveau"
            : result.outcome === "busy"
              ? "Déjà en cours"
              : `Erreur : ${result.error ?? ""}`,
      );
      watchChanged.sourceRefreshed(queryClient);
    },
  });
  const pause = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH("/api/v1/watch/sources/{source_id}", {
          params: { path: { source_id: source.id } },
          body: { version: source.version, paused: source.status !== "paused" },
        }),
      ),
    onSuccess: () => watchChanged.sourceState(queryClient),
  });
  const fetched = FETCHED_KINDS.has(source.kind);
  if (editing) {
    return (
      <tr>
        <td colSpan={8}>
          <SourceForm key={source.version} source={source} onDone={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">
        {source.name}
        {source.url && (
          <>
            <br />
            <small className="muted">{source.url}</small>
          </>
        )}
      </th>
      <td>{KINDS[source.kind]}</td>
      <td>{TOPICS[source.topic]}</td>
      <td>{CADENCES[source.cadence]}</td>
      <td title={source.reliability_reason}>{source.reliability}/5</td>
      <td>
        <span className={`status status-${source.status}`}>{STATUSES[source.status]}</span>{" "}
        <span className={`status fresh-${source.freshness ?? "never"}`}>{FRESHNESS[source.freshness ?? "never"]}</span>
        {source.last_error && (
          <>
            <br />
            <small className="field-error">{source.last_error}</small>
          </>
        )}
      </td>
      <td>{formatDate(source.last_fetched_at, true)}</td>
      <td className="row-actions">
        {fetched && (
          <button
            type="button"
            onClick={() => refresh.mutate()}
            disabled={refresh.isPending || source.status === "paused"}
            aria-busy={refresh.isPending}
          >
            {refresh.isPending ? "Actualisation…" : "Actualiser"}
          </button>
        )}
        <button type="button" onClick={() => pause.mutate()} disabled={pause.isPending}>
          {source.status === "paused" ? "Reprendre" : "Mettre en pause"}
        </button>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Modifier la source ${source.name}`}>
          Modifier
        </button>
        <ConfirmButton
          label="Supprimer"
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          question={`Supprimer la source « ${source.name} » ? Ses articles restent dans votre veille.`}
        />
        {outcome && (
          <span role="status" className="muted">
            {outcome}
          </span>
        )}
        <ErrorBanner error={refresh.error ?? pause.error ?? remove.error} />
      </td>
    </tr>
  );
}

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
function draftOf(source: Source): SourceCreate {
  const { name, kind, url, topic, cadence, reliability, reliability_reason, competitor_id } = source;
  return { name, kind, url: url ?? "", topic, cadence, reliability, reliability_reason, competitor_id };
}

function SourceForm({ source, onDone }: { source?: Source; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SourceCreate>(() => (source ? draftOf(source) : EMPTY));
  const competitors = useQuery({
    ...watchQueries.competitors(),
  });
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
  const set = <K extends keyof SourceCreate>(key: K, value: SourceCreate[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ ...form, url: form.url?.trim() ? form.url.trim() : null });
  }
  return (
    <form
      className="card form-grid"
      onSubmit={submit}
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
      <Field label="Concurrent suivi" error={errors.competitor_id}>
        {(p) => (
          <select
            {...p}
            value={form.competitor_id ?? ""}
            onChange={(e) => set("competitor_id", e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">Aucun</option>
            {competitors.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {source ? (
        <FormFooter
          error={create.error}
          pending={create.isPending}
          subject="Cette source"
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
