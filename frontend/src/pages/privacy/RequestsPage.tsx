// Data-subject requests (access, rectification, erasure, objection): due one month after
// receipt, extensible once by two months with a reason. A trainee records and works the
// requests about their own file; trainers and admins follow them (read only), overdue first.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { privacyQueries } from "../../api/queries/privacy";
import { userQueries } from "../../api/queries/users";
import type { PrivacyRequestKind as Kind, PrivacyRequestStatus as Status } from "../../api/types";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { DisclosureButton, EmptyState, ErrorBanner, Notice, PageFrame } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { FilterSelect } from "../../components/FilterSelect";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { REQUEST_KINDS, REQUEST_STATUSES } from "../../labels/privacy";
import { RgpdNav } from "./RgpdNav";
import { RequestRow } from "./RequestRow";
import { RequestForm } from "./RequestForm";
import "./privacy.css";

const LIMIT = 20;

type Filters = { status: Status | ""; kind: Kind | ""; overdue: "" | "yes" | "no" };

export function RequestsPage() {
  const { me } = useAuth();
  const staff = isStaff(me);
  const { filters, filter, offset, setOffset } = useFilters<Filters>({ status: "", kind: "", overdue: "" });
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  /** A filter changed: back to the first page. */
  const query = {
    status: filters.status || undefined,
    kind: filters.kind || undefined,
    overdue: filters.overdue === "" ? undefined : filters.overdue === "yes",
    sort: "due_on",
    limit: LIMIT,
    offset,
  };
  const requests = useQuery({
    ...privacyQueries.requests(query),
    placeholderData: keepPreviousData,
  });
  const overdue = useQuery({
    ...privacyQueries.overdueCount(),
  });
  const users = useQuery({
    ...userQueries.trainees(),
    enabled: staff,
  });
  const owners = new Map((users.data?.items ?? []).map((u) => [u.id, u.full_name]));
  const late = overdue.data?.total ?? 0;

  return (
    <PageFrame
      title="RGPD : demandes des personnes"
      operations={
        staff
          ? ["list_requests"]
          : [
              "list_requests",
              "create_request",
              "extend_request",
              "complete_request",
              "export_request",
              "list_prospects",
              "list_contacts",
            ]
      }
      actions={
        !staff && (
          <DisclosureButton
            open={adding}
            onToggle={() => {
              setAdding(!adding);
              setCreated(null);
            }}
            primary
          >
            Enregistrer une demande
          </DisclosureButton>
        )
      }
    >
      <RgpdNav />
      <p>
        Une personne peut demander l'accès à ses données (et leur portabilité), leur rectification, leur effacement ou
        s'opposer à la prospection. La réponse est due <strong>un mois</strong> après la réception, délai prolongeable
        une fois de deux mois avec un motif.
        {staff && " Les demandes sont traitées par le stagiaire titulaire du fichier ; vous les suivez ici."}
      </p>
      {late > 0 && (
        <div role="alert" className="alert alert-error">
          {late} demande(s) en retard : l'échéance est dépassée.
        </div>
      )}
      {adding && (
        <RequestForm
          onDone={(message) => {
            setAdding(false);
            setCreated(message);
          }}
        />
      )}
      {created && <Notice>{created}</Notice>}
      <h2>Liste des demandes</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filtrer les demandes">
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          onChange={(v) => filter("status", v)}
          labels={REQUEST_STATUSES}
        />
        <FilterSelect
          label="Type"
          all="Tous"
          value={filters.kind}
          onChange={(v) => filter("kind", v)}
          labels={REQUEST_KINDS}
        />
        <FilterSelect label="Échéance" all="Toutes" value={filters.overdue} onChange={(v) => filter("overdue", v)}>
          <option value="yes">En retard</option>
          <option value="no">Dans les délais ou closes</option>
        </FilterSelect>
      </form>
      <ErrorBanner error={users.error} />
      <QueryState
        query={requests}
        empty={
          <EmptyState
            title={
              filters.status || filters.kind || filters.overdue
                ? "Aucune demande ne correspond aux filtres."
                : "Aucune demande enregistrée."
            }
          >
            {staff
              ? "Les demandes enregistrées par les stagiaires apparaîtront ici, la plus proche de son échéance en premier."
              : "Quand une personne exerce un de ses droits, enregistrez sa demande avec « Enregistrer une demande » : son échéance est calculée pour vous."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Demandes des personnes, par échéance"
            headers={["Demande", staff && "Stagiaire", "Personne", "Reçue le", "Échéance", "Statut", "Actions"]}
            region="Liste des demandes"
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((r) => (
              <RequestRow
                key={r.id}
                request={r}
                owner={staff ? (owners.get(r.owner_id) ?? `Compte n° ${r.owner_id}`) : null}
                canWork={!staff}
              />
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
