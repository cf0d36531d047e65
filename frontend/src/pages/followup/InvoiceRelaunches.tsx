// An unpaid invoice's relaunches, level by level (reminder, second reminder, formal notice),
// each from its date, with the letter the server wrote (penalties at its date for a business
// client); then, eight days after a formal notice left unpaid, the file passed to accounting.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged } from "../../api/queries/followUp";
import type { InvoiceDetail, Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { EmptyState, Field, Notice, Options, RequiredNote, SaveError, formatDate } from "../../components/ui";
import { CHANNELS, RELAUNCH_LEVELS } from "../../labels/followUp";
import { euros, percent } from "../../labels/sales";
import { documentsOf } from "./logic";

const STALE = "Cette facture a été modifiée entre-temps : rechargez la page pour partir de son état actuel.";

export function RelaunchesCard({ invoice }: { invoice: InvoiceDetail }) {
  const readOnly = useReadOnly();
  return (
    <section className="card" aria-labelledby="invoice-relaunches">
      <h2 id="invoice-relaunches">Relances et pénalités</h2>
      <dl className="facts followup-facts">
        <dt>Retard</dt>
        <dd>{invoice.days_overdue > 0 ? `${invoice.days_overdue} jour(s) après l'échéance` : "non échue"}</dd>
        <dt>Pénalités de retard à ce jour</dt>
        <dd>{invoice.business_client ? euros(invoice.penalties_to_date) : "aucune (particulier)"}</dd>
        <dt>Indemnité forfaitaire de recouvrement</dt>
        <dd>{invoice.business_client ? euros(invoice.indemnity_to_date) : "aucune (particulier)"}</dd>
        <dt>Niveau atteint</dt>
        <dd>{invoice.relaunch_level ? RELAUNCH_LEVELS[invoice.relaunch_level] : "aucune relance"}</dd>
      </dl>
      {invoice.relaunches.length === 0 ? (
        <EmptyState title="Aucune relance envoyée." />
      ) : (
        <ol className="log" aria-label="Relances envoyées">
          {invoice.relaunches.map((r) => (
            <li key={r.id}>
              <p>
                <strong>{RELAUNCH_LEVELS[r.level]}</strong> du {formatDate(r.sent_on)} — {CHANNELS[r.channel]} — reste
                dû {euros(r.balance)}
                {invoice.business_client && (
                  <>
                    , pénalités {euros(r.penalties)}
                    {r.rate ? ` (taux annuel ${percent(r.rate)})` : ""}, indemnité {euros(r.indemnity)}
                  </>
                )}
              </p>
              <details>
                <summary>Lire la lettre ({RELAUNCH_LEVELS[r.level].toLowerCase()})</summary>
                <div className="letter">{r.letter}</div>
              </details>
            </li>
          ))}
        </ol>
      )}
      {!readOnly && invoice.status === "open" && <RelaunchForm invoice={invoice} />}
    </section>
  );
}

function RelaunchForm({ invoice }: { invoice: InvoiceDetail }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState("");
  const next = invoice.next_level;
  const { values, set, submitWith } = useForm({ channel: "email" as S["Channel"], sent_on: "" });
  const save = useMutation({
    mutationFn: ({ level, ...v }: typeof values & { level: S["RelaunchLevel"] }) =>
      unwrap(
        api.POST("/api/v1/invoices/{invoice_id}/relaunches", {
          params: { path: { invoice_id: invoice.id } },
          body: { version: invoice.version, level, channel: v.channel, sent_on: v.sent_on || null },
        }),
      ),
    onSuccess: async (_, { level }) => {
      await followUpChanged.invoice(queryClient, invoice.id);
      setNotice(`${RELAUNCH_LEVELS[level]} envoyée : sa lettre est ci-dessus.`);
      set("sent_on", "");
    },
  });
  const errors = fieldErrorsOf(save.error);
  if (!next) return notice ? <Notice>{notice}</Notice> : null;
  const label = RELAUNCH_LEVELS[next.level];
  return (
    <>
      {notice && <Notice>{notice}</Notice>}
      <form
        className="form-grid"
        aria-label={`Envoyer : ${label}`}
        noValidate
        onSubmit={submitWith((v) => {
          setNotice("");
          save.mutate({ ...v, level: next.level });
        })}
      >
        <h3 className="wide">
          Prochaine étape : {label.toLowerCase()}, possible à partir du {formatDate(next.from_on)}
        </h3>
        <Field label="Canal" error={errors.channel} required>
          {(p) => (
            <select {...p} value={values.channel} onChange={(e) => set("channel", e.target.value as S["Channel"])}>
              <Options labels={CHANNELS} />
            </select>
          )}
        </Field>
        <Field label="Date d'envoi" hint="Vide : aujourd'hui." error={errors.sent_on}>
          {(p) => <input {...p} type="date" value={values.sent_on} onChange={(e) => set("sent_on", e.target.value)} />}
        </Field>
        <FormFooter
          error={save.error}
          pending={save.isPending}
          stale={STALE}
          submitLabel={`Envoyer : ${label.toLowerCase()}`}
        />
      </form>
    </>
  );
}

/** « Transmettre à la comptabilité »: offered once the formal notice's delay is over. */
export function EscalateCard({ invoice }: { invoice: InvoiceDetail }) {
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({
    client_request: "Aucune réponse du client aux relances.",
    note: "",
    documents: "",
  });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/invoices/{invoice_id}/escalate", {
          params: { path: { invoice_id: invoice.id } },
          body: { client_request: v.client_request, note: v.note, documents: documentsOf(v.documents) },
        }),
      ),
    onSuccess: () => followUpChanged.invoice(queryClient, invoice.id),
  });
  const errors = fieldErrorsOf(save.error);
  if (invoice.escalated_at)
    return (
      <section className="card" aria-labelledby="invoice-escalation">
        <h2 id="invoice-escalation">Comptabilité</h2>
        <Notice>
          Facture transmise à la comptabilité le {formatDate(invoice.escalated_at, true)}.
          {invoice.case_id !== null && (
            <>
              {" "}
              La réponse du service arrivera sur le{" "}
              <Link to={`/dossiers/${invoice.case_id}`}>dossier de la facture</Link>.
            </>
          )}
        </Notice>
      </section>
    );
  if (!invoice.escalation_due || readOnly) return null;
  return (
    <section className="card" aria-labelledby="invoice-escalation">
      <h2 id="invoice-escalation">Transmettre à la comptabilité</h2>
      <p>La mise en demeure est restée sans paiement au-delà de son délai : le recouvrement passe à la comptabilité.</p>
      <form
        className="form-grid"
        aria-label="Transmettre à la comptabilité"
        noValidate
        onSubmit={submitWith((v) => save.mutate(v))}
      >
        <RequiredNote />
        <div className="wide">
          <Field label="Ce que dit le client" error={errors.client_request} required>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={values.client_request}
                onChange={(e) => set("client_request", e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="wide">
          <Field label="Note pour la comptabilité" error={errors.note}>
            {(p) => <textarea {...p} rows={2} value={values.note} onChange={(e) => set("note", e.target.value)} />}
          </Field>
        </div>
        <div className="wide">
          <Field label="Documents joints" hint="Un document par ligne." error={errors.documents}>
            {(p) => (
              <textarea {...p} rows={2} value={values.documents} onChange={(e) => set("documents", e.target.value)} />
            )}
          </Field>
        </div>
        <div className="wide">
          <SaveError error={save.error} />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Transmettre à la comptabilité
          </button>
        </div>
      </form>
    </section>
  );
}
