// The cohort overview's table: per trainee, the evidence per competence (cells shaded by
// volume), the total, the criteria acquired and the last activity with an « inactif » badge;
// every column header sorts the table.
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { Portfolio, UserOut } from "../../api/types";
import { describeError } from "../../api/problem";
import { Pager, formatDate } from "../../components/ui";
import {
  INACTIVE_AFTER_DAYS,
  daysSince,
  evidenceByCompetence,
  heatLevel,
  isInactive,
  lastActivity,
  type OverviewSort,
  type OverviewSortKey,
} from "./overview";

/** A trainee of the page shown, with their portfolio once read (or why it was not). */
export type OverviewRow = { trainee: UserOut; name: string; data: Portfolio | undefined; error: unknown };

export function OverviewTable(props: {
  rows: OverviewRow[];
  codes: { code: string; title: string }[];
  sort: OverviewSort;
  onSort: (sort: OverviewSort) => void;
  /** The trainee's cohort under their name; none when a single cohort is shown. */
  cohortOf?: (trainee: UserOut) => string;
  /** Whether some portfolios are still being read. */
  loading: boolean;
  pager: { offset: number; limit: number; total: number; onOffset: (offset: number) => void };
}) {
  const { rows, codes, sort } = props;
  const now = new Date();
  const max = Math.max(0, ...rows.flatMap((r) => (r.data ? Object.values(evidenceByCompetence(r.data)) : [])));
  const header = (key: OverviewSortKey, children: ReactNode, className?: string) => (
    <SortHeader key={key} sortKey={key} sort={sort} onSort={props.onSort} className={className}>
      {children}
    </SortHeader>
  );
  return (
    <section className="card" aria-labelledby="overview-table">
      <h2 id="overview-table">Preuves par compétence</h2>
      <p className="muted">
        Nombre de preuves enregistrées par stagiaire et par compétence ; plus la case est foncée, plus il y en a. Un
        en-tête de colonne trie le tableau (le nom sur toute la promotion, les autres colonnes sur la page affichée) ; «
        inactif » signale un stagiaire sans preuve depuis plus de {INACTIVE_AFTER_DAYS} jours.
        {props.loading && " Chargement des portfolios…"}
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
            {rows.map(({ trainee, data, error }) => {
              const counts = data ? evidenceByCompetence(data) : {};
              const last = data ? lastActivity(data) : null;
              return (
                <tr key={trainee.id}>
                  <th scope="row">
                    <Link to={`/formation/stagiaires/${trainee.id}`}>{trainee.full_name}</Link>
                    {props.cohortOf && (
                      <>
                        <br />
                        <small className="muted">{props.cohortOf(trainee)}</small>
                      </>
                    )}
                  </th>
                  {error ? (
                    <td colSpan={codes.length + 3} className="field-error">
                      {describeError(error)}
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
                        {formatDate(last) === "—" ? "aucune" : formatDate(last)}
                        {isInactive(last, now) && (
                          <span
                            className="inactive"
                            title={`Aucune preuve depuis plus de ${INACTIVE_AFTER_DAYS} jours`}
                          >
                            {inactiveLabel(daysSince(last, now))}
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
      <Pager {...props.pager} />
    </section>
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
