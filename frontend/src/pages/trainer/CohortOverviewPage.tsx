// Staff home: the trainees of the cohorts the trainer leads (the organisation's for an
// admin), evidence per competence in a table shaded by volume, criteria acquired and in
// progress as a chart, last activity, and a link to each trainee's portfolio.
import { useState, type ReactNode } from "react";
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { competenceQueries } from "../../api/queries/competences";
import { userQueries } from "../../api/queries/users";
import { useAuth } from "../../auth/AuthContext";
import { describeError } from "../../api/problem";
import { Busy, EmptyState, ErrorBanner, Field, PageFrame, Pager, formatDate } from "../../components/ui";
import { legendText } from "./PortfolioParts";
import {
  INACTIVE_AFTER_DAYS,
  criteriaByLevel,
  daysSince,
  evidenceByCompetence,
  heatLevel,
  isInactive,
  lastActivity,
  sortOverview,
  type OverviewSort,
  type OverviewSortKey,
} from "./overview";
import "./trainer.css";

const LIMIT = 25;

export function CohortOverviewPage() {
  const { me } = useAuth();
  const [cohort, setCohort] = useState("");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<OverviewSort>({ key: "name", descending: false });
  const cohorts = useQuery({
    ...userQueries.cohorts(),
  });
  const catalogue = useQuery({
    ...userQueries.competences(),
    staleTime: Infinity,
  });
  const query = {
    role: "trainee" as const,
    cohort_id: cohort ? Number(cohort) : undefined,
    q: q.trim() || undefined,
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
  const cohortName = (id: number | null | undefined) => cohorts.data?.items.find((c) => c.id === id)?.name;

  const rows = sortOverview(
    trainees.map((t, i) => ({ trainee: t, portfolio: portfolios[i], name: t.full_name, data: portfolios[i]?.data })),
    sort,
  );
  const now = new Date();
  const header = (key: OverviewSortKey, children: ReactNode, className?: string) => (
    <SortHeader key={key} sortKey={key} sort={sort} onSort={setSort} className={className}>
      {children}
    </SortHeader>
  );
  const loaded = rows.filter((r) => r.portfolio?.data);
  const max = Math.max(0, ...loaded.flatMap((r) => Object.values(evidenceByCompetence(r.portfolio.data!))));
  const chart = loaded.map((r) => {
    const levels = criteriaByLevel(r.portfolio.data!);
    return {
      name: r.trainee.full_name,
      Acquis: levels.acquired,
      "En cours d'acquisition": levels.in_progress,
      "Non évalués": levels.not_assessed,
    };
  });
  const loadingPortfolios = portfolios.some((p) => p.isPending);
  const filtered = Boolean(cohort || q.trim());
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
      <form className="filters" role="search" aria-label="Filtrer les stagiaires" onSubmit={(e) => e.preventDefault()}>
        <Field label="Promotion">
          {(p) => (
            <select
              {...p}
              value={cohort}
              onChange={(e) => {
                setCohort(e.target.value);
                setOffset(0);
              }}
            >
              <option value="">Toutes</option>
              {(cohorts.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Rechercher un stagiaire">
          {(p) => (
            <input
              {...p}
              type="search"
              value={q}
              placeholder="nom ou e-mail"
              onChange={(e) => {
                setQ(e.target.value);
                setOffset(0);
              }}
            />
          )}
        </Field>
      </form>
      <ErrorBanner error={users.error ?? cohorts.error ?? catalogue.error} />
      {(users.isPending || catalogue.isPending) && <Busy label="Chargement de la promotion…" />}
      {users.data && trainees.length === 0 && (
        <EmptyState title={filtered ? "Aucun stagiaire ne répond à ces critères." : "Aucun stagiaire à suivre."}>
          {filtered
            ? "Changez de promotion ou effacez la recherche."
            : noCohort
              ? "Vous n'animez encore aucune promotion : demandez à l'administration du centre de vous y rattacher."
              : "L'administration du centre inscrit les stagiaires dans une promotion ; ils apparaîtront ici."}
        </EmptyState>
      )}
      {users.data && trainees.length > 0 && codes.length > 0 && (
        <>
          <section className="card" aria-labelledby="overview-table">
            <h2 id="overview-table">Preuves par compétence</h2>
            <p className="muted">
              Nombre de preuves enregistrées par stagiaire et par compétence ; plus la case est foncée, plus il y en a.
              Un en-tête de colonne trie le tableau (le nom sur toute la promotion, les autres colonnes sur la page
              affichée) ; « inactif » signale un stagiaire sans preuve depuis plus de {INACTIVE_AFTER_DAYS} jours.
              {loadingPortfolios && " Chargement des portfolios…"}
            </p>
            <div
              className="scroll-x"
              tabIndex={0}
              role="region"
              aria-label="Tableau des preuves par stagiaire et par compétence"
            >
              <table className="table compact trainer-overview">
                <caption className="sr-only">
                  Preuves par stagiaire et par compétence, critères acquis et dernière activité
                </caption>
                <thead>
                  <tr>
                    {header("name", "Stagiaire")}
                    {codes.map((c) => header(`competence:${c.code}`, <abbr title={c.title}>{c.code}</abbr>, "num"))}
                    {header("total", "Total", "num")}
                    {header("acquired", "Critères acquis", "num")}
                    {header("last", "Dernière activité")}
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ trainee, portfolio }) => {
                    const data = portfolio?.data;
                    const counts = data ? evidenceByCompetence(data) : {};
                    return (
                      <tr key={trainee.id}>
                        <th scope="row">
                          <Link to={`/formation/stagiaires/${trainee.id}`}>{trainee.full_name}</Link>
                          {!cohort && (cohorts.data?.items.length ?? 0) > 1 && (
                            <>
                              <br />
                              <small className="muted">{cohortName(trainee.cohort_id) ?? "sans promotion"}</small>
                            </>
                          )}
                        </th>
                        {portfolio?.error ? (
                          <td colSpan={codes.length + 3} className="field-error">
                            {describeError(portfolio.error)}
                          </td>
                        ) : !data ? (
                          <td colSpan={codes.length + 3} className="muted">
                            Chargement…
                          </td>
                        ) : (
                          <>
                            {codes.map((c) => (
                              <td key={c.code} className={`num heat-${heatLevel(counts[c.code], max)}`}>
                                {counts[c.code] ?? 0}
                              </td>
                            ))}
                            <td className="num">
                              <strong>{data.evidence_total}</strong>
                            </td>
                            <td className="num">
                              {data.criteria_acquired} / {data.criteria_total}
                            </td>
                            <td>
                              {formatDate(lastActivity(data)) === "—" ? "aucune" : formatDate(lastActivity(data))}
                              {isInactive(lastActivity(data), now) && (
                                <span
                                  className="inactive"
                                  title={`Aucune preuve depuis plus de ${INACTIVE_AFTER_DAYS} jours`}
                                >
                                  {inactiveLabel(daysSince(lastActivity(data), now))}
                                </span>
                              )}
                            </td>
                          </>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pager offset={offset} limit={LIMIT} total={users.data.total} onOffset={setOffset} />
          </section>
          {chart.length > 0 && (
            <section className="card" aria-labelledby="overview-chart">
              <h2 id="overview-chart">Avancement des critères</h2>
              <figure className="chart">
                <figcaption className="trainer-caption">
                  Critères acquis, en cours d'acquisition et non évalués par stagiaire (les chiffres sont dans le
                  tableau et le portfolio de chacun)
                </figcaption>
                <ResponsiveContainer width="100%" height={Math.max(200, 36 * chart.length + 70)}>
                  <BarChart data={chart} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="name" width={150} />
                    <Tooltip />
                    <Legend formatter={legendText} />
                    <Bar dataKey="Acquis" stackId="criteria" fill="#1f7a4d" isAnimationActive={false} />
                    <Bar dataKey="En cours d'acquisition" stackId="criteria" fill="#b35c00" isAnimationActive={false} />
                    <Bar dataKey="Non évalués" stackId="criteria" fill="#8c96a0" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
            </section>
          )}
        </>
      )}
    </PageFrame>
  );
}

function inactiveLabel(days: number | null): string {
  return days === null ? "inactif : aucune activité" : `inactif depuis ${days} j`;
}

/** A sortable column header: a button in the header cell, whose aria-sort says the order. */
function SortHeader(props: {
  sortKey: OverviewSortKey;
  sort: OverviewSort;
  onSort: (sort: OverviewSort) => void;
  className?: string;
  children: ReactNode;
}) {
  const active = props.sort.key === props.sortKey;
  const ariaSort = active ? (props.sort.descending ? "descending" : "ascending") : "none";
  // Figures read best from the largest; names and dates from A / the oldest.
  const firstDescending = props.sortKey !== "name";
  const next = active ? !props.sort.descending : firstDescending;
  return (
    <th scope="col" className={props.className} aria-sort={ariaSort}>
      <button
        type="button"
        className="sort-button"
        onClick={() => props.onSort({ key: props.sortKey, descending: next })}
      >
        {props.children}
        <span aria-hidden="true">{active ? (props.sort.descending ? " ▼" : " ▲") : ""}</span>
      </button>
    </th>
  );
}
