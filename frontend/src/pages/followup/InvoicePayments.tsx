// An invoice's payments (dated, at most the balance) and credit notes (an amount HT and its
// reason; beyond the salesperson's authority the server refuses and names the limit).
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged } from "../../api/queries/followUp";
import type { InvoiceDetail, Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FormFooter } from "../../components/FormFooter";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, Field, Notice, Options, RequiredNote, formatDate } from "../../components/ui";
import { PAYMENT_METHODS } from "../../labels/followUp";
import { isoToday } from "../../labels/prospects";
import { euros } from "../../labels/sales";
import { BeyondAuthorityAlert } from "./BeyondAuthority";
import { beyondAuthorityOf, decimal, optionalDecimal } from "./logic";

const STALE = "Cette facture a été modifiée entre-temps : rechargez la page pour partir de son état actuel.";

function useInvoiceWrite<B>(invoice: InvoiceDetail, send: (body: B) => Promise<unknown>, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await followUpChanged.invoice(queryClient, invoice.id);
      onDone();
    },
  });
}

export function PaymentsCard({ invoice }: { invoice: InvoiceDetail }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  const { values, set, submitWith } = useForm({
    paid_on: isoToday(),
    amount: "",
    method: "transfer" as S["PaymentMethod"],
    reference: "",
  });
  const save = useInvoiceWrite(
    invoice,
    (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/invoices/{invoice_id}/payments", {
          params: { path: { invoice_id: invoice.id } },
          body: {
            version: invoice.version,
            paid_on: v.paid_on,
            amount: decimal(v.amount),
            method: v.method,
            reference: v.reference,
          },
        }),
      ),
    () => {
      setOpen(false);
      setNotice("Paiement enregistré.");
    },
  );
  const errors = fieldErrorsOf(save.error);
  return (
    <section className="card" aria-labelledby="invoice-payments">
      <h2 id="invoice-payments">Paiements</h2>
      {notice && <Notice>{notice}</Notice>}
      {!readOnly && invoice.status === "open" && (
        <p>
          <DisclosureButton open={open} onToggle={() => setOpen(!open)}>
            Enregistrer un paiement
          </DisclosureButton>
        </p>
      )}
      {open && (
        <form className="form-grid" aria-label="Paiement" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
          <RequiredNote />
          <Field label="Payé le" error={errors.paid_on} required>
            {(p) => (
              <input {...p} type="date" value={values.paid_on} onChange={(e) => set("paid_on", e.target.value)} />
            )}
          </Field>
          <Field label="Montant (€)" hint={`Reste dû : ${euros(invoice.balance)}`} error={errors.amount} required>
            {(p) => (
              <input {...p} inputMode="decimal" value={values.amount} onChange={(e) => set("amount", e.target.value)} />
            )}
          </Field>
          <Field label="Moyen de paiement" error={errors.method} required>
            {(p) => (
              <select
                {...p}
                value={values.method}
                onChange={(e) => set("method", e.target.value as S["PaymentMethod"])}
              >
                <Options labels={PAYMENT_METHODS} />
              </select>
            )}
          </Field>
          <Field label="Référence" error={errors.reference}>
            {(p) => (
              <input
                {...p}
                maxLength={120}
                value={values.reference}
                onChange={(e) => set("reference", e.target.value)}
              />
            )}
          </Field>
          <FormFooter error={save.error} pending={save.isPending} stale={STALE} submitLabel="Enregistrer le paiement" />
        </form>
      )}
      {invoice.payments.length === 0 ? (
        <EmptyState title="Aucun paiement reçu." />
      ) : (
        <DataTable
          className="table wide-table"
          wrapperClassName="scroll-x contained"
          caption="Paiements"
          headers={["Date", { label: "Montant", className: "num" }, "Moyen", "Référence"]}
        >
          {invoice.payments.map((p) => (
            <tr key={p.id}>
              <th scope="row">{formatDate(p.paid_on)}</th>
              <td className="num">{euros(p.amount)}</td>
              <td>{PAYMENT_METHODS[p.method]}</td>
              <td>{p.reference || "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

export function CreditNotesCard({ invoice }: { invoice: InvoiceDetail }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState("");
  const { values, set, submitWith } = useForm({ amount_ht: "", reason: "", tva_rate: "" });
  const save = useInvoiceWrite(
    invoice,
    (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/invoices/{invoice_id}/credit-notes", {
          params: { path: { invoice_id: invoice.id } },
          body: {
            version: invoice.version,
            amount_ht: decimal(v.amount_ht),
            reason: v.reason,
            tva_rate: optionalDecimal(v.tva_rate),
          },
        }),
      ),
    () => {
      setOpen(false);
      setNotice("Avoir émis.");
    },
  );
  const errors = fieldErrorsOf(save.error);
  const refusal = beyondAuthorityOf(save.error);
  return (
    <section className="card" aria-labelledby="invoice-credit-notes">
      <h2 id="invoice-credit-notes">Avoirs</h2>
      {notice && <Notice>{notice}</Notice>}
      {!readOnly && invoice.status === "open" && (
        <p>
          <DisclosureButton open={open} onToggle={() => setOpen(!open)}>
            Émettre un avoir
          </DisclosureButton>
        </p>
      )}
      {open && (
        <form className="form-grid" aria-label="Avoir" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
          <RequiredNote />
          <Field label="Montant HT (€)" error={errors.amount_ht} required>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={values.amount_ht}
                onChange={(e) => set("amount_ht", e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Taux de TVA (%)"
            hint="Celui de la facture quand elle n'en a qu'un ; à donner sinon."
            error={errors.tva_rate}
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={values.tva_rate}
                onChange={(e) => set("tva_rate", e.target.value)}
              />
            )}
          </Field>
          <div className="wide">
            <Field
              label="Motif"
              hint="Retour de marchandise, geste commercial, erreur de facturation…"
              error={errors.reason}
              required
            >
              {(p) => (
                <input {...p} maxLength={500} value={values.reason} onChange={(e) => set("reason", e.target.value)} />
              )}
            </Field>
          </div>
          {refusal ? (
            <div className="wide">
              <BeyondAuthorityAlert refusal={refusal} caseId={null} />
            </div>
          ) : null}
          <FormFooter
            error={refusal ? null : save.error}
            pending={save.isPending}
            stale={STALE}
            submitLabel="Émettre l'avoir"
          />
        </form>
      )}
      {invoice.credit_notes.length === 0 ? (
        <EmptyState title="Aucun avoir sur cette facture." />
      ) : (
        <DataTable
          className="table wide-table"
          wrapperClassName="scroll-x contained"
          caption="Avoirs"
          headers={["Avoir", "Date", { label: "HT", className: "num" }, { label: "TTC", className: "num" }, "Motif"]}
        >
          {invoice.credit_notes.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/factures/${c.id}`}>{c.number}</Link>
              </th>
              <td className="nowrap">{formatDate(c.issued_on)}</td>
              <td className="num">{euros(c.total_ht)}</td>
              <td className="num">{euros(c.total_ttc)}</td>
              <td>{c.reason}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
