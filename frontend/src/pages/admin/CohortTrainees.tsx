// The trainees who follow a cohort: remove one, or add one from the organisation's trainees
// (each move is an edit of the trainee's account, PATCH /users/{id} with its cohort).
import type { CohortOut, UserOut } from "../../api/types";
import { adminQueries, usersChanged } from "../../api/queries/users";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ErrorBanner, Field } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";

export function CohortTrainees({ cohort }: { cohort: CohortOut }) {
  const trainees = useQuery({
    ...adminQueries.allTrainees(),
  });
  return (
    <section className="card" aria-labelledby="cohort-trainees-title">
      <h2 id="cohort-trainees-title">Stagiaires de la cohorte {cohort.name}</h2>
      {/* Without any trainee, the members still say so and the form why it offers nobody. */}
      <QueryState query={trainees} isEmpty={() => false}>
        {(data) => <Members cohort={cohort} trainees={data.items} />}
      </QueryState>
    </section>
  );
}

/** The cohort's trainees, out of all of the organisation's, and the moves. */
function Members({ cohort, trainees }: { cohort: CohortOut; trainees: UserOut[] }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({ chosen: "" });
  const move = useMutation({
    mutationFn: ({ user, cohortId }: { user: UserOut; cohortId: number | null }) =>
      unwrap(
        api.PATCH("/api/v1/users/{user_id}", {
          params: { path: { user_id: user.id } },
          body: { version: user.version, cohort_id: cohortId },
        }),
      ),
    onSuccess: () => {
      set("chosen", "");
      usersChanged.admin(queryClient);
    },
  });
  const members = trainees.filter((u) => u.cohort_id === cohort.id);
  const others = trainees.filter((u) => u.cohort_id !== cohort.id);
  return (
    <>
      <ErrorBanner error={move.error} />
      {members.length === 0 && <p className="hint">Aucun stagiaire ne suit encore cette cohorte.</p>}
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
      <form
        className="filters"
        onSubmit={submitWith(({ chosen }) => {
          const user = others.find((u) => String(u.id) === chosen);
          if (user) move.mutate({ user, cohortId: cohort.id });
        })}
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
            <select
              {...p}
              value={values.chosen}
              onChange={(e) => set("chosen", e.target.value)}
              disabled={others.length === 0}
            >
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
        <button type="submit" disabled={!values.chosen || move.isPending}>
          Ajouter à la cohorte
        </button>
      </form>
    </>
  );
}
