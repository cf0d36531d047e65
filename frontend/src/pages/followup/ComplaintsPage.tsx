// The trainee's complaints (CP7.2): received when, due when, late or not; filtered by
// status and « Hors délai »; a new one (opened from here, or from an account or an order
// with `?prospect=…&commande=…`).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import { prospectQueries } from "../../api/queries/prospects";
import type { Schemas as S } from "../../api/types";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { useFilters } from "../../components/useFilters";
import { Busy, DisclosureButton, EmptyState, PageFrame, formatDate } from "../../components/ui";
import { COMPLAINT_SEVERITIES, COMPLAINT_STATUSES, COMPLAINT_STATUS_CLASS } from "../../labels/followUp";
import { ComplaintForm } from "./ComplaintForm";
import { FollowUpNav } from "./FollowUpNav";
import { LateBadge, StatusBadge } from "./StatusBadge";
import "./followup.css";

const LIMIT = 20;

type Filters = { status: S["ComplaintStatus"] | ""; late: "" | "yes" };

export function ComplaintsPage() {
  const { me } = useAuth();
  const [params] = useSearchParams();
  const prospectId = Number(params.get("prospect")) || null;
  const orderId = Number(params.get("commande")) || null;
  const [adding, setAdding] = useState(prospectId !== null);
  const prospect = useQuery({ ...prospectQueries.detail(prospectId ?? 0), enabled: prospectId !== null });
  const { filters, filter, offset, setOffset } = useFilters<Filters>({ status: "", late: "" });
  const list = useQuery({
    ...followUpQueries.complaints({
      status: filters.status || undefined,
      late: filters.late === "yes" ? true : undefined,
      sort: "-received_on",
      limit: LIMIT,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Réclamations"
      operations={["create_complaint", "propose_complaint_solution"]}
      actions={
        !isStaff(me) && (
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouvelle réclamation
          </DisclosureButton>
        )
      }
    >
      <FollowUpNav />
      {adding &&
        (prospectId !== null && prospect.isPending ? (
          <Busy />
        ) : (
          <ComplaintForm prospect={prospect.data ?? null} orderId={orderId} />
        ))}
      <div className="filters">
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          labels={COMPLAINT_STATUSES}
          onChange={(v) => filter("status", v)}
        />
        <FilterSelect
          label="Délais"
          all="Tous"
          value={filters.late}
          labels={{ yes: "Hors délai" }}
          onChange={(v) => filter("late", v)}
        />
      </div>
      <QueryState
        query={list}
        empty={
          <EmptyState title={filters.late ? "Aucune réclamation hors délai." : "Aucune réclamation."}>
            Une réclamation reçue s'enregistre avec « Nouvelle réclamation ».
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Réclamations"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={["Objet", "Client", "Reçue le", "Gravité", "Statut", "Réponse due", "Résolution due"]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/reclamations/${c.id}`}>{c.subject}</Link>
                </th>
                <td>
                  <Link to={`/comptes/${c.prospect_id}`}>{c.prospect_name}</Link>
                </td>
                <td className="nowrap">{formatDate(c.received_on)}</td>
                <td>{COMPLAINT_SEVERITIES[c.severity]}</td>
                <td>
                  <StatusBadge value={c.status} labels={COMPLAINT_STATUSES} classes={COMPLAINT_STATUS_CLASS} />
                </td>
                <td>
                  {formatDate(c.response_due_on)} <LateBadge days={c.response_late_days} />
                </td>
                <td>
                  {formatDate(c.resolution_due_on)} <LateBadge days={c.resolution_late_days} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
