// Move a record along its lifecycle (CP3.7): a refused move names the statuses the record
// may go to from where it is, each one a click away.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectsChanged } from "../../api/queries/prospects";
import type { ProspectOut as Prospect, ProspectStatus as Status } from "../../api/types";
import { ErrorBanner, Field } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { STATUSES } from "../../labels/prospects";
import { fieldErrorsOf } from "../../api/problem";
import { allowedStatuses } from "./problems";

export function StatusForm({ prospect: p }: { prospect: Prospect }) {
  const queryClient = useQueryClient();
  const { values, set, setValues, submitWith } = useForm<{ status: Status | ""; reason: string }>({
    status: "",
    reason: "",
  });
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/prospects/{prospect_id}/status", {
          params: { path: { prospect_id: p.id } },
          body: { status: v.status as Status, reason: v.reason.trim() || null },
        }),
      ),
    onSuccess: (saved) => {
      prospectsChanged.status(queryClient, saved);
      setDone(`Statut changé : ${STATUSES[saved.status]}.`);
      setValues({ status: "", reason: "" });
    },
  });
  const errors = fieldErrorsOf(change.error);
  const allowed = allowedStatuses(change.error);
  return (
    <form
      className="form-grid"
      onSubmit={submitWith((v) => {
        setDone(null);
        change.mutate(v);
      })}
      aria-labelledby="status-title"
    >
      <h3 id="status-title" className="wide">
        Changer le statut
      </h3>
      <Field label="Nouveau statut" error={errors.status}>
        {(props) => (
          <select
            {...props}
            value={values.status}
            onChange={(e) => {
              set("status", e.target.value as Status);
              change.reset();
              setDone(null);
            }}
          >
            <option value="">Choisir…</option>
            {(Object.keys(STATUSES) as Status[])
              .filter((s) => s !== p.status)
              .map((s) => (
                <option key={s} value={s}>
                  {STATUSES[s]}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label="Raison" error={errors.reason} hint="Obligatoire pour « Perdu ».">
        {(props) => <input {...props} value={values.reason} onChange={(e) => set("reason", e.target.value)} />}
      </Field>
      {allowed && (
        <div role="alert" className="alert alert-error wide">
          <p>{change.error instanceof Error ? change.error.message : ""}</p>
          <p>
            Depuis « {STATUSES[p.status]} », statuts possibles :{" "}
            {allowed.map((s, i) => (
              <span key={s}>
                {i > 0 && ", "}
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    set("status", s as Status);
                    change.reset();
                  }}
                >
                  {STATUSES[s as Status] ?? s}
                </button>
              </span>
            ))}
            .
          </p>
        </div>
      )}
      {!allowed && Object.keys(errors).length === 0 && <ErrorBanner error={change.error} />}
      {done && (
        <div role="status" className="alert alert-info wide">
          {done}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!values.status || change.isPending}>
          {change.isPending ? "Changement…" : "Changer le statut"}
        </button>
      </div>
    </form>
  );
}
