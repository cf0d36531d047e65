// The account view (CP7): a client's figures (ordered, invoiced, paid, due and overdue, open
// complaints and cases), what is open, most overdue first, each linked to its page, and the
// whole history newest first — from the contacts to the last message.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import type { AccountView } from "../../api/types";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { OPEN_ITEM_KINDS, TIMELINE_KINDS, labelOf, recordHref } from "../../labels/followUp";
import { euros } from "../../labels/sales";
import { FollowUpNav } from "./FollowUpNav";
import { LateBadge } from "./StatusBadge";
import "./followup.css";

const ALL = 1000;

export function AccountPage() {
  const id = Number(useParams().prospectId);
  const { me } = useAuth();
  const [limit, setLimit] = useState<number | undefined>(undefined);
  const account = useQuery({ ...followUpQueries.account(id, limit), enabled: Number.isInteger(id) });
  const a = account.data;
  return (
    <PageFrame title={a ? `Compte client : ${a.prospect.name}` : "Compte client"} operations={["read_account"]}>
      {!isStaff(me) && <FollowUpNav />}
      <QueryState query={account} busyLabel="Chargement du compte…">
        {(a) => (
          <>
            <p>
              <Link to={`/prospects/${a.prospect.id}`}>Fiche prospect</Link>
              {a.prospect.city ? ` — ${a.prospect.city}` : ""}
              {!isStaff(me) && (
                <>
                  {" — "}
                  <Link to={`/reclamations?prospect=${a.prospect.id}`}>Enregistrer une réclamation</Link>
                </>
              )}
            </p>
            <Figures account={a} />
            <OpenItems account={a} />
            <Timeline account={a} onAll={() => setLimit(ALL)} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function Figures({ account: { figures: f } }: { account: AccountView }) {
  const items: [string, string][] = [
    ["Commandes", String(f.orders)],
    ["Commandé TTC", euros(f.ordered_ttc)],
    ["Facturé TTC", euros(f.invoiced_ttc)],
    ["Payé TTC", euros(f.paid_ttc)],
    ["Reste dû TTC", euros(f.balance_due_ttc)],
    ["Dont échu TTC", euros(f.overdue_ttc)],
    ["Réclamations ouvertes", String(f.open_complaints)],
    ["Dossiers en cours", String(f.open_cases)],
  ];
  return (
    <section aria-labelledby="account-figures">
      <h2 id="account-figures">Chiffres du compte</h2>
      <dl className="figures-grid">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function OpenItems({ account: a }: { account: AccountView }) {
  return (
    <section className="card" aria-labelledby="account-open">
      <h2 id="account-open">À traiter</h2>
      {a.open_items.length === 0 ? (
        <EmptyState title="Rien d'ouvert sur ce compte." />
      ) : (
        <DataTable
          className="table wide-table"
          wrapperClassName="scroll-x contained"
          caption="À traiter, le plus en retard d'abord"
          headers={["Quoi", "Détail", "Échéance", "Retard"]}
        >
          {a.open_items.map((item, n) => {
            const href = recordHref(item.record, item.record_id, a.prospect.id);
            return (
              <tr key={n}>
                <th scope="row">{labelOf(OPEN_ITEM_KINDS, item.kind)}</th>
                <td>{href ? <Link to={href}>{item.label}</Link> : item.label}</td>
                <td className="nowrap">{formatDate(item.due_on)}</td>
                <td>{item.days_late > 0 ? <LateBadge days={item.days_late} /> : "—"}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}

function Timeline({ account: a, onAll }: { account: AccountView; onAll: () => void }) {
  return (
    <section className="card" aria-labelledby="account-timeline">
      <h2 id="account-timeline">Historique du compte</h2>
      {a.timeline.length === 0 ? (
        <EmptyState title="Aucun événement sur ce compte." />
      ) : (
        <ol className="log" aria-label="Historique du compte, le plus récent d'abord">
          {a.timeline.map((e, n) => {
            const href = recordHref(e.record, e.record_id, a.prospect.id);
            return (
              <li key={n}>
                <p>
                  <strong>{formatDate(e.on)}</strong> — {labelOf(TIMELINE_KINDS, e.kind)} :{" "}
                  {href ? <Link to={href}>{e.label}</Link> : e.label}
                </p>
                {e.detail && <p className="muted">{e.detail}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {a.timeline_total > a.timeline.length && (
        <p>
          {a.timeline.length} événements affichés sur {a.timeline_total}.{" "}
          <button type="button" onClick={onAll}>
            Afficher tout l'historique
          </button>
        </p>
      )}
    </section>
  );
}
