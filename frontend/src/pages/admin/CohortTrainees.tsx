// The trainees who follow a cohort: remove one, or add one from the organisation's trainees
// (each move is an edit of the trainee's account, PATCH /users/{id} with its cohort).
import type { CohortOut, UserOut } from "../../api/types";
import { adminQueries, usersChanged } from "../../api/queries/users";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { Busy, ErrorBanner, Field } from "../../components/ui";

export function CohortTrainees({ cohort }: { cohort: CohortOut }) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState("");
  const trainees = useQuery({
    ...adminQueries.allTrainees(),
  });
  const move = useMutation({
    mutationFn: ({ user, cohortId }: { user: UserOut; cohortId: number | null }) =>
      unwrap(
        api.PATCH("/api/v1/users/{user_id}", {
          params: { path: { user_id: user.id } },
          body: { version: user.version, cohort_id: cohortId },
        }),
      ),
    onSuccess: () => {
      setChosen("");
      usersChanged.admin(queryClient);
    },
  });
  const all = trainees.data?.items ?? [];
  const members = all.filter((u) => u.cohort_id === cohort.id);
  const others = all.filter((u) => u.cohort_id !== cohort.id);

  return (
    <section className="card" aria-labelledby="cohort-trainees-title">
      <h2 id="cohort-trainees-title">Stagiaires de la cohorte {cohort.name}</h2>
      {trainees.isPending && <Busy />}
      <ErrorBanner error={trainees.error ?? move.error} />
      {trainees.data && members.length === 0 && <p className="hint">Aucun stagiaire ne suit encore cette cohorte.</p>}
      {members.length > 0 && (
        <ul className="people-list">
          {members.map((u) => (
            <li key={u.id}>
              <span>
                {u.full_name} <small className="muted">{u.email}</small>
              </span>
              <button
                type="button"
                disabled={move.isPending}
                aria-label={`Retirer ${u.full_name} de la cohorte`}
                onClick={() => move.mutate({ user: u, cohortId: null })}
              >
                Retirer
              </button>
            </li>
          ))}
        </ul>
      )}
      {trainees.data && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            const user = others.find((u) => String(u.id) === chosen);
            if (user) move.mutate({ user, cohortId: cohort.id });
          }}
        >
          <Field
            label="Ajouter un stagiaire"
            hint={
              others.length === 0
                ? "Tous les stagiaires suivent déjà cette cohorte."
                : "Un stagiaire d'une autre cohorte en change."
            }
          >
            {(p) => (
              <select {...p} value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={others.length === 0}>
                <option value="">Choisir…</option>
                {others.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.full_name}
                    {u.cohort_id ? " (autre cohorte)" : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={!chosen || move.isPending}>
            Ajouter à la cohorte
          </button>
        </form>
      )}
    </section>
  );
}
