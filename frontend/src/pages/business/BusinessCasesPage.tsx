// The organisation's business cases (trainers, admins): status, published versions, size of
// the market and catalogue, assignments, whether the draft changed since the last version;
// and a new case imported from a JSON file.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { businessCaseQueries } from "../../api/queries/businessCases";
import type { Schemas } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, EmptyState, Field, PageFrame, formatDate } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { CASE_STATUSES, CASE_STATUS_CLASS } from "../../labels/businessCases";
import { ImportCaseForm } from "./ImportCaseForm";
import "./business.css";

const LIMIT = 20;

type Status = Schemas["BusinessCaseStatus"];

export function BusinessCasesPage() {
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  const { filters, filter, offset, setOffset } = useFilters({ status: "" as Status | "", q: "" });
  const cases = useQuery({
    ...businessCaseQueries.list({
      status: filters.status || undefined,
      q: filters.q.trim() || undefined,
      sort: "name",
      limit: LIMIT,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(filters.status || filters.q.trim());
  return (
    <PageFrame
      title="Cas d'entreprise"
      operations={["list_cases", "import_case"]}
      actions={
        <DisclosureButton open={importing} onToggle={() => setImporting(!importing)} primary>
          Importer un cas (JSON)
        </DisclosureButton>
      }
    >
      <p className="muted">
        Les entreprises pour lesquelles vos stagiaires vendent : identité, marché, politique commerciale et catalogue.
        Publiez un cas pour l'attribuer à une promotion ou à un stagiaire.
      </p>
      {importing && (
        <ImportCaseForm
          onDone={(saved) => {
            setImporting(false);
            if (saved) navigate(`/entreprise/${saved.id}`);
          }}
        />
      )}
      <form className="filters" role="search" aria-label="Filtrer les cas" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Statut"
          all="Tous"
          value={filters.status}
          labels={CASE_STATUSES}
          onChange={(v) => filter("status", v)}
        />
        <Field label="Rechercher un cas">
          {(p) => (
            <input
              {...p}
              type="search"
              value={filters.q}
              placeholder="nom"
              onChange={(e) => filter("q", e.target.value)}
            />
          )}
        </Field>
      </form>
      <QueryState
        query={cases}
        empty={
          <EmptyState title={filtered ? "Aucun cas ne répond à ces critères." : "Aucun cas d'entreprise."}>
            {filtered
              ? "Changez de statut ou effacez la recherche."
              : "Importez un cas au format JSON avec « Importer un cas (JSON) », puis publiez-le et attribuez-le."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Cas d'entreprise de l'organisme"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            region="Liste des cas d'entreprise"
            headers={[
              "Cas",
              "Statut",
              { label: "Versions publiées", className: "num" },
              { label: "Produits", className: "num" },
              { label: "Segments", className: "num" },
              { label: "Attributions", className: "num" },
              "Brouillon",
              "Mis à jour",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/entreprise/${c.id}`}>{c.name}</Link>
                  {c.sector && (
                    <>
                      <br />
                      <small className="muted">NAF {c.sector}</small>
                    </>
                  )}
                </th>
                <td>
                  <span className={`status ${CASE_STATUS_CLASS[c.status]}`}>{CASE_STATUSES[c.status]}</span>
                </td>
                <td className="num">{c.published_number}</td>
                <td className="num">{c.products}</td>
                <td className="num">{c.segments}</td>
                <td className="num">{c.assignments}</td>
                <td>{c.draft_changed ? "brouillon modifié" : "—"}</td>
                <td>{formatDate(c.updated_at)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
