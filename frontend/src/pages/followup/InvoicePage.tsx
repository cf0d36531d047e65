// One invoice (or credit note) (CP7.1): its lines and totals as issued, what was paid and
// credited, the balance, the relaunches level by level with their letters, the late-payment
// penalties and indemnity of a business client, and the file passed to accounting once the
// formal notice is left unpaid; the case opened on it, and its next due date made a task.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import type { InvoiceDetail } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { ReadOnlyScope } from "../../components/ReadOnly";
import { PageFrame, formatDate } from "../../components/ui";
import { INVOICE_KINDS, INVOICE_STATUSES, quantity } from "../../labels/followUp";
import { isoToday } from "../../labels/prospects";
import { euros, percent } from "../../labels/sales";
import { FollowUpNav } from "./FollowUpNav";
import { CreditNotesCard } from "./InvoiceCreditNotes";
import { PaymentsCard } from "./InvoicePayments";
import { EscalateCard, RelaunchesCard } from "./InvoiceRelaunches";
import { LateBadge, StatusBadge } from "./StatusBadge";
import { TaskCard } from "./TaskCard";
import { invoiceTask } from "./logic";
import "./followup.css";

export function InvoicePage() {
  const id = Number(useParams().id);
  const invoice = useQuery({ ...followUpQueries.invoice(id), enabled: Number.isInteger(id) });
  const i = invoice.data;
  return (
    <PageFrame
      title={i ? `${INVOICE_KINDS[i.kind]} ${i.number}` : "Facture"}
      operations={["record_payment", "create_credit_note", "relaunch_invoice", "escalate_invoice"]}
    >
      <FollowUpNav />
      <QueryState query={invoice} busyLabel="Chargement de la facture…">
        {(i) => (
          <ReadOnlyScope ownerId={i.owner_id}>
            <InvoiceFacts invoice={i} />
            <InvoiceLines invoice={i} />
            {i.kind === "invoice" && (
              <>
                <PaymentsCard invoice={i} />
                <CreditNotesCard invoice={i} />
                <RelaunchesCard invoice={i} />
                <EscalateCard invoice={i} />
                <TaskCard linkKind="invoice" linkId={i.id} suggest={() => invoiceTask(i, isoToday())} />
              </>
            )}
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}

function InvoiceFacts({ invoice: i }: { invoice: InvoiceDetail }) {
  return (
    <dl className="facts followup-facts card">
      <dt>Client</dt>
      <dd>
        <Link to={`/comptes/${i.prospect_id}`}>{i.prospect_name}</Link> (
        {i.business_client ? "client professionnel" : "particulier"})
      </dd>
      <dt>Commande</dt>
      <dd>
        <Link to={`/commandes/${i.order_id}`}>Voir la commande</Link>
        {i.delivery_id !== null && (
          <>
            {" — "}
            <Link to={`/livraisons/${i.delivery_id}`}>livraison facturée</Link>
          </>
        )}
      </dd>
      {i.invoice_id !== null && (
        <>
          <dt>Avoir sur</dt>
          <dd>
            <Link to={`/factures/${i.invoice_id}`}>la facture</Link>
          </dd>
        </>
      )}
      {i.case_id !== null && (
        <>
          <dt>Dossier</dt>
          <dd>
            <Link to={`/dossiers/${i.case_id}`}>Dossier de la facture</Link>
          </dd>
        </>
      )}
      <dt>Émise le</dt>
      <dd>{formatDate(i.issued_on)}</dd>
      {i.kind === "invoice" && (
        <>
          <dt>Échéance</dt>
          <dd>
            {formatDate(i.due_on)} {i.days_overdue > 0 && <LateBadge days={i.days_overdue} />}
          </dd>
        </>
      )}
      <dt>Statut</dt>
      <dd>
        <StatusBadge
          value={i.status}
          labels={INVOICE_STATUSES}
          classes={{ paid: "status-ok", open: "status-paused" }}
        />
        {i.paid_on ? ` le ${formatDate(i.paid_on)}` : ""}
      </dd>
      {i.reason && (
        <>
          <dt>{i.kind === "invoice" ? "Notes" : "Motif"}</dt>
          <dd className="pre-wrap">{i.reason}</dd>
        </>
      )}
    </dl>
  );
}

function InvoiceLines({ invoice: i }: { invoice: InvoiceDetail }) {
  const lines = i.lines.filter((l) => l.kind !== "tva");
  const tva = i.lines.filter((l) => l.kind === "tva");
  return (
    <section className="card" aria-labelledby="invoice-lines">
      <h2 id="invoice-lines">Lignes et totaux</h2>
      <DataTable
        className="table wide-table"
        wrapperClassName="scroll-x contained"
        caption={`Lignes de ${i.number}`}
        headers={[
          "Désignation",
          { label: "Qté", className: "num" },
          { label: "PU HT", className: "num" },
          { label: "Remises", className: "num" },
          { label: "TVA", className: "num" },
          { label: "Total HT", className: "num" },
        ]}
      >
        {lines.map((l, n) => (
          <tr key={n}>
            <th scope="row">{l.label}</th>
            <td className="num">{l.quantity ? quantity(l.quantity) : ""}</td>
            <td className="num">{l.unit_price_ht ? euros(l.unit_price_ht) : ""}</td>
            <td className="num">{l.discounts?.length ? l.discounts.map(percent).join(" puis ") : ""}</td>
            <td className="num">{l.tva_rate ? percent(l.tva_rate) : ""}</td>
            <td className="num">{euros(l.total_ht)}</td>
          </tr>
        ))}
      </DataTable>
      <table className="table totals">
        <caption className="sr-only">Totaux de {i.number}</caption>
        <tbody>
          <Row label="Total HT" value={euros(i.total_ht)} />
          {tva.map((t, n) => (
            <Row key={n} label={`${t.label} sur ${euros(t.total_ht)}`} value={euros(t.tva)} />
          ))}
          <Row label="Total TVA" value={euros(i.total_tva)} />
          <Row label="Total TTC" value={euros(i.total_ttc)} />
          {i.kind === "invoice" && (
            <>
              <Row label="Payé" value={euros(i.paid)} />
              <Row label="Avoirs" value={euros(i.credited)} />
              <Row label="Reste dû" value={euros(i.balance)} />
            </>
          )}
        </tbody>
      </table>
    </section>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{value}</td>
    </tr>
  );
}
