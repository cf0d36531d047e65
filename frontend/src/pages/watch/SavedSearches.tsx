// Saved searches (alerts) beside the inbox: save the current criteria, see what is new in
// each, apply one, mark its results seen (CP1.4).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { components } from "../../api/schema";
import { ErrorBanner, Field } from "../../components/ui";

type Search = components["schemas"]["SearchOut"];
export type Criteria = {
  q?: string;
  topic?: Search["topic"];
  classification?: Search["classification"];
  unread?: boolean;
  competitor_id?: number;
};

export function SavedSearches({ criteria, onApply }: { criteria: Criteria; onApply: (s: Search) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const searches = useQuery({
    queryKey: ["watch-searches"],
    queryFn: () => unwrap(api.GET("/api/v1/watch/searches", { params: { query: { limit: 100 } } })),
  });
  const save = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/watch/searches", { body: { name: name.trim(), ...criteria } })),
    onSuccess: () => {
      setName("");
      queryClient.invalidateQueries({ queryKey: ["watch-searches"] });
    },
  });
  const seen = useMutation({
    mutationFn: (id: number) => unwrap(api.POST("/api/v1/watch/searches/{search_id}/seen", { params: { path: { search_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["watch-searches"] }),
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <aside className="card" aria-labelledby="saved-title">
      <h2 id="saved-title">Recherches enregistrées</h2>
      <ErrorBanner error={searches.error ?? seen.error} />
      {searches.data && searches.data.items.length === 0 && (
        <p className="muted">Aucune : choisissez des critères ci-dessus, puis enregistrez-les pour suivre leurs nouveautés.</p>
      )}
      {searches.data && searches.data.items.length > 0 && (
        <ul className="plain">
          {searches.data.items.map((s) => (
            <li key={s.id}>
              <button type="button" className="link" onClick={() => { onApply(s); seen.mutate(s.id); }}>
                {s.name}
              </button>{" "}
              <span className="muted">
                {s.matches ?? 0} article(s){(s.new_matches ?? 0) > 0 ? `, dont ${s.new_matches} nouveau(x)` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="inline-form" aria-label="Enregistrer la recherche">
        <Field label="Nom de la recherche" error={errors.name ?? errors.q}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" disabled={save.isPending}>Enregistrer les critères actuels</button>
      </form>
      {save.error && Object.keys(errors).length === 0 && <ErrorBanner error={save.error} />}
    </aside>
  );
}
