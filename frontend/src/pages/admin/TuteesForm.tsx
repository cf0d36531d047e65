// A company tutor's trainees (admin): the organisation's trainees to tick; saving replaces the
// list (PUT /users/{id}/tutees). The tutor then reads their analyses, notes and portfolios.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { adminQueries, usersChanged } from "../../api/queries/users";
import type { UserOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Notice, SaveError } from "../../components/ui";

export function TuteesForm({ tutor }: { tutor: UserOut }) {
  const current = useQuery({ ...adminQueries.tutees(tutor.id) });
  return (
    <QueryState query={current} busyLabel="Chargement des alternants…">
      {(data) => (
        <TuteesChoice
          key={data.tutees.map((t) => t.id).join(",")}
          tutor={tutor}
          initial={data.tutees.map((t) => t.id)}
        />
      )}
    </QueryState>
  );
}

function TuteesChoice({ tutor, initial }: { tutor: UserOut; initial: number[] }) {
  const queryClient = useQueryClient();
  const trainees = useQuery({ ...adminQueries.allTrainees() });
  const [chosen, setChosen] = useState<number[]>(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT("/api/v1/users/{user_id}/tutees", {
          params: { path: { user_id: tutor.id } },
          body: { trainee_ids: chosen },
        }),
      ),
    onSuccess: async (out) => {
      setSaved(
        out.tutees.length === 0
          ? `${tutor.full_name} ne suit plus aucun alternant.`
          : `${tutor.full_name} suit ${out.tutees.map((t) => t.full_name).join(", ")}.`,
      );
      await usersChanged.admin(queryClient);
    },
  });
  const toggle = (id: number, on: boolean) => {
    setSaved(null);
    setChosen((all) => (on ? [...all, id] : all.filter((x) => x !== id)));
  };
  return (
    <form
      className="card"
      aria-labelledby="tutees-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 id="tutees-title">Alternants suivis par {tutor.full_name}</h2>
      <p className="hint">
        Le tuteur en entreprise lit les analyses, les notes de synthèse et le portfolio de ces stagiaires, et commente
        leurs notes.
      </p>
      <QueryState
        query={trainees}
        empty={<EmptyState title="Aucun stagiaire dans l'organisation." />}
        busyLabel="Chargement des stagiaires…"
      >
        {(data) => (
          <fieldset className="tutees-choice">
            <legend>Stagiaires</legend>
            {data.items.map((t) => (
              <label key={t.id} className="check">
                <input
                  type="checkbox"
                  checked={chosen.includes(t.id)}
                  onChange={(e) => toggle(t.id, e.target.checked)}
                />
                {t.full_name} <small className="muted">({t.email})</small>
              </label>
            ))}
          </fieldset>
        )}
      </QueryState>
      <SaveError error={save.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Enregistrement…" : "Enregistrer les alternants"}
        </button>
      </div>
      {saved && <Notice>{saved}</Notice>}
    </form>
  );
}
