// The trainee's sales pipeline (CP6): opportunities by stage, each moved by buttons (a lost one
// says why), and a new opportunity on a prospect of the file.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { prospectQueries } from "../../api/queries/prospects";
import { salesChanged, salesQueries } from "../../api/queries/sales";
import type { OpportunityOut } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, ErrorBanner, Field, PageFrame, formatDate } from "../../components/ui";
import { STAGE_ORDER, STAGES, euros } from "../../labels/sales";
import "./sales.css";

export function OpportunitiesPage() {
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const list = useQuery(salesQueries.opportunities({ limit: 200, sort: "-updated_at" }));
  return (
    <PageFrame
      title="Ventes"
      operations={["create_opportunity", "move_opportunity", "create_quote", "send_quote"]}
      actions={
        <>
          <Link to="/ventes/devis" className="button">
            Mes devis
          </Link>
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouvelle opportunité
          </DisclosureButton>
        </>
      }
    >
      <p className="muted">
        Chaque opportunité suit une vente possible : de la découverte à la proposition (le devis envoyé), la
        négociation, puis gagnée (devis accepté) ou perdue. Les changements de stade sont gardés.
      </p>
      {adding && (
        <NewOpportunityForm
          onDone={(saved) => {
            setAdding(false);
            if (saved) navigate(`/ventes/opportunites/${saved.id}`);
          }}
        />
      )}
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucune opportunité.">
            Ouvrez-en une avec « Nouvelle opportunité » sur un prospect de votre fichier.
          </EmptyState>
        }
      >
        {(data) => (
          <div className="board">
            {STAGE_ORDER.map((stage) => {
              const items = data.items.filter((o) => o.stage === stage);
              return (
                <section key={stage} className="board-column" aria-labelledby={`stage-${stage}`}>
                  <h2 id={`stage-${stage}`}>
                    {STAGES[stage]} <span className="muted">({items.length})</span>
                  </h2>
                  <ul>
                    {items.map((o) => (
                      <li key={o.id}>
                        <OpportunityCard opportunity={o} />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        )}
      </QueryState>
    </PageFrame>
  );
}

function OpportunityCard({ opportunity: o }: { opportunity: OpportunityOut }) {
  const queryClient = useQueryClient();
  const [losing, setLosing] = useState(false);
  const [reason, setReason] = useState("");
  const move = useMutation({
    mutationFn: (body: { stage: OpportunityOut["stage"]; lost_reason?: string }) =>
      unwrap(
        api.POST("/api/v1/opportunities/{opportunity_id}/stage", {
          params: { path: { opportunity_id: o.id } },
          body: { version: o.version, ...body },
        }),
      ),
    onSuccess: () => salesChanged.opportunity(queryClient, o.id),
  });
  const next = nextStages(o.stage);
  return (
    <article className="board-card" aria-label={o.title}>
      <h3>
        <Link to={`/ventes/opportunites/${o.id}`}>{o.title}</Link>
      </h3>
      <p>
        {o.prospect_name}
        {o.estimated_amount_ht ? ` — ${euros(o.estimated_amount_ht)} HT estimés` : ""}
      </p>
      {o.expected_close_on && <p className="muted">Conclusion prévue le {formatDate(o.expected_close_on)}</p>}
      {o.stage === "lost" && o.lost_reason && <p className="muted">Perdue : {o.lost_reason}</p>}
      <div className="row-actions">
        {next.map((stage) => (
          <button
            key={stage}
            type="button"
            disabled={move.isPending}
            onClick={() => (stage === "lost" ? setLosing(true) : move.mutate({ stage }))}
            aria-label={`${stageAction(stage)} : ${o.title}`}
          >
            {stageAction(stage)}
          </button>
        ))}
      </div>
      {losing && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            move.mutate({ stage: "lost", lost_reason: reason });
          }}
        >
          <Field label="Raison de la perte" error={fieldErrorsOf(move.error).lost_reason} required>
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />}
          </Field>
          <button type="submit">Marquer perdue</button>{" "}
          <button type="button" onClick={() => setLosing(false)}>
            Annuler
          </button>
        </form>
      )}
      {!fieldErrorsOf(move.error).lost_reason && <ErrorBanner error={move.error} />}
    </article>
  );
}

function nextStages(stage: OpportunityOut["stage"]): OpportunityOut["stage"][] {
  switch (stage) {
    case "discovery":
      return ["proposal", "lost"];
    case "proposal":
      return ["negotiation", "lost"];
    case "negotiation":
      return ["won", "lost"];
    default:
      return ["negotiation"];
  }
}

function stageAction(stage: OpportunityOut["stage"]): string {
  return {
    discovery: "Découverte",
    proposal: "Passer en proposition",
    negotiation: "Passer en négociation",
    won: "Marquer gagnée",
    lost: "Marquer perdue",
  }[stage];
}

function NewOpportunityForm({ onDone }: { onDone: (saved?: OpportunityOut) => void }) {
  const queryClient = useQueryClient();
  const prospects = useQuery(prospectQueries.list({ sort: "name", limit: 100 }));
  const { values, set, submitWith } = useForm({ prospect_id: "", title: "", estimated_amount_ht: "" });
  const save = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/opportunities", {
          body: {
            prospect_id: Number(v.prospect_id),
            title: v.title,
            estimated_amount_ht: v.estimated_amount_ht || null,
          },
        }),
      ),
    onSuccess: async (saved) => {
      await salesChanged.opportunity(queryClient, saved.id);
      onDone(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form className="card" aria-label="Nouvelle opportunité" noValidate onSubmit={submitWith((v) => save.mutate(v))}>
      <h2>Nouvelle opportunité</h2>
      <Field label="Prospect" error={errors.prospect_id} required>
        {(p) => (
          <select {...p} value={values.prospect_id} onChange={(e) => set("prospect_id", e.target.value)}>
            <option value="">— Choisir —</option>
            {prospects.data?.items.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
                {x.city ? ` (${x.city})` : ""}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Ce qu'il pourrait acheter" error={errors.title} required>
        {(p) => <input {...p} value={values.title} onChange={(e) => set("title", e.target.value)} maxLength={200} />}
      </Field>
      <Field label="Montant estimé HT (€)" error={errors.estimated_amount_ht}>
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            value={values.estimated_amount_ht}
            onChange={(e) => set("estimated_amount_ht", e.target.value)}
          />
        )}
      </Field>
      <FormFooter
        pending={save.isPending}
        error={save.error}
        stale=""
        submitLabel="Ouvrir l'opportunité"
        onCancel={() => onDone()}
      />
    </form>
  );
}
