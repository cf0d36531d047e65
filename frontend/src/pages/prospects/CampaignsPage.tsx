// Prospecting campaigns (CP2.2): the list with each one's channel, dates and progress
// against its objectives, and the form to launch one.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { prospectQueries } from "../../api/queries/prospects";
import { EmptyState, PageFrame, formatDate, DisclosureButton } from "../../components/ui";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { CampaignForm } from "./CampaignForm";
import { progress } from "./campaignForm";
import { CHANNELS } from "../../labels/prospects";
import { ProspectsNav } from "./ProspectsNav";
import "./prospects.css";

const LIMIT = 20;

export function CampaignsPage() {
  const navigate = useNavigate();
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const campaigns = useQuery({
    ...prospectQueries.campaigns(LIMIT, offset),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Campagnes de prospection"
      operations={["list_campaigns", "create_campaign"]}
      actions={
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
          Nouvelle campagne
        </DisclosureButton>
      }
    >
      <ProspectsNav />
      {adding && (
        <CampaignForm
          onDone={(saved) => {
            setAdding(false);
            if (saved) navigate(`/prospects/campagnes/${saved.id}`);
          }}
        />
      )}
      <QueryState
        query={campaigns}
        empty={
          <EmptyState title="Aucune campagne.">
            Lancez une campagne avec « Nouvelle campagne » : choisissez un canal et une cible (persona, statut,
            secteur…), puis ajoutez-y les prospects que la politique RGPD des canaux autorise.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Campagnes"
            headers={["Campagne", "Canal", "Période", "Membres", "Contactés", "Rendez-vous"]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/prospects/campagnes/${c.id}`}>{c.name}</Link>
                </th>
                <td>{CHANNELS[c.channel]}</td>
                <td>{c.starts_on || c.ends_on ? `${formatDate(c.starts_on)} → ${formatDate(c.ends_on)}` : "—"}</td>
                <td>{c.counts.members}</td>
                <td>{progress(c.counts.contacted, c.objective_contacts, "contacts")}</td>
                <td>{progress(c.counts.appointments, c.objective_appointments, "rendez-vous")}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
