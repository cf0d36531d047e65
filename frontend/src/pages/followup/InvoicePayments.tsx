// An invoice's payments (dated, at most the balance), and what the invoice's forms share
// (InvoiceCreditNotes: a write that refreshes the invoice, the stale message).
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
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
import { decimal } from "./logic";

export const STALE = "Cette facture a été modifiée entre-temps : rechargez la page pour partir de son état actuel.";

export function useInvoiceWrite<B>(invoice: InvoiceDetail, send: (body: B) => Promise<unknown>, onDone: () => void) {
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
