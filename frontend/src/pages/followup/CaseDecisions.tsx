// What the salesperson grants on a case (CP7.3): a commercial gesture (an amount, or a rate of
// the order), a credit note, a free replacement, a payment delay — each checked against the
// business case's authority; beyond it the refusal names the limit and offers the escalation.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged } from "../../api/queries/followUp";
import type { CaseDetail, DecisionOut, Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, Field, Notice, Options, SaveError, formatDate } from "../../components/ui";
import { DECISION_KINDS } from "../../labels/followUp";
import { euros, percent } from "../../labels/sales";
import { BeyondAuthorityAlert } from "./BeyondAuthority";
import { beyondAuthorityOf, optionalDecimal } from "./logic";

export function DecisionsCard({ kase }: { kase: CaseDetail }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  return (
    <section className="card" aria-labelledby="case-decisions">
      <h2 id="case-decisions">Décisions</h2>
      {notice && <Notice>{notice}</Notice>}
      {!readOnly && kase.status === "open" && (
        <p>
          <DisclosureButton
            open={open}
            onToggle={() => {
              setOpen(!open);
              setNotice("");
            }}
          >
            Prendre une décision
          </DisclosureButton>
        </p>
      )}
      {open && (
        <DecisionForm
          kase={kase}
          onDone={() => {
            setOpen(false);
            setNotice("Décision enregistrée.");
          }}
        />
      )}
      {kase.decisions.length === 0 ? (
        <EmptyState title="Aucune décision sur ce dossier." />
      ) : (
        <DataTable
          className="table wide-table"
          wrapperClassName="scroll-x contained"
          caption="Décisions du dossier"
          headers={["Décision", "Le", "Ce qui est accordé", "Note"]}
        >
          {kase.decisions.map((d) => (
            <tr key={d.id}>
              <th scope="row">{DECISION_KINDS[d.kind]}</th>
              <td className="nowrap">{formatDate(d.decided_on)}</td>
              <td>{granted(d)}</td>
              <td>{d.note || "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function granted(d: DecisionOut): string {
  if (d.days !== null) return `${d.days} jour(s)`;
  const amount = d.amount_ht !== null ? `${euros(d.amount_ht)} HT` : "";
  if (d.rate !== null) return `${percent(d.rate)} de la commande${amount ? `, soit ${amount}` : ""}`;
  return amount || "—";
}

function DecisionForm({ kase, onDone }: { kase: CaseDetail; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({
    kind: "commercial_gesture" as S["DecisionKind"],
    amount_ht: "",
    rate: "",
    days: "",
    note: "",
  });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/cases/{follow_up_case_id}/decisions", {
          params: { path: { follow_up_case_id: kase.id } },
          body: {
            kind: v.kind,
            amount_ht: optionalDecimal(v.amount_ht),
            rate: optionalDecimal(v.rate),
            days: v.days.trim() ? Number(v.days) : null,
            note: v.note,
          },
        }),
      ),
    onSuccess: async () => {
      await followUpChanged.case(queryClient, kase.id);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const refusal = beyondAuthorityOf(save.error);
  const money = values.kind === "commercial_gesture" || values.kind === "credit_note";
  return (
    <>
      <form className="form-grid" aria-label="Décision" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
        <Field label="Décision" error={errors.kind} required>
          {(p) => (
            <select {...p} value={values.kind} onChange={(e) => set("kind", e.target.value as S["DecisionKind"])}>
              <Options labels={DECISION_KINDS} />
            </select>
          )}
        </Field>
        {money && (
          <Field label="Montant HT (€)" error={errors.amount_ht}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={values.amount_ht}
                onChange={(e) => set("amount_ht", e.target.value)}
              />
            )}
          </Field>
        )}
        {values.kind === "commercial_gesture" && (
          <Field label="ou taux de la commande (%)" error={errors.rate}>
            {(p) => (
              <input {...p} inputMode="decimal" value={values.rate} onChange={(e) => set("rate", e.target.value)} />
            )}
          </Field>
        )}
        {values.kind === "payment_delay" && (
          <Field label="Délai supplémentaire (jours)" error={errors.days}>
            {(p) => (
              <input {...p} inputMode="numeric" value={values.days} onChange={(e) => set("days", e.target.value)} />
            )}
          </Field>
        )}
        <div className="wide">
          <Field label="Note" error={errors.note}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={2000}
                value={values.note}
                onChange={(e) => set("note", e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="wide">
          <SaveError error={refusal ? null : save.error} />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Enregistrer la décision
          </button>
        </div>
      </form>
      {refusal && <BeyondAuthorityAlert refusal={refusal} caseId={kase.id} />}
    </>
  );
}
