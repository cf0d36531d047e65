// An invoice's credit notes: an amount HT and its reason; beyond the salesperson's authority
// the server refuses and names the limit, and « Escalader » passes the file on the invoice's
// case — a dispute opened on the invoice when it has none (or only a closed one).
import { useState } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import type { InvoiceDetail } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FormFooter } from "../../components/FormFooter";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, Field, Notice, RequiredNote, formatDate } from "../../components/ui";
import { euros } from "../../labels/sales";
import { BeyondAuthorityAlert } from "./BeyondAuthority";
import { STALE, useInvoiceWrite } from "./InvoicePayments";
import { beyondAuthorityOf, decimal, optionalDecimal } from "./logic";

/** The case a refused credit note is escalated on: the invoice's when it is open, else a
 * dispute opened on the invoice (the business case's procedure for it). */
async function caseToEscalateOn(queryClient: QueryClient, invoice: InvoiceDetail): Promise<number> {
  if (invoice.case_id !== null) {
    const kase = await queryClient.fetchQuery(followUpQueries.case(invoice.case_id));
    if (kase.status === "open") return kase.id;
  }
  const opened = await unwrap(
    api.POST("/api/v1/cases", { body: { case_type: "dispute", subject: "invoice", subject_id: invoice.id } }),
  );
  await followUpChanged.case(queryClient, opened.id);
  return opened.id;
}

export function CreditNotesCard({ invoice }: { invoice: InvoiceDetail }) {
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
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
          <FormFooter
            error={refusal ? null : save.error}
            pending={save.isPending}
            stale={STALE}
            submitLabel="Émettre l'avoir"
          />
        </form>
      )}
      {open && refusal && (
        <BeyondAuthorityAlert
          refusal={refusal}
          caseId={invoice.case_id}
          openCase={() => caseToEscalateOn(queryClient, invoice)}
          clientRequest={
            save.variables
              ? `Un avoir de ${euros(decimal(save.variables.amount_ht))} HT : ${save.variables.reason.trim()}`
              : undefined
          }
          onEscalated={() => void followUpChanged.invoice(queryClient, invoice.id)}
        />
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
