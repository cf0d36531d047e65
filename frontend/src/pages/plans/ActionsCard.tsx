// The plan's actions: each one's kind, dates, target, resources, the objectives it serves and
// the campaigns and tours that carry it out; adding, editing, deleting one. Each action is
// an anchor (`#action-{id}`) the findings and the agenda link to: opening the page there
// moves the focus to it.
import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import type { ActionOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DisclosureButton, EmptyState, ErrorBanner } from "../../components/ui";
import { formatPct, formatPrice } from "../../labels/businessCases";
import { ACTION_KINDS } from "../../labels/plans";
import { jumpTo } from "../trainer/InPageNav";
import { ActionForm } from "./ActionForm";
import { parseDay, sliceLabel } from "./periods";
import { withUnit } from "./tree";
import { usePlanWrite, type PlanView } from "./usePlanWrite";

export function ActionsCard({ view }: { view: PlanView }) {
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const { hash } = useLocation();
  const actions = view.plan.actions;
  useEffect(() => {
    // Opened on an action (#action-12): it takes the focus once it is on the page.
    if (hash.startsWith("#action-")) jumpTo(hash.slice(1));
  }, [hash]);
  return (
    <section className="card" aria-labelledby="plan-actions">
      <h2 id="plan-actions">Actions</h2>
      {view.editable && (
        <div className="card-actions">
          <DisclosureButton open={editing === "new"} onToggle={() => setEditing(editing === "new" ? null : "new")}>
            Ajouter une action
          </DisclosureButton>
        </div>
      )}
      {editing === "new" && <ActionForm view={view} onDone={() => setEditing(null)} />}
      {actions.length === 0 && (
        <EmptyState title="Aucune action planifiée.">
          {view.editable
            ? "Ajoutez les actions qui serviront vos objectifs : campagne, phoning, tournée, salon, relance de fidélisation…"
            : "Le plan ne prévoit pas encore d'action."}
        </EmptyState>
      )}
      {actions.map((a) =>
        editing === a.id ? (
          <ActionForm key={a.id} view={view} action={a} onDone={() => setEditing(null)} />
        ) : (
          <ActionItem key={a.id} view={view} action={a} onEdit={() => setEditing(a.id)} />
        ),
      )}
    </section>
  );
}

const day = (d: string) => parseDay(d).toLocaleDateString("fr-FR", { timeZone: "UTC" });

function ActionItem({ view, action: a, onEdit }: { view: PlanView; action: ActionOut; onEdit: () => void }) {
  const remove = usePlanWrite(view.plan.id, () =>
    unwrap(
      api.DELETE("/api/v1/plans/{plan_id}/actions/{action_id}", {
        params: { path: { plan_id: view.plan.id, action_id: a.id } },
      }),
    ),
  );
  const objectives = new Map(view.plan.objectives.map((o) => [o.id, o]));
  const contributions = (a.contributions ?? []) as { objective_id: number; expected: string | null }[];
  const titleId = `action-${a.id}-title`;
  return (
    <article id={`action-${a.id}`} className="plan-action" tabIndex={-1} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {a.title} <small className="muted">— {ACTION_KINDS[a.kind]}</small>
      </h3>
      <dl className="details-grid">
        <dt>Dates</dt>
        <dd>
          du {day(a.starts_on)} au {day(a.ends_on)}
        </dd>
        <dt>Cible</dt>
        <dd>
          {a.segment_code ? sliceLabel("segment", a.segment_code, view.doc) : "tous les segments"},{" "}
          {a.product_family ? sliceLabel("family", a.product_family, view.doc) : "toutes les familles"}
        </dd>
        <dt>Moyens</dt>
        <dd>
          {withUnit(a.hours, "h")}, budget {formatPrice(a.budget)}, {withUnit(a.km, "km")}
          {a.discount_pct !== null && <>, remise de {formatPct(a.discount_pct)}</>}
        </dd>
        <dt>Objectifs servis</dt>
        <dd>
          {contributions.length === 0 ? (
            <strong>aucun</strong>
          ) : (
            <ul className="plain">
              {contributions.map((c) => {
                const o = objectives.get(c.objective_id);
                const unit = o?.metric_code ? view.metrics.get(o.metric_code)?.unit : null;
                return (
                  <li key={c.objective_id}>
                    {o?.label ?? `objectif n° ${c.objective_id}`}
                    {c.expected !== null && <> : apport attendu {withUnit(c.expected, unit)}</>}
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
        {a.campaigns?.length ? (
          <>
            <dt>Campagnes</dt>
            <dd>
              {a.campaigns.map((c, i) => (
                <span key={c.id}>
                  {i > 0 && ", "}
                  <Link to={c.href}>{c.label}</Link>
                </span>
              ))}
            </dd>
          </>
        ) : null}
        {a.tours?.length ? (
          <>
            <dt>Tournées</dt>
            <dd>
              {a.tours.map((t, i) => (
                <span key={t.id}>
                  {i > 0 && ", "}
                  <Link to={t.href}>{t.label}</Link>
                </span>
              ))}
            </dd>
          </>
        ) : null}
        {a.notes && (
          <>
            <dt>Notes</dt>
            <dd className="pre-wrap">{a.notes}</dd>
          </>
        )}
      </dl>
      {view.editable && (
        <div className="card-actions">
          <button type="button" onClick={onEdit} aria-label={`Modifier l'action ${a.title}`}>
            Modifier
          </button>
          <ConfirmButton
            label="Supprimer"
            pending={remove.isPending}
            onConfirm={() => remove.mutate(undefined)}
            question={`Supprimer l'action « ${a.title} » ? Ses campagnes et tournées restent, sans lien avec le plan.`}
          />
        </div>
      )}
      <ErrorBanner error={remove.error} />
    </article>
  );
}
