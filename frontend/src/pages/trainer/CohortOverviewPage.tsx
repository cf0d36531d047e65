// Staff home: the trainees of the cohorts the trainer leads (the organisation's for an
// admin), evidence per competence in a table shaded by volume, criteria acquired and in
// progress as a chart, last activity, and a link to each trainee's portfolio.
import { useState } from "react";
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import type { UserOut } from "../../api/types";
import { competenceQueries } from "../../api/queries/competences";
import { userQueries } from "../../api/queries/users";
import { useAuth } from "../../auth/AuthContext";
import { EmptyState, ErrorBanner, Field, PageFrame } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { sortOverview, type OverviewSort } from "./overview";
import { OverviewChart } from "./OverviewChart";
import { OverviewTable } from "./OverviewTable";
import "./trainer.css";

const LIMIT = 25;

export function CohortOverviewPage() {
  const { me } = useAuth();
  const { filters, filter, offset, setOffset } = useFilters({ cohort: "", q: "" });
  const [sort, setSort] = useState<OverviewSort>({ key: "name", descending: false });
  /** A filter changed: back to the first page. */
  const cohorts = useQuery({
    ...userQueries.cohorts(),
  });
  const catalogue = useQuery({
    ...userQueries.competences(),
    staleTime: Infinity,
  });
  const query = {
    role: "trainee" as const,
    cohort_id: filters.cohort ? Number(filters.cohort) : undefined,
    q: filters.q.trim() || undefined,
    // The name order is the server's (the whole list, page by page); the other columns order
    // the trainees of the page shown.
    sort: sort.key === "name" && sort.descending ? "-full_name" : "full_name",
    limit: LIMIT,
    offset,
  };
  const users = useQuery({
    ...userQueries.list(query),
    placeholderData: keepPreviousData,
  });
  const trainees = users.data?.items ?? [];
  const portfolios = useQueries({
    queries: trainees.map((t) => competenceQueries.portfolio(t.id)),
  });
  const codes = (catalogue.data?.competences ?? []).map((c) => ({ code: c.code, title: c.title }));
  const rows = sortOverview(
    trainees.map((t, i) => ({ trainee: t, name: t.full_name, data: portfolios[i]?.data, error: portfolios[i]?.error })),
    sort,
  );
  // Each trainee's cohort under their name, when the page shows several.
  const cohortOf =
    !filters.cohort && (cohorts.data?.items.length ?? 0) > 1
      ? (t: UserOut) => cohorts.data?.items.find((c) => c.id === t.cohort_id)?.name ?? "sans promotion"
      : undefined;
  const filtered = Boolean(filters.cohort || filters.q.trim());
  const noCohort = me?.role === "trainer" && me.led_cohorts.length === 0;

  return (
    <PageFrame
      title="Suivi de la promotion"
      operations={["list_users", "list_cohorts", "read_catalogue", "trainee_portfolio"]}
    >
      <p className="muted">
        {me?.role === "admin"
          ? "Les stagiaires de l'organisme, toutes promotions confondues."
          : me?.led_cohorts.length
            ? `Vos promotions : ${me.led_cohorts.map((c) => c.name).join(", ")}.`
            : ""}
      </p>
      <p>
        <Link to={`/plans/promotion${filters.cohort ? `?cohorte=${filters.cohort}` : ""}`}>
          Progression des plans d'actions de la promotion
        </Link>
      </p>
      <form className="filters" role="search" aria-label="Filtrer les stagiaires" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label="Promotion"
          all="Toutes"
          value={filters.cohort}
          onChange={(v) => filter("cohort", v)}
          items={cohorts.data?.items ?? []}
        />
        <Field label="Rechercher un stagiaire">
          {(p) => (
            <input
              {...p}
              type="search"
              value={filters.q}
              placeholder="nom ou e-mail"
              onChange={(e) => filter("q", e.target.value)}
            />
          )}
        </Field>
      </form>
      <ErrorBanner error={cohorts.error ?? catalogue.error} />
      {/* The table needs the catalogue's competences too: busy until both are read. */}
      <QueryState
        query={{ data: users.data, error: users.error, isPending: users.isPending || catalogue.isPending }}
        busyLabel="Chargement de la promotion…"
        empty={
          <EmptyState title={filtered ? "Aucun stagiaire ne répond à ces critères." : "Aucun stagiaire à suivre."}>
            {filtered
              ? "Changez de promotion ou effacez la recherche."
              : noCohort
                ? "Vous n'animez encore aucune promotion : demandez à l'administration du centre de vous y rattacher."
                : "L'administration du centre inscrit les stagiaires dans une promotion ; ils apparaîtront ici."}
          </EmptyState>
        }
      >
        {(data) =>
          codes.length > 0 && (
            <>
              <OverviewTable
                rows={rows}
                codes={codes}
                sort={sort}
                onSort={setSort}
                cohortOf={cohortOf}
                loading={portfolios.some((p) => p.isPending)}
                pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
              />
              <OverviewChart rows={rows} />
            </>
          )
        }
      </QueryState>
    </PageFrame>
  );
}
