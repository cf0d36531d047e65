// The trainer's queue: discounts beyond a trainee's limits waiting for the manager's answer.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { salesChanged, salesQueries } from "../../api/queries/sales";
import type { QuoteOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, Field, PageFrame } from "../../components/ui";
import { euros, percent } from "../../labels/sales";
import "./sales.css";

export function ApprovalsPage() {
  const list = useQuery(salesQueries.quotes({ approval_pending: true, sort: "-updated_at", limit: 100 }));
  return (
    <PageFrame title="Remises à accorder" operations={["decide_approval"]}>
      <p className="muted">
        Un stagiaire demande votre accord pour une remise au-delà de sa délégation ou de la politique commerciale.
        Accordez-la, ou refusez-la en disant pourquoi.
      </p>
      <QueryState query={list} empty={<EmptyState title="Aucune demande en attente." />}>
        {(data) => (
          <ul className="approvals">
            {data.items.map((q) => (
              <li key={q.id}>
                <ApprovalCard quote={q} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </PageFrame>
  );
}

function ApprovalCard({ quote: q }: { quote: QuoteOut }) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      unwrap(
        api.POST("/api/v1/quotes/{quote_id}/approval", {
          params: { path: { quote_id: q.id } },
          body: { version: q.version, approve, comment },
        }),
      ),
    onSuccess: () => salesChanged.quote(queryClient, q.id, q.opportunity_id),
  });
  const label = `${q.title} — ${q.prospect_name}`;
  return (
    <article className="card" aria-label={label}>
      <h2>{label}</h2>
      <p>
        Net commercial {euros(q.net_commercial_ht)} HT, remise effective {percent(q.effective_discount)}.
      </p>
      <p>Motif : {q.approval_reason}</p>
      <Field label={`Votre réponse (${q.title})`} error={fieldErrorsOf(decide.error).comment}>
        {(p) => (
          <textarea {...p} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
        )}
      </Field>
      <div className="row-actions">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate(true)}>
          Accorder
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => decide.mutate(false)}>
          Refuser
        </button>
      </div>
      {!fieldErrorsOf(decide.error).comment && <ErrorBanner error={decide.error} />}
    </article>
  );
}
