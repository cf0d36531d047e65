// An information campaign (CP8.3): a draft is edited, deleted or sent (once: each customer of
// its segments reached by the channel suited to them); a campaign sent shows its messages,
// each with the customer's channel — recorded, or refused with the channel policy's rule.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import type { LoyaltyCampaignOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, PageFrame, formatDate } from "../../components/ui";
import { CAMPAIGN_KINDS, RFM_SEGMENTS } from "../../labels/loyalty";
import { CampaignForm } from "./CampaignForm";
import { LoyaltyNav } from "./LoyaltyNav";
import { MessagesTable } from "./MessagesTable";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import { scopeSearch, useScope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

export function CampaignPage() {
  const id = Number(useParams().id);
  const scope = useScope();
  const campaign = useQuery({ ...loyaltyQueries.campaign(id), enabled: Number.isInteger(id) });
  return (
    <PageFrame
      title={campaign.data ? `Campagne : ${campaign.data.title}` : "Campagne d'information"}
      operations={scope.staff ? [] : ["update_loyalty_campaign", "send_loyalty_campaign"]}
    >
      <LoyaltyNav />
      <p>
        <Link to={`/fidelisation/campagnes${scopeSearch(scope)}`}>← Campagnes d'information</Link>
      </p>
      <QueryState query={campaign} busyLabel="Chargement de la campagne…">
        {(c) => (c.sent_on ? <SentCampaign campaign={c} /> : <DraftCampaign campaign={c} readOnly={scope.staff} />)}
      </QueryState>
    </PageFrame>
  );
}

function Facts({ campaign: c }: { campaign: LoyaltyCampaignOut }) {
  return (
    <dl className="facts followup-facts">
      <dt>Nature</dt>
      <dd>{CAMPAIGN_KINDS[c.kind]}</dd>
      <dt>Segments RFM</dt>
      <dd>{c.rfm_segments.map((s) => RFM_SEGMENTS[s]).join(", ") || "tous"}</dd>
      <dt>Segments de marché</dt>
      <dd>{c.market_segments.join(", ") || "tous"}</dd>
      <dt>Produits</dt>
      <dd>{c.product_references.join(", ") || "aucun"}</dd>
      <dt>Objet</dt>
      <dd>{c.subject}</dd>
      <dt>Message</dt>
      <dd className="pre-wrap">{c.body}</dd>
    </dl>
  );
}

function DraftCampaign({ campaign: c, readOnly }: { campaign: LoyaltyCampaignOut; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/loyalty-campaigns/{loyalty_campaign_id}/send", {
          params: { path: { loyalty_campaign_id: c.id } },
          body: { version: c.version },
        }),
      ),
    onSuccess: () => loyaltyChanged.campaign(queryClient, c.id),
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/loyalty-campaigns/{loyalty_campaign_id}", {
          params: { path: { loyalty_campaign_id: c.id } },
        }),
      ),
    onSuccess: async () => {
      await loyaltyChanged.campaign(queryClient);
      navigate("/fidelisation/campagnes");
    },
  });
  if (editing)
    return (
      <CampaignForm key={c.version} campaign={c} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
    );
  return (
    <section className="card" aria-labelledby="campaign-draft">
      <h2 id="campaign-draft">
        Brouillon <span className="status status-paused">non envoyé</span>
      </h2>
      <Facts campaign={c} />
      {!readOnly && (
        <div className="inline-actions">
          <button type="button" className="primary" disabled={send.isPending} onClick={() => send.mutate()}>
            {send.isPending ? "Envoi…" : "Envoyer la campagne"}
          </button>
          <button type="button" onClick={() => setEditing(true)}>
            Modifier le brouillon
          </button>
          <ConfirmButton
            label="Supprimer le brouillon"
            question={`Supprimer la campagne « ${c.title} » ?`}
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        </div>
      )}
      <ErrorBanner error={send.error ?? remove.error} />
    </section>
  );
}

function SentCampaign({ campaign: c }: { campaign: LoyaltyCampaignOut }) {
  const messages = useQuery(loyaltyQueries.campaignMessages(c.id));
  return (
    <>
      <section className="card" aria-labelledby="campaign-sent">
        <h2 id="campaign-sent">Envoyée le {formatDate(c.sent_on)}</h2>
        <p>
          {c.recorded} message(s) enregistré(s), {c.refused} refusé(s) par la politique des canaux.
        </p>
        <Facts campaign={c} />
      </section>
      <section className="card" aria-labelledby="campaign-messages">
        <h2 id="campaign-messages">Messages de la campagne</h2>
        <QueryState
          query={messages}
          isEmpty={(d) => d.length === 0}
          empty={<EmptyState title="Aucun client dans les segments visés." />}
        >
          {(data) => <MessagesTable messages={data} caption="Messages de la campagne, par client et canal" />}
        </QueryState>
      </section>
    </>
  );
}
