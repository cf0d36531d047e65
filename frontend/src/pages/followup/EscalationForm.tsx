// The file passed to a department with its handover note (CP7.4): the department (the one a
// refusal named, when there was one), why, the facts, what the client asks, what was done
// and the documents joined (one a line).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged } from "../../api/queries/followUp";
import type { Schemas as S } from "../../api/types";
import { useForm } from "../../components/useForm";
import { Field, Options, RequiredNote, SaveError } from "../../components/ui";
import { DEPARTMENTS } from "../../labels/followUp";
import { documentsOf } from "./logic";

export function EscalationForm(props: {
  caseId: number;
  department?: S["EscalationDepartment"] | null;
  /** Why, to start from (a refusal's explanation). */
  reason?: string;
  clientRequest?: string;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({
    department: (props.department ?? "") as S["EscalationDepartment"] | "",
    reason: props.reason ?? "",
    facts: "",
    client_request: props.clientRequest ?? "",
    actions_taken: "",
    documents: "",
  });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/cases/{follow_up_case_id}/escalations", {
          params: { path: { follow_up_case_id: props.caseId } },
          body: {
            department: v.department as S["EscalationDepartment"],
            reason: v.reason,
            facts: v.facts,
            client_request: v.client_request,
            actions_taken: v.actions_taken,
            documents: documentsOf(v.documents),
          },
        }),
      ),
    onSuccess: async () => {
      await followUpChanged.case(queryClient, props.caseId);
      props.onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const text =
    (key: "reason" | "facts" | "client_request" | "actions_taken" | "documents", rows = 3) =>
    (p: object) => <textarea {...p} rows={rows} value={values[key]} onChange={(e) => set(key, e.target.value)} />;
  return (
    <form
      className="card form-grid"
      aria-label="Escalade au service compétent"
      noValidate
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <h3 className="wide">Transmettre le dossier à un service</h3>
      <RequiredNote />
      <Field label="Service" error={errors.department} required>
        {(p) => (
          <select
            {...p}
            value={values.department}
            onChange={(e) => set("department", e.target.value as S["EscalationDepartment"] | "")}
          >
            <option value="">— Choisir le service —</option>
            <Options labels={DEPARTMENTS} />
          </select>
        )}
      </Field>
      <div className="wide">
        <Field label="Motif de l'escalade" error={errors.reason}>
          {text("reason", 2)}
        </Field>
      </div>
      <div className="wide">
        <Field label="Les faits" error={errors.facts} required>
          {text("facts")}
        </Field>
      </div>
      <div className="wide">
        <Field label="Ce que demande le client" error={errors.client_request} required>
          {text("client_request", 2)}
        </Field>
      </div>
      <div className="wide">
        <Field label="Ce qui a déjà été fait" error={errors.actions_taken} required>
          {text("actions_taken")}
        </Field>
      </div>
      <div className="wide">
        <Field
          label="Documents joints"
          hint="Un document par ligne (numéro de commande, de facture, photo…)."
          error={errors.documents}
        >
          {text("documents", 2)}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Transmettre au service
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Annuler
          </button>
        )}
      </div>
    </form>
  );
}
