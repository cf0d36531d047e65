// The results per trainee (GET …/results): each objective's value against its target and its
// attainment, the evidence recorded during the run, the synthesis note when one is expected;
// then the registry's figures over the run's period and what the market answered. Live while
// a run is open, frozen once it is handed in or closed. « Télécharger CSV » gives the same
// figures as a spreadsheet (`;`-separated).
import { useMutation, useQuery } from "@tanstack/react-query";
import { downloadFile } from "../../api/download";
import { exerciseQueries } from "../../api/queries/exercises";
import { planQueries } from "../../api/queries/plans";
import type { ExerciseOut, MetricOut, RunResult } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner } from "../../components/ui";
import { MARKET_EVENT_KINDS, MARKET_OUTCOMES, NOTE_STATUSES, RUN_STATUSES, labelOf } from "../../labels/exercises";
import { attainment, metricValue, shortDay } from "./format";

export function ResultsCard({ exercise }: { exercise: ExerciseOut }) {
  const results = useQuery(exerciseQueries.results(exercise.id));
  const metrics = useQuery(planQueries.metrics());
  const byCode = new Map((metrics.data ?? []).map((m) => [m.code, m]));
  const csv = useMutation({
    mutationFn: () =>
      downloadFile(`/api/v1/exercises/${exercise.id}/results?format=csv`, `exercice-${exercise.id}-resultats.csv`),
  });
  return (
    <section className="card" aria-labelledby="exercise-results">
      <h2 id="exercise-results">Résultats</h2>
      <div className="card-actions">
        <button type="button" disabled={csv.isPending} onClick={() => csv.mutate()}>
          Télécharger CSV
        </button>
      </div>
      <div aria-live="polite">
        {csv.isSuccess && !csv.isPending && (
          <p role="status" className="alert alert-info">
            Fichier téléchargé : {csv.data}.
          </p>
        )}
      </div>
      <ErrorBanner error={csv.error} />
      <p className="hint">
        Les indicateurs du registre sur la période simulée de chaque parcours : en direct tant qu'il est en cours, figés
        quand il est rendu ou clos. L'atteinte est la valeur rapportée à la cible (100 % : objectif atteint).
      </p>
      <QueryState
        query={results}
        busyLabel="Calcul des résultats…"
        isEmpty={(data) => data.runs.length === 0}
        empty={<EmptyState title="Aucun résultat : l'exercice n'est encore assigné à personne." />}
      >
        {(data) => (
          <>
            <ObjectivesTable runs={data.runs} requiresNote={exercise.requires_note} metrics={byCode} />
            <FiguresTable runs={data.runs} metrics={byCode} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function ObjectivesTable(props: { runs: RunResult[]; requiresNote: boolean; metrics: Map<string, MetricOut> }) {
  const { runs, requiresNote, metrics } = props;
  const objectives = runs[0]?.objectives ?? [];
  return (
    <>
      <h3>Objectifs par stagiaire</h3>
      <DataTable
        caption="Atteinte des objectifs par stagiaire"
        region="Atteinte des objectifs par stagiaire"
        headers={[
          "Stagiaire",
          "Statut",
          "Jour simulé",
          ...objectives.map((o) => ({ label: o.label || o.metric, className: "num" })),
          { label: "Preuves", className: "num" },
          requiresNote && "Note de synthèse",
        ]}
      >
        {runs.map((r) => {
          const evidence = Object.values(r.evidence ?? {}).reduce((n, v) => n + v, 0);
          return (
            <tr key={r.run_id}>
              <th scope="row">{r.trainee_name}</th>
              <td>{RUN_STATUSES[r.status]}</td>
              <td>{shortDay(r.today)}</td>
              {r.objectives.map((o) => (
                <td key={o.metric} className="num">
                  <strong>{attainment(o.attainment)}</strong>
                  <br />
                  <small className="muted">
                    {metricValue(o.value, metrics.get(o.metric))} sur {metricValue(o.target, metrics.get(o.metric))}
                  </small>
                </td>
              ))}
              <td
                className="num"
                title={Object.entries(r.evidence ?? {})
                  .map(([c, n]) => `${c} : ${n}`)
                  .join(", ")}
              >
                {evidence}
              </td>
              {requiresNote && <td>{r.note ? labelOf(NOTE_STATUSES, String(r.note.status)) : "Pas encore rédigée"}</td>}
            </tr>
          );
        })}
      </DataTable>
      <p className="hint">
        Preuves : les traces enregistrées pendant le parcours, comptées par compétence et par critère (le détail au
        survol et dans le fichier CSV).
      </p>
    </>
  );
}

function FiguresTable({ runs, metrics }: { runs: RunResult[]; metrics: Map<string, MetricOut> }) {
  const codes = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
  return (
    <>
      <h3>Indicateurs et réponses du marché</h3>
      <DataTable
        caption="Indicateurs du registre et réponses du marché par stagiaire"
        region="Indicateurs et réponses du marché par stagiaire"
        headers={[
          "Stagiaire",
          ...codes.map((c) => ({ label: metrics.get(c)?.label ?? c, className: "num" })),
          "Réponses du marché",
        ]}
      >
        {runs.map((r) => (
          <tr key={r.run_id}>
            <th scope="row">{r.trainee_name}</th>
            {codes.map((c) => (
              <td key={c} className="num">
                {metricValue(r.metrics[c], metrics.get(c))}
              </td>
            ))}
            <td>
              {Object.keys(r.market ?? {}).length === 0 ? (
                "—"
              ) : (
                <ul className="plain market-counts">
                  {Object.entries(r.market ?? {}).map(([key, n]) => {
                    const [kind, outcome] = key.split(":");
                    return (
                      <li key={key}>
                        {labelOf(MARKET_EVENT_KINDS, kind)} · {labelOf(MARKET_OUTCOMES, outcome).toLowerCase()} : {n}
                      </li>
                    );
                  })}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
