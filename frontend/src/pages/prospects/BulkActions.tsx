// The prospect list's selection: one action on every selected record (status, tag,
// campaign), then what happened to each — done, already so, refused with the rule's reason
// (lifecycle, RGPD channel policy), not found. Two selected records can be merged.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { ProspectOut as Prospect, ProspectStatus as Status } from "../../api/types";
import { ErrorBanner, Field, Options, DisclosureButton } from "../../components/ui";
import "../../components/records.css";
import { BULK_ACTIONS, BULK_MAX, type BulkAction, type BulkReport, bulkSummary } from "./bulk";
import { STATUSES } from "../../labels/prospects";
import { MergePanel } from "./MergePanel";
import { fieldErrorsOf } from "../../api/problem";

export function BulkActions({ selected, onClear }: { selected: Map<number, Prospect>; onClear: () => void }) {
  const queryClient = useQueryClient();
  const [action, setAction] = useState<BulkAction>("status");
  const [status, setStatus] = useState<Status>("qualified");
  const [reason, setReason] = useState("");
  const [tag, setTag] = useState("");
  const [campaignId, setCampaignId] = useState("");
  const [report, setReport] = useState<BulkReport | null>(null);
  const [merging, setMerging] = useState(false);
  const campaigns = useQuery({
    ...prospectQueries.campaignOptions(),
    enabled: action === "add_to_campaign",
  });
  const apply = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/prospects/bulk", {
          body: {
            ids: [...selected.keys()],
            action,
            status: action === "status" ? status : null,
            reason: action === "status" && reason.trim() ? reason.trim() : null,
            tag: action === "add_tag" || action === "remove_tag" ? tag : null,
            campaign_id: action === "add_to_campaign" && campaignId ? Number(campaignId) : null,
          },
        }),
      ),
    onSuccess: (r) => {
      setReport(r);
      prospectsChanged.bulk(queryClient);
    },
  });
  const errors = fieldErrorsOf(apply.error);
  const count = selected.size;
  function submit(event: FormEvent) {
    event.preventDefault();
    setReport(null);
    apply.mutate();
  }
  const pair = count === 2 ? [...selected.values()] : null;
  return (
    <section aria-label="Actions sur la sélection">
      <form className="selection-bar" onSubmit={submit} aria-label="Action groupée">
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
                setAction(e.target.value as BulkAction);
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
                <select {...p} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
                  <Options labels={STATUSES} />
                </select>
              )}
            </Field>
            {status === "lost" && (
              <Field label="Raison de la perte" error={errors.reason}>
                {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
            )}
          </>
        )}
        {(action === "add_tag" || action === "remove_tag") && (
          <Field label="Étiquette" error={errors.tag}>
            {(p) => <input {...p} value={tag} onChange={(e) => setTag(e.target.value)} />}
          </Field>
        )}
        {action === "add_to_campaign" && (
          <Field label="Campagne" error={errors.campaign_id}>
            {(p) => (
              <select {...p} value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
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
