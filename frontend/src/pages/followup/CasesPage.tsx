// The trainee's cases (CP7.1): each run of the business case's procedure for a situation
// (an order, a delivery incident, a complaint, a dispute, an unpaid invoice, a return), its
// steps done and its status; filtered by status and type.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { followUpQueries } from "../../api/queries/followUp";
import type { Schemas as S } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { useFilters } from "../../components/useFilters";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { CASE_STATUSES, CASE_TYPES } from "../../labels/followUp";
import { FollowUpNav } from "./FollowUpNav";
import { StatusBadge } from "./StatusBadge";
import "./followup.css";

const LIMIT = 20;

type Filters = { status: S["CaseStatus"] | ""; case_type: S["CaseType"] | "" };

export function CasesPage() {
  const { filters, filter, offset, setOffset } = useFilters<Filters>({ status: "", case_type: "" });
  const list = useQuery({
    ...followUpQueries.cases({
      status: filters.status || undefined,
      case_type: filters.case_type || undefined,
      sort: "-opened_on",
      limit: LIMIT,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Dossiers"
      operations={["set_case_step", "create_case_decision", "create_escalation", "close_case"]}
    >
      <FollowUpNav />
      <div className="filters">
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          labels={CASE_STATUSES}
          onChange={(v) => filter("status", v)}
        />
        <FilterSelect
          label="Situation"
          all="Toutes"
          value={filters.case_type}
          labels={CASE_TYPES}
          onChange={(v) => filter("case_type", v)}
        />
      </div>
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucun dossier.">
            Un dossier s'ouvre avec ce qui le demande : un incident de livraison, une réclamation, une facture transmise
            à la comptabilité.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Dossiers"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={["Dossier", "Client", "Situation", "Ouvert le", "Statut", "Étapes obligatoires"]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((k) => (
              <tr key={k.id}>
                <th scope="row">
                  <Link to={`/dossiers/${k.id}`}>{k.title || CASE_TYPES[k.case_type]}</Link>
                </th>
                <td>
                  <Link to={`/comptes/${k.prospect_id}`}>{k.prospect_name}</Link>
                </td>
                <td>{CASE_TYPES[k.case_type]}</td>
                <td className="nowrap">{formatDate(k.opened_on)}</td>
                <td>
                  <StatusBadge
                    value={k.status}
                    labels={CASE_STATUSES}
                    classes={{ open: "status-paused", closed: "status-ok" }}
                  />
                </td>
                <td>
                  {k.steps_required - k.missing_required.length} / {k.steps_required} faites
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
