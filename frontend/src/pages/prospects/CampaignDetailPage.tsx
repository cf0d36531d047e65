// One campaign: its settings and counts, edit and delete, its members (added from its
// target, each checked by the RGPD channel policy; refusals listed with their reason),
// and removing a member (CP2.2, CP3.1).
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { MemberOut as Member, MembersReport as Report } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState, ErrorBanner, PageFrame, formatDate } from "../../components/ui";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { CampaignForm } from "./CampaignForm";
import { type Campaign, progress } from "./campaignForm";
import { CHANNELS, PRIORITIES, STATUSES, label } from "../../labels/prospects";
import { ProspectsNav } from "./ProspectsNav";
import "./prospects.css";

const LIMIT = 20;

export function CampaignDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const campaign = useQuery({
    ...prospectQueries.campaign(id),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/campaigns/{campaign_id}", { params: { path: { campaign_id: id } } })),
    onSuccess: () => {
      prospectsChanged.campaigns(queryClient);
      navigate("/prospects/campagnes");
    },
  });
  const c = campaign.data;
  return (
    <PageFrame
      title={c ? `Campagne « ${c.name} »` : "Campagne"}
      operations={[
        "read_campaign",
        "update_campaign",
        "delete_campaign",
        "list_members",
        "add_members",
        "remove_member",
      ]}
      actions={
        c &&
        !editing && (
          <>
            <button type="button" onClick={() => setEditing(true)}>
              Modifier
            </button>
            <ConfirmButton
              label="Supprimer"
              pending={remove.isPending}
              onConfirm={() => remove.mutate()}
              question={`Supprimer la campagne « ${c.name} » ? Ses membres en sont retirés ; les échanges restent dans les fiches.`}
            />
          </>
        )
      }
    >
      <ProspectsNav />
      <p>
        <Link to="/prospects/campagnes">← Toutes les campagnes</Link>
      </p>
      <ErrorBanner error={remove.error} />
      <QueryState query={campaign}>
        {(c) => (
          <>
            {editing ? (
              <CampaignForm key={c.version} campaign={c} onDone={() => setEditing(false)} />
            ) : (
              <Summary campaign={c} />
            )}
            <Members campaign={c} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function Summary({ campaign: c }: { campaign: Campaign }) {
  const f = c.saved_filter as Record<string, unknown>;
  const target: string[] = [];
  if (Array.isArray(f.status) && f.status.length)
    target.push(`statut ${f.status.map((s) => label(STATUSES, s)).join(", ")}`);
  if (f.sector) target.push(`secteur ${String(f.sector)}`);
  if (f.tag) target.push(`étiquette ${String(f.tag)}`);
  if (f.priority) target.push(`priorité ${label(PRIORITIES, f.priority as keyof typeof PRIORITIES)}`);
  if (f.min_match) target.push(`adéquation ≥ ${String(f.min_match)} %`);
  return (
    <section className="card" aria-label="Résumé de la campagne">
      <dl className="details-grid">
        <dt>Canal</dt>
        <dd>{CHANNELS[c.channel]}</dd>
        <dt>Période</dt>
        <dd>
          {formatDate(c.starts_on)} → {formatDate(c.ends_on)}
        </dd>
        <dt>Cible</dt>
        <dd>
          {c.persona_id ? `persona n° ${c.persona_id}` : ""}
          {c.persona_id && target.length ? " ; " : ""}
          {target.join(", ") || (c.persona_id ? "" : "aucune")}
        </dd>
        <dt>Membres</dt>
        <dd>{c.counts.members}</dd>
        <dt>Contactés</dt>
        <dd>
          {progress(c.counts.contacted, c.objective_contacts, "contacts")} (joints : {c.counts.reached})
        </dd>
        <dt>Rendez-vous</dt>
        <dd>{progress(c.counts.appointments, c.objective_appointments, "rendez-vous")}</dd>
        <dt>Refus</dt>
        <dd>{c.counts.refusals}</dd>
        {c.message_template && (
          <>
            <dt>Message</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{c.message_template}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Members({ campaign }: { campaign: Campaign }) {
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const members = useQuery({
    ...prospectQueries.campaignMembers(campaign.id, LIMIT, offset),
    placeholderData: keepPreviousData,
  });
  const refresh = () => prospectsChanged.campaigns(queryClient);
  const addTarget = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/campaigns/{campaign_id}/members", {
          params: { path: { campaign_id: campaign.id } },
          body: { from_target: true },
        }),
      ),
    onSuccess: (r) => {
      setReport(r);
      refresh();
    },
  });
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Membres</h2>
      <div className="card-actions">
        <button type="button" className="primary" onClick={() => addTarget.mutate()} disabled={addTarget.isPending}>
          {addTarget.isPending ? "Ajout…" : "Ajouter les prospects de la cible"}
        </button>
        <span className="muted">
          ou, depuis le fichier prospects, cochez des fiches puis « Ajouter à une campagne ».
        </span>
      </div>
      <ErrorBanner error={addTarget.error} />
      {report && <ReportView report={report} />}
      <QueryState
        query={members}
        empty={
          <EmptyState title="Aucun membre.">
            Ajoutez les prospects de la cible : chacun est vérifié par la politique RGPD du canal.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Membres de la campagne"
            headers={["Prospect", "Ajouté le", "Actions"]}
            wrapperClassName={null}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((m) => (
              <MemberRow key={m.id} campaignId={campaign.id} member={m} onRemoved={refresh} />
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}

function MemberRow({ campaignId, member, onRemoved }: { campaignId: number; member: Member; onRemoved: () => void }) {
  const name = member.prospect_name ?? `Fiche n° ${member.prospect_id}`;
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/campaigns/{campaign_id}/members/{member_id}", {
          params: { path: { campaign_id: campaignId, member_id: member.id } },
        }),
      ),
    onSuccess: onRemoved,
  });
  return (
    <tr>
      <th scope="row">
        <Link to={`/prospects/${member.prospect_id}`}>{name}</Link>
      </th>
      <td>{formatDate(member.added_at)}</td>
      <td className="row-actions">
        <ConfirmButton
          label="Retirer"
          confirmLabel="Oui, retirer"
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          question={`Retirer « ${name} » de la campagne ?`}
        />
        <ErrorBanner error={remove.error} />
      </td>
    </tr>
  );
}

export function ReportView({ report }: { report: Report }) {
  return (
    <div role="status" className="alert alert-info">
      <p>
        {report.added.length} prospect(s) ajouté(s), {report.already_members.length} déjà membre(s),{" "}
        {report.refused.length} refusé(s) par la politique des canaux.
      </p>
      {report.refused.length > 0 && (
        <ul>
          {report.refused.slice(0, 20).map((r) => (
            <li key={`${r.prospect_id}-${r.contact_id ?? ""}`}>
              <Link to={`/prospects/${r.prospect_id}`}>Fiche n° {r.prospect_id}</Link> : {r.detail}
            </li>
          ))}
          {report.refused.length > 20 && <li>… et {report.refused.length - 20} autre(s).</li>}
        </ul>
      )}
    </div>
  );
}
