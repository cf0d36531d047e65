// One opportunity: its prospect, amount and stage history, its quotes, and a new quote from
// the business case's catalogue (the editor opens on it).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { businessCaseQueries } from "../../api/queries/businessCases";
import { salesChanged, salesQueries } from "../../api/queries/sales";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, ErrorBanner, Field, PageFrame, formatDate } from "../../components/ui";
import { STAGES, euros } from "../../labels/sales";
import { QuoteStatusBadge } from "./QuoteStatusBadge";
import "./sales.css";

export function OpportunityPage() {
  const id = Number(useParams().id);
  const opportunity = useQuery(salesQueries.opportunity(id));
  const quotes = useQuery(salesQueries.quotes({ opportunity_id: id, sort: "-created_at", limit: 50 }));
  const [adding, setAdding] = useState(false);
  return (
    <QueryState query={opportunity}>
      {(o) => (
        <PageFrame
          title={o.title}
          operations={["update_opportunity", "move_opportunity", "create_quote"]}
          actions={
            o.stage !== "won" && o.stage !== "lost" ? (
              <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
                Nouveau devis
              </DisclosureButton>
            ) : undefined
          }
        >
          <p>
            <Link to="/ventes">← Toutes les opportunités</Link>
          </p>
          <dl className="facts">
            <dt>Prospect</dt>
            <dd>
              <Link to={`/prospects/${o.prospect_id}`}>{o.prospect_name}</Link>
            </dd>
            <dt>Stade</dt>
            <dd>
              {STAGES[o.stage]}
              {o.lost_reason ? ` (${o.lost_reason})` : ""}
            </dd>
            <dt>Montant estimé</dt>
            <dd>{euros(o.estimated_amount_ht)}</dd>
            <dt>Conclusion prévue</dt>
            <dd>{o.expected_close_on ? formatDate(o.expected_close_on) : "—"}</dd>
          </dl>
          {adding && <NewQuoteForm opportunityId={o.id} />}
          <h2>Devis</h2>
          <QueryState
            query={quotes}
            empty={<EmptyState title="Aucun devis.">Établissez-en un avec « Nouveau devis ».</EmptyState>}
          >
            {(data) => (
              <DataTable
                caption="Devis de l'opportunité"
                className="table"
                headers={[
                  "Devis",
                  "Statut",
                  { label: "Net commercial HT", className: "num" },
                  { label: "TTC", className: "num" },
                  "Validité",
                ]}
              >
                {data.items.map((q) => (
                  <tr key={q.id}>
                    <th scope="row">
                      <Link to={`/ventes/devis/${q.id}`}>{q.reference ?? `Brouillon n°${q.id}`}</Link>
                    </th>
                    <td>
                      <QuoteStatusBadge status={q.status} approval={q.approval_status} />
                    </td>
                    <td className="num">{euros(q.net_commercial_ht)}</td>
                    <td className="num">{euros(q.total_ttc)}</td>
                    <td>{formatDate(q.valid_until)}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </QueryState>
          <h2>Historique des stades</h2>
          <ol className="history">
            {o.history.map((h) => (
              <li key={h.id}>
                {formatDate(h.changed_at, true)} : {h.from_stage ? `${STAGES[h.from_stage]} → ` : ""}
                {STAGES[h.to_stage]}
                {h.note ? ` — ${h.note}` : ""}
              </li>
            ))}
          </ol>
        </PageFrame>
      )}
    </QueryState>
  );
}

/** A first line from the catalogue (the editor adds the others). */
function NewQuoteForm({ opportunityId }: { opportunityId: number }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const active = useQuery(businessCaseQueries.active());
  const products = active.data?.document.catalogue.products ?? [];
  const { values, set, submitWith } = useForm({ product_reference: "", quantity: "1", approval_request: "" });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/quotes", {
          body: {
            opportunity_id: opportunityId,
            lines: [{ product_reference: v.product_reference, quantity: v.quantity, discounts: [] }],
          },
        }),
      ),
    onSuccess: async (saved) => {
      await salesChanged.opportunity(queryClient, opportunityId);
      navigate(`/ventes/devis/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form className="card" aria-label="Nouveau devis" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
      <h2>Nouveau devis</h2>
      <Field label="Premier article" error={errors["lines.0.product_reference"]} required>
        {(p) => (
          <select {...p} value={values.product_reference} onChange={(e) => set("product_reference", e.target.value)}>
            <option value="">— Choisir dans le catalogue —</option>
            {products.map((x) => (
              <option key={x.reference} value={x.reference}>
                {x.reference} — {x.label} ({euros(x.price_ht)} HT)
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Quantité" error={errors["lines.0.quantity"]} required>
        {(p) => (
          <input {...p} inputMode="decimal" value={values.quantity} onChange={(e) => set("quantity", e.target.value)} />
        )}
      </Field>
      <ErrorBanner error={Object.keys(errors).length ? null : save.error} />
      <button type="submit" className="primary" disabled={save.isPending}>
        Créer le brouillon
      </button>
    </form>
  );
}
