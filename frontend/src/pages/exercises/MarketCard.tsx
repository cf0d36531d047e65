// The tuning of the simulated market: a form built from the parameters' JSON Schema (groups:
// population, people, calls, e-mails, appointments, quotes, customers, factors; each number
// with its bounds and French description), saved with the exercise's version. Once a trainee
// started, or once the exercise is closed, the market no longer changes: the form says why
// and is disabled (the server would answer 409 exercise-started).
import { useQuery } from "@tanstack/react-query";
import { fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { exerciseQueries } from "../../api/queries/exercises";
import type { ExerciseOut, ExerciseUpdate } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { Field, Notice } from "../../components/ui";
import { boundsHint, defaultsOf, flatten, marketNodes, unflatten, type MarketNode } from "./marketSchema";
import { useExerciseEdit } from "./useExerciseEdit";

export function MarketCard({ exercise, started }: { exercise: ExerciseOut; started: boolean }) {
  const schema = useQuery(exerciseQueries.marketSchema());
  return (
    <section className="card" aria-labelledby="exercise-market">
      <h2 id="exercise-market">Marché simulé</h2>
      <p className="hint">
        Les taux de base du modèle de réponse ; les attributs de chaque personne et ce que fait le stagiaire (heure,
        script, ciblage…) les multiplient. Une valeur laissée vide reprend celle par défaut. Graine du marché :{" "}
        {exercise.seed} (chaque stagiaire a un marché comparable, pas identique).
      </p>
      {(exercise.imported_people ?? 0) > 0 && (
        <p>
          Marché importé : {exercise.imported_people} personnes venues du document JSON (leur identité et leurs
          attributs), les mêmes pour chaque stagiaire ; le nombre de personnes simulées ci-dessous ne s'applique pas,
          les taux oui.
        </p>
      )}
      {exercise.status === "closed" ? (
        <Notice>Cet exercice est clos : son marché ne change plus.</Notice>
      ) : (
        started && (
          <Notice>
            Des stagiaires ont démarré cet exercice : son marché ne change plus. Pour un autre réglage, exportez-le
            (JSON) et importez-le comme nouvel exercice.
          </Notice>
        )
      )}
      <QueryState query={schema} busyLabel="Chargement des paramètres du marché…">
        {(data) => (
          <MarketForm exercise={exercise} nodes={marketNodes(data)} locked={started || exercise.status === "closed"} />
        )}
      </QueryState>
    </section>
  );
}

function MarketForm({ exercise, nodes, locked }: { exercise: ExerciseOut; nodes: MarketNode[]; locked: boolean }) {
  const valuesOf = (e: ExerciseOut) => flatten(e.market, nodes);
  const changesOf = (values: Record<string, string>) => ({ market: unflatten(values) as ExerciseUpdate["market"] });
  const { values, setValues, set, submitWith, save, dirty, reload } = useExerciseEdit(exercise, valuesOf, changesOf);
  const errors = fieldErrorsOf(save.error);
  const errorOf = (path: string) => errors[`market.${path}`];
  const hasError = (node: MarketNode): boolean =>
    node.kind === "group" ? node.children.some(hasError) : Boolean(errorOf(node.path));

  const render = (node: MarketNode, depth: number) => {
    if (node.kind === "number") {
      return (
        <Field key={node.path} label={node.label} hint={boundsHint(node)} error={errorOf(node.path)}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={node.minimum}
              max={node.maximum}
              step={node.integer ? 1 : "any"}
              value={values[node.path] ?? ""}
              onChange={(e) => set(node.path, e.target.value)}
            />
          )}
        </Field>
      );
    }
    const fields = <div className="form-grid">{node.children.map((child) => render(child, depth + 1))}</div>;
    if (depth > 0) {
      return (
        <fieldset key={node.path} className="wide market-subgroup">
          <legend>{node.label}</legend>
          {fields}
        </fieldset>
      );
    }
    return (
      <details key={node.path} className="wide market-group" open={hasError(node) || undefined}>
        <summary>{node.label}</summary>
        {fields}
      </details>
    );
  };

  return (
    <form
      className="form-grid"
      aria-label="Paramètres du marché simulé"
      noValidate
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <fieldset className="wide plain-fieldset form-grid" disabled={locked}>
        {nodes.map((node) => render(node, 0))}
        {!locked && (
          <>
            <FormFooter
              error={save.error}
              pending={save.isPending}
              stale="Cet exercice a été modifié entre-temps (dans un autre onglet ou par un autre formateur) : le marché n'a pas été enregistré."
              submitLabel="Enregistrer le marché"
            />
            <p className="wide">
              <button type="button" onClick={() => setValues(defaultsOf(nodes))}>
                Remettre les valeurs par défaut
              </button>{" "}
              {isStaleVersion(save.error) && (
                <button type="button" onClick={reload}>
                  Repartir de la version actuelle
                </button>
              )}
            </p>
          </>
        )}
      </fieldset>
      <div aria-live="polite" className="wide">
        {save.isSuccess && !dirty && (
          <p role="status" className="alert alert-info">
            Marché enregistré.
          </p>
        )}
      </div>
    </form>
  );
}
