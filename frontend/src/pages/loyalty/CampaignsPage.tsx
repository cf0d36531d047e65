// The information campaigns (CP8.3): drafts and campaigns sent, with their messages recorded
// and refused; a new draft from « Nouvelle campagne »; then how regularly each customer was
// informed over the period (campaigns, offers, invitations), against the policy's rhythm.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { DisclosureButton, EmptyState, Field, PageFrame, formatDate } from "../../components/ui";
import { CAMPAIGN_KINDS, RFM_SEGMENTS, days } from "../../labels/loyalty";
import { CampaignForm } from "./CampaignForm";
import { LoyaltyNav } from "./LoyaltyNav";
import { loyaltyQueries } from "./queries";
import { MissingTrainee } from "./SegmentsPage";
import { scopeSearch, useScope, type Scope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

const LIMIT = 20;

export function CampaignsPage() {
  const scope = useScope();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...loyaltyQueries.campaigns({ owner_id: scope.traineeId, sort: "-created_at", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Campagnes d'information"
      operations={scope.staff ? [] : ["create_loyalty_campaign", "send_loyalty_campaign"]}
      actions={
        !scope.staff && (
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouvelle campagne
          </DisclosureButton>
        )
      }
    >
      <LoyaltyNav />
      {adding && (
        <CampaignForm onSaved={(c) => navigate(`/fidelisation/campagnes/${c.id}`)} onCancel={() => setAdding(false)} />
      )}
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucune campagne.">
            Une campagne informe des clients choisis d'une nouveauté, d'une promotion ou d'une actualité : « Nouvelle
            campagne ».
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Campagnes d'information"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={[
              "Campagne",
              "Nature",
              "Segments visés",
              "Envoi",
              { label: "Messages enregistrés", className: "num" },
              { label: "Refusés", className: "num" },
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/fidelisation/campagnes/${c.id}${scopeSearch(scope)}`}>{c.title}</Link>
                </th>
                <td>{CAMPAIGN_KINDS[c.kind]}</td>
                <td>
                  {[...c.rfm_segments.map((s) => RFM_SEGMENTS[s]), ...c.market_segments].join(", ") ||
                    "Tous les clients"}
                </td>
                <td>
                  {c.sent_on ? (
                    `Envoyée le ${formatDate(c.sent_on)}`
                  ) : (
                    <span className="status status-paused">Brouillon</span>
                  )}
                </td>
                <td className="num">{c.recorded}</td>
                <td className="num">{c.refused}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      {scope.missing ? <MissingTrainee /> : <InformationReport scope={scope} />}
    </PageFrame>
  );
}

function InformationReport({ scope }: { scope: Scope }) {
  const { values, set } = useForm({ start: "", end: "" });
  const report = useQuery({
    ...loyaltyQueries.information({
      trainee_id: scope.traineeId,
      start: values.start || undefined,
      end: values.end || undefined,
    }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const [offset, setOffset] = useState(0);
  return (
    <section className="card" aria-labelledby="information-report">
      <h2 id="information-report">Régularité de l'information des clients</h2>
      <div className="filters">
        <Field label="Du" hint="Vide : un an avant la fin.">
          {(p) => <input {...p} type="date" value={values.start} onChange={(e) => set("start", e.target.value)} />}
        </Field>
        <Field label="Au" hint="Vide : aujourd'hui.">
          {(p) => <input {...p} type="date" value={values.end} onChange={(e) => set("end", e.target.value)} />}
        </Field>
      </div>
      <QueryState query={report} isEmpty={(d) => d.customers === 0} empty={<EmptyState title="Aucun client." />}>
        {(data) => (
          <>
            <p>
              Du {formatDate(data.start)} au {formatDate(data.end)} : <strong>{data.regular}</strong> client(s) sur{" "}
              {data.customers} informé(s) régulièrement (au moins tous les {days(data.every_days)}, politique du cas).
            </p>
            <DataTable
              caption="Information de chaque client sur la période"
              className="table wide-table"
              wrapperClassName="scroll-x contained"
              headers={[
                "Client",
                { label: "Messages reçus", className: "num" },
                "Dernière information",
                "Plus long silence",
                "Régularité",
              ]}
              pager={{ offset, limit: LIMIT, total: data.items.length, onOffset: setOffset }}
            >
              {data.items.slice(offset, offset + LIMIT).map((i) => (
                <tr key={i.prospect_id}>
                  <th scope="row">{i.name}</th>
                  <td className="num">{i.informed}</td>
                  <td>{formatDate(i.last_informed_on)}</td>
                  <td>{days(i.longest_gap_days)}</td>
                  <td>
                    {i.regular ? (
                      <span className="status status-ok">Régulière</span>
                    ) : (
                      <span className="status status-error">Irrégulière</span>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryState>
    </section>
  );
}
