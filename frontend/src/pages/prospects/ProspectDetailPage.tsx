// One prospect record (CP3): identity, lifecycle and follow-up, the exchange form checked by
// the RGPD channel policy, the policy itself, consents, contacts, social-selling actions
// (CP3.9), appointments, timeline.
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { prospectQueries } from "../../api/queries/prospects";
import { ReadOnlyScope, useIsMine } from "../../components/ReadOnly";
import { Notice, PageFrame, formatDate } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { AppointmentsCard } from "./AppointmentsCard";
import { ChannelPolicyCard } from "./ChannelPolicyCard";
import { ConsentsCard } from "./ConsentsCard";
import { ContactsCard } from "./ContactsCard";
import { InteractionForm } from "./InteractionForm";
import { ProspectsNav } from "./ProspectsNav";
import { FollowUpCard, IdentityCard } from "./RecordCards";
import { SocialActionsCard } from "./SocialActionsCard";
import { TimelineCard } from "./TimelineCard";
import "./prospects.css";

export function ProspectDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const prospect = useQuery({
    ...prospectQueries.detail(id),
    enabled: Number.isInteger(id),
  });
  const company = prospect.data?.kind === "company";
  const contacts = useQuery({
    ...prospectQueries.contacts(id),
    enabled: company,
  });
  const p = prospect.data;
  const contactList = contacts.data?.items ?? [];
  const mine = useIsMine(p?.owner_id);
  return (
    <PageFrame
      title={p ? p.name : "Fiche prospect"}
      operations={[
        "read_prospect",
        "change_status",
        "timeline",
        "channel_policy",
        "create_interaction",
        "list_scripts",
        "read_consents",
        "create_consent",
        "list_contacts",
        "create_contact",
        "list_appointments",
        "create_appointment",
        "update_appointment",
        "list_prospect_actions",
        "create_social_action",
        "update_social_action",
        "delete_social_action",
      ]}
      actions={
        p && (
          <>
            {/* Orders, deliveries, invoices, complaints and cases of the client (CP7). */}
            <Link to={`/comptes/${id}`}>Compte client</Link>
            {mine && !p.anonymised_at && (
              <button type="button" onClick={() => navigate(`/prospects/${id}/modifier`)}>
                Modifier la fiche
              </button>
            )}
          </>
        )
      }
    >
      {mine && <ProspectsNav />}
      {mine && (
        <p>
          <Link to="/prospects">Retour au fichier</Link>
        </p>
      )}
      <QueryState query={prospect} busyLabel="Chargement de la fiche…">
        {(p) => (
          <ReadOnlyScope ownerId={p.owner_id}>
            {p.anonymised_at && (
              <Notice>
                Cette fiche a été anonymisée le {formatDate(p.anonymised_at)} : plus aucun contact n'est possible.
              </Notice>
            )}
            <div className="grid-2">
              <IdentityCard prospect={p} />
              <FollowUpCard prospect={p} />
            </div>
            {mine && !p.anonymised_at && <InteractionForm prospectId={p.id} company={company} contacts={contactList} />}
            <div className="grid-2">
              <ChannelPolicyCard prospectId={p.id} company={company} contacts={contactList} />
              <ConsentsCard prospectId={p.id} company={company} contacts={contactList} />
            </div>
            {company && (
              // The card says itself when the company has no contact.
              <QueryState query={contacts} isEmpty={() => false} busyLabel="Chargement des contacts…">
                {(list) => <ContactsCard prospectId={p.id} contacts={list.items} total={list.total} />}
              </QueryState>
            )}
            <SocialActionsCard
              prospectId={p.id}
              company={company}
              contacts={contactList}
              anonymised={Boolean(p.anonymised_at)}
            />
            <div className="grid-2">
              <TimelineCard prospectId={p.id} />
              <AppointmentsCard prospectId={p.id} company={company} contacts={contactList} />
            </div>
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}
