// Saved searches (alerts) beside the inbox: save the current criteria, see what is new in
// each, apply one, mark its results seen (CP1.4).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { watchChanged, watchQueries } from "../../api/queries/watch";
import { fieldErrorsOf } from "../../api/problem";
import type { SearchOut as Search } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner, Field } from "../../components/ui";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { useForm } from "../../components/useForm";

export type Criteria = {
  q?: string;
  topic?: Search["topic"];
  classification?: Search["classification"];
  unread?: boolean;
  competitor_id?: number;
};

export function SavedSearches({ criteria, onApply }: { criteria: Criteria; onApply: (s: Search) => void }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({ name: "" });
  const searches = useQuery({
    ...watchQueries.searches(),
  });
  const save = useMutation({
    mutationFn: (name: string) =>
      unwrap(api.POST("/api/v1/watch/searches", { body: { name: name.trim(), ...criteria } })),
    onSuccess: () => {
      set("name", "");
      watchChanged.searches(queryClient);
    },
  });
  const seen = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST("/api/v1/watch/searches/{search_id}/seen", { params: { path: { search_id: id } } })),
    onSuccess: () => watchChanged.searches(queryClient),
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <aside className="card" aria-labelledby="saved-title">
      <h2 id="saved-title">Recherches enregistrées</h2>
      <ErrorBanner error={searches.error ?? seen.error} />
      {searches.data && searches.data.items.length === 0 && (
        <p className="muted">
          Aucune : choisissez des critères ci-dessus, puis enregistrez-les pour suivre leurs nouveautés.
        </p>
      )}
      {searches.data && searches.data.items.length > 0 && (
        <ul className="plain">
          {searches.data.items.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  onApply(s);
                  seen.mutate(s.id);
                }}
              >
                {s.name}
              </button>{" "}
              <span className="muted">
                {s.matches ?? 0} article(s){(s.new_matches ?? 0) > 0 ? `, dont ${s.new_matches} nouveau(x)` : ""}
              </span>
              <SearchActions key={s.version} search={s} criteria={criteria} />
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={submitWith((v) => save.mutate(v.name))}
        className="inline-form"
        aria-label="Enregistrer la recherche"
      >
        <Field label="Nom de la recherche" error={errors.name ?? errors.q}>
          {(p) => <input {...p} value={values.name} onChange={(e) => set("name", e.target.value)} />}
        </Field>
        <button type="submit" disabled={save.isPending}>
          Enregistrer les critères actuels
        </button>
      </form>
      {save.error && Object.keys(errors).length === 0 && <ErrorBanner error={save.error} />}
    </aside>
  );
}

/** Rename a saved search (or give it the current criteria), or delete it. */
function SearchActions({ search, criteria }: { search: Search; criteria: Criteria }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { values, set, submitWith } = useForm({ name: search.name, replace: false });
  const done = () => watchChanged.searches(queryClient);
  const update = useMutation({
    mutationFn: ({ name, replace }: { name: string; replace: boolean }) => {
      // Replacing the criteria clears those the current view does not set.
      const changes = replace
        ? {
            q: criteria.q ?? null,
            topic: criteria.topic ?? null,
            classification: criteria.classification ?? null,
            unread: criteria.unread ?? false,
            competitor_id: criteria.competitor_id ?? null,
          }
        : {};
      return unwrap(
        api.PATCH("/api/v1/watch/searches/{search_id}", {
          params: { path: { search_id: search.id } },
          body: { version: search.version, name: name.trim(), ...changes },
        }),
      );
    },
    onSuccess: () => {
      setEditing(false);
      done();
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/v1/watch/searches/{search_id}", { params: { path: { search_id: search.id } } })),
    onSuccess: done,
  });
  const errors = fieldErrorsOf(update.error);
  if (!editing) {
    return (
      <span className="card-actions">
        <button type="button" onClick={() => setEditing(true)} aria-label={`Modifier la recherche ${search.name}`}>
          Modifier
        </button>
        <ConfirmButton
          label="Supprimer"
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          question={`Supprimer la recherche « ${search.name} » ? Les articles restent.`}
        />
        <ErrorBanner error={remove.error} />
      </span>
    );
  }
  return (
    <form
      className="inline-form"
      aria-label={`Modifier la recherche ${search.name}`}
      onSubmit={submitWith((v) => update.mutate(v))}
    >
      <Field label="Nouveau nom" error={errors.name}>
        {(p) => <input {...p} value={values.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={values.replace} onChange={(e) => set("replace", e.target.checked)} />
        Remplacer ses critères par les critères actuels
      </label>
      <FormFooter
        error={update.error}
        pending={update.isPending}
        stale={changedMeanwhile("Cette recherche")}
        submitLabel="Enregistrer"
        onReload={() => {
          setEditing(false);
          done();
        }}
        onCancel={() => setEditing(false)}
      />
    </form>
  );
}
