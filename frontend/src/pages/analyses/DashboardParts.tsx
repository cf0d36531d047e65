// The parts of the cohort dashboard: the trainees side by side (who is behind marked, in
// words), the figures' distributions, who needs help and why, and the notes waiting.
import { Link } from "react-router-dom";
import { DataTable } from "../../components/DataTable";
import { EmptyState, formatDate } from "../../components/ui";
import { PLAN_STATUSES } from "../../labels/plans";
import type { Dashboard } from "./figures";
import { figure, pct, period, withUnit } from "./format";

export function TraineesTable({ data }: { data: Dashboard }) {
  const behind = new Set(data.behind.map((b) => b.trainee_id));
  return (
    <section className="card" aria-labelledby="dashboard-trainees">
      <h2 id="dashboard-trainees">Stagiaires</h2>
      <DataTable
        caption="Indicateurs principaux et atteinte des objectifs par stagiaire"
        wrapperClassName="scroll-x contained"
        region="Tableau des stagiaires"
        className="table dashboard-table"
        headers={[
          "Stagiaire",
          ...data.metrics.map((m) => ({ label: m.label, className: "num" })),
          { label: "Atteinte des objectifs", className: "num" },
          "Plan",
          "Dernière analyse",
        ]}
      >
        {data.trainees.map((t) => (
          <tr key={t.trainee_id} className={behind.has(t.trainee_id) ? "row-behind" : undefined}>
            <th scope="row">
              <Link to={`/formation/stagiaires/${t.trainee_id}`}>{t.full_name}</Link>
              {behind.has(t.trainee_id) && (
                <>
                  {" "}
                  <span className="status status-error">à aider</span>
                </>
              )}
            </th>
            {data.metrics.map((m) => (
              <td key={m.code} className="num">
                {m.unit === "%" ? pct(t.values[m.code]) : withUnit(t.values[m.code], m.unit)}
              </td>
            ))}
            <td className="num">
              {t.attainment === null ? "—" : `${pct(t.attainment)} (${t.objectives_on_track}/${t.objectives_measured})`}
            </td>
            <td>
              {t.plan ? (
                <>
                  <Link to={`/plans/${t.plan.id}`}>{t.plan.title}</Link>{" "}
                  <small>({PLAN_STATUSES[t.plan.status as keyof typeof PLAN_STATUSES] ?? t.plan.status})</small>
                </>
              ) : (
                "aucun"
              )}
            </td>
            <td>
              {t.latest_analysis_id ? (
                <Link to={`/analyses/${t.latest_analysis_id}`}>
                  Ouvrir<span className="sr-only"> la dernière analyse de {t.full_name}</span>
                </Link>
              ) : (
                "aucune"
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

export function DistributionsCard({ data }: { data: Dashboard }) {
  const rows = [
    ...data.metrics.map((m) => ({ code: m.code, label: m.label, unit: m.unit })),
    { code: "attainment", label: "Atteinte des objectifs", unit: "%" },
  ];
  return (
    <section className="card" aria-labelledby="dashboard-distributions">
      <h2 id="dashboard-distributions">Répartition dans la promotion</h2>
      <DataTable
        caption="Minimum, quartiles, médiane et maximum de chaque indicateur"
        headers={[
          "Indicateur",
          ...["Minimum", "1er quartile", "Médiane", "3e quartile", "Maximum"].map((label) => ({
            label,
            className: "num",
          })),
          { label: "Stagiaires mesurés", className: "num" },
        ]}
      >
        {rows.map((r) => {
          const d = data.distributions[r.code] ?? { count: 0 };
          const cell = (v: typeof d.min) => (r.unit === "%" ? pct(v) : figure(v, 1));
          return (
            <tr key={r.code}>
              <th scope="row">{r.label}</th>
              <td className="num">{cell(d.min)}</td>
              <td className="num">{cell(d.q1)}</td>
              <td className="num">{cell(d.median)}</td>
              <td className="num">{cell(d.q3)}</td>
              <td className="num">{cell(d.max)}</td>
              <td className="num">{d.count}</td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}

export function BehindCard({ data }: { data: Dashboard }) {
  const latest = new Map(data.trainees.map((t) => [t.trainee_id, t.latest_analysis_id]));
  return (
    <section className="card" aria-labelledby="dashboard-behind">
      <h2 id="dashboard-behind">Qui a besoin d'aide</h2>
      {data.behind.length === 0 ? (
        <EmptyState title="Personne n'est en retard sur la période." />
      ) : (
        <ul className="behind-list">
          {data.behind.map((b) => (
            <li key={b.trainee_id}>
              <strong>{b.full_name}</strong> : {b.reasons.join(" ; ")}.{" "}
              {latest.get(b.trainee_id) ? (
                <Link to={`/analyses/${latest.get(b.trainee_id)}`}>Sa dernière analyse</Link>
              ) : (
                <Link to={`/formation/stagiaires/${b.trainee_id}`}>Son portfolio</Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function QueueCard({ data }: { data: Dashboard }) {
  return (
    <section className="card" aria-labelledby="dashboard-queue">
      <h2 id="dashboard-queue">Notes à lire</h2>
      {data.queue.length === 0 ? (
        <EmptyState title="Aucune note à lire" />
      ) : (
        <ul>
          {data.queue.map((q) => (
            <li key={`${q.note_id}-${q.number}`}>
              <Link to={`/notes/${q.note_id}?version=${q.number}`}>{q.title}</Link> — {q.trainee_name}, version{" "}
              {q.number} soumise le {formatDate(q.submitted_at)} ({period(q.starts_on, q.ends_on)})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
