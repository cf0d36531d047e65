// The prospect list's selection: one action on every selected record (status, tag,
// campaign), then what happened to each — done, already so, refused with the rule's reason
// (lifecycle, RGPD channel policy), not found. Two selected records can be merged.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { ProspectOut as Prospect, ProspectStatus as Status, Schemas as S } from "../../api/types";
import { ErrorBanner, Field, Options, DisclosureButton } from "../../components/ui";
import { useForm } from "../../components/useForm";
import "../../components/records.css";
import { BULK_ACTIONS, BULK_MAX, type BulkAction, type BulkReport, bulkSummary } from "./bulk";
import { STATUSES } from "../../labels/prospects";
import { MergePanel } from "./MergePanel";
import { fieldErrorsOf } from "../../api/problem";

interface Values {
  action: BulkAction;
  status: Status;
  reason: string;
  tag: string;
  campaign_id: string;
}

/** The request: only the action's own setting is sent, the others are null. */
function toBody(v: Values, ids: number[]): S["ProspectBulk"] {
  const { action } = v;
  return {
    ids,
    action,
    status: action === "status" ? v.status : null,
    reason: action === "status" && v.reason.trim() ? v.reason.trim() : null,
    tag: action === "add_tag" || action === "remove_tag" ? v.tag : null,
    campaign_id: action === "add_to_campaign" && v.campaign_id ? Number(v.campaign_id) : null,
  };
}

export function BulkActions({ selected, onClear }: { selected: Map<number, Prospect>; onClear: () => void }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm<Values>({
    action: "status",
    status: "qualified",
    reason: "",
    tag: "",
    campaign_id: "",
  });
  const { action } = values;
  const [report, setReport] = useState<BulkReport | null>(null);
  const [merging, setMerging] = useState(false);
  const campaigns = useQuery({
    ...prospectQueries.campaignOptions(),
    enabled: action === "add_to_campaign",
  });
  const apply = useMutation({
    mutationFn: (v: Values) => unwrap(api.POST("/api/v1/prospects/bulk", { body: toBody(v, [...selected.keys()]) })),
    onSuccess: (r) => {
      setReport(r);
      prospectsChanged.bulk(queryClient);
    },
  });
  const errors = fieldErrorsOf(apply.error);
  const count = selected.size;
  const pair = count === 2 ? [...selected.values()] : null;
  return (
    <section aria-label="Actions sur la sélection">
      <form
        className="selection-bar"
        onSubmit={submitWith((v) => {
          setReport(null);
          apply.mutate(v);
        })}
        aria-label="Action groupée"
      >
        <p role="status">
          <strong>{count} fiche(s) sélectionnée(s)</strong>
          {count > BULK_MAX && <> — {BULK_MAX} au plus par action</>}
        </p>
        <Field label="Action à appliquer" error={errors.action}>
          {(p) => (
            <select
              {...p}
              value={action}
              onChange={(e) => {
                set("action", e.target.value as BulkAction);
                apply.reset();
              }}
            >
              <Options labels={BULK_ACTIONS} />
            </select>
          )}
        </Field>
        {action === "status" && (
          <>
            <Field label="Nouveau statut" error={errors.status}>
              {(p) => (
                <select {...p} value={values.status} onChange={(e) => set("status", e.target.value as Status)}>
                  <Options labels={STATUSES} />
                </select>
              )}
            </Field>
            {values.status === "lost" && (
              <Field label="Raison de la perte" error={errors.reason}>
                {(p) => <input {...p} value={values.reason} onChange={(e) => set("reason", e.target.value)} />}
              </Field>
            )}
          </>
        )}
        {(action === "add_tag" || action === "remove_tag") && (
          <Field label="Étiquette" error={errors.tag}>
            {(p) => <input {...p} value={values.tag} onChange={(e) => set("tag", e.target.value)} />}
          </Field>
        )}
        {action === "add_to_campaign" && (
          <Field label="Campagne" error={errors.campaign_id}>
            {(p) => (
              <select {...p} value={values.campaign_id} onChange={(e) => set("campaign_id", e.target.value)}>
                <option value="">Choisir…</option>
                {campaigns.data?.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <button type="submit" className="primary" disabled={apply.isPending || count === 0 || count > BULK_MAX}>
          {apply.isPending ? "Application…" : `Appliquer à ${count} fiche(s)`}
        </button>
        {pair && (
          <DisclosureButton open={merging} onToggle={() => setMerging(!merging)} closeLabel="Fermer la fusion">
            Fusionner ces deux fiches
          </DisclosureButton>
        )}
        <button
          type="button"
          onClick={() => {
            onClear();
            setReport(null);
            setMerging(false);
          }}
        >
          Désélectionner tout
        </button>
      </form>
      {apply.error && Object.keys(errors).length === 0 && <ErrorBanner error={apply.error} />}
      {report && <BulkResultView report={report} selected={selected} />}
      {pair && merging && (
        <MergePanel
          first={pair[0]}
          second={pair[1]}
          onMerged={() => {
            setMerging(false);
            onClear();
          }}
        />
      )}
    </section>
  );
}

function BulkResultView({ report, selected }: { report: BulkReport; selected: Map<number, Prospect> }) {
  const problems = report.results.filter((r) => r.outcome === "refused" || r.outcome === "not_found");
  return (
    <div role="status" className="alert alert-info" aria-label="Résultat de l'action groupée">
      <p>{bulkSummary(report)}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((r) => (
            <li key={r.id}>
              <Link to={`/prospects/${r.id}`}>{selected.get(r.id)?.name ?? `Fiche n° ${r.id}`}</Link> : {r.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
