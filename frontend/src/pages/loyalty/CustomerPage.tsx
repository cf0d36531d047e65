// A customer as loyalty sees them (CP8): purchase history (orders, amount, first and last
// order, recency, usual interval, frequency), RFM scores and segment, lifetime value and its
// method, inactivity and its basis; the products and families bought; the co-purchase
// recommendations that fit them, each explained in French with « Proposer une offre »
// (the offer builder, opened with that product); the messages sent or refused.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import type { CustomerDetailOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { INACTIVITY_BASES, days, lift, ratio } from "../../labels/loyalty";
import { decimalFr, euros } from "../../labels/sales";
import { LoyaltyNav } from "./LoyaltyNav";
import { MessagesTable } from "./MessagesTable";
import { loyaltyQueries } from "./queries";
import { scopeSearch, useScope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

export function CustomerPage() {
  const id = Number(useParams().prospectId);
  const scope = useScope();
  const customer = useQuery({ ...loyaltyQueries.customer(id), enabled: Number.isInteger(id) });
  const c = customer.data;
  return (
    <PageFrame title={c ? `Client : ${c.name}` : "Client"} operations={scope.staff ? [] : ["create_offer"]}>
      <LoyaltyNav />
      <QueryState query={customer} busyLabel="Chargement du client…">
        {(c) => (
          <>
            <p>
              <Link to={`/fidelisation${scopeSearch(scope)}`}>← Segments et clients</Link>
              {" — "}
              <Link to={`/prospects/${c.prospect_id}`}>Fiche prospect</Link>
              {" — "}
              <Link to={`/comptes/${c.prospect_id}`}>Compte client</Link>
              {!scope.staff && (
                <>
                  {" — "}
                  <Link to={`/fidelisation/offres/nouvelle?client=${c.prospect_id}`}>Proposer une offre</Link>
                </>
              )}
            </p>
            <History customer={c} />
            <Products customer={c} />
            <Recommendations customer={c} staff={scope.staff} />
            <Messages prospectId={c.prospect_id} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function History({ customer: c }: { customer: CustomerDetailOut }) {
  const items: [string, string][] = [
    ["Commandes", String(c.orders)],
    ["Montant acheté HT", euros(c.amount_ht)],
    ["Première commande", formatDate(c.first_order_on)],
    ["Dernière commande", `${formatDate(c.last_order_on)} (il y a ${days(c.recency_days)})`],
    ["Intervalle habituel", c.usual_interval_days ? days(c.usual_interval_days) : "— (une seule commande)"],
    ["Commandes par an", decimalFr(c.frequency_per_year)],
    ["Segment RFM", `${c.rfm.segment_label} (R${c.rfm.r} F${c.rfm.f} M${c.rfm.m})`],
    ["Valeur vie client HT", euros(c.clv_ht)],
    ["Valeur vie client sur la marge", c.clv_margin ? euros(c.clv_margin) : "— (marge inconnue)"],
  ];
  return (
    <section aria-labelledby="customer-history">
      <h2 id="customer-history">Historique d'achat</h2>
      <dl className="figures-grid">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        {c.inactive ? (
          <span className="status status-error">
            Inactif : {c.overdue_days ?? 0} jour(s) au-delà de la limite de {days(c.limit_days)} (
            {c.inactivity_basis ? INACTIVITY_BASES[c.inactivity_basis] : "—"}).
          </span>
        ) : (
          <span className="status status-ok">
            Actif
            {c.limit_days !== null
              ? ` : inactif au-delà de ${days(c.limit_days)} sans commande (${c.inactivity_basis ? INACTIVITY_BASES[c.inactivity_basis] : "—"})`
              : ""}
          </span>
        )}
        {c.market_segments.length > 0 && <> Segments de marché : {c.market_segments.join(", ")}.</>}
      </p>
      <p className="hint">
        <strong>Méthode de la valeur vie client : </strong>
        {c.clv_method}
      </p>
    </section>
  );
}

function Products({ customer: c }: { customer: CustomerDetailOut }) {
  return (
    <section className="card" aria-labelledby="customer-products">
      <h2 id="customer-products">Produits achetés</h2>
      {c.products.length === 0 ? (
        <EmptyState title="Aucun produit du catalogue dans ses commandes." />
      ) : (
        <DataTable
          caption={`Produits achetés par ${c.name}`}
          headers={["Produit", "Référence", "Famille", { label: "Lignes de commande", className: "num" }]}
        >
          {c.products.map((p) => (
            <tr key={p.reference}>
              <th scope="row">{p.label}</th>
              <td>{p.reference}</td>
              <td>{p.family ?? "—"}</td>
              <td className="num">{p.lines}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {c.families.length > 0 && <p>Familles achetées : {c.families.join(", ")}.</p>}
    </section>
  );
}

function Recommendations({ customer: c, staff }: { customer: CustomerDetailOut; staff: boolean }) {
  return (
    <section className="card" aria-labelledby="customer-recommendations">
      <h2 id="customer-recommendations">Recommandations</h2>
      {c.recommendations.length === 0 ? (
        <EmptyState title="Aucune recommandation pour ce client.">
          Les recommandations viennent des règles de co-achat : calculez-les depuis la page des segments (« Calculer les
          règles »).
        </EmptyState>
      ) : (
        <ul className="log" aria-label={`Recommandations pour ${c.name}`}>
          {c.recommendations.map((r) => (
            <li key={`${r.antecedents.join("+")}>${r.consequent}`}>
              <p>
                <strong>{r.consequent_label}</strong> ({r.consequent})
              </p>
              <p>{r.explanation}</p>
              <p className="muted">
                Support {ratio(r.support)}, confiance {ratio(r.confidence)}, lift {lift(r.lift)} — {r.customers}{" "}
                client(s) du cas.
              </p>
              {!staff && (
                <p>
                  <Link
                    className="action-link"
                    to={`/fidelisation/offres/nouvelle?client=${c.prospect_id}&produit=${encodeURIComponent(r.consequent)}`}
                  >
                    Proposer une offre<span className="sr-only"> : {r.consequent_label}</span>
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Messages({ prospectId }: { prospectId: number }) {
  const messages = useQuery(loyaltyQueries.messages({ prospect_id: prospectId, sort: "-sent_on", limit: 50 }));
  return (
    <section className="card" aria-labelledby="customer-messages">
      <h2 id="customer-messages">Messages de fidélisation</h2>
      <QueryState query={messages} empty={<EmptyState title="Aucun message pour ce client." />}>
        {(data) => <MessagesTable messages={data.items} caption="Messages de fidélisation du client" />}
      </QueryState>
    </section>
  );
}
