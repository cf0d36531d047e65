// The co-purchase rules (CP8.2): « Calculer les règles » starts a job over the business
// case's purchase baskets, whose progress is polled and drawn (a progress bar and its step in
// words) until it is done or failed; then the rules, best lift first, each with its support,
// confidence, lift and French explanation.
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ApiError, fieldErrorsOf } from "../../api/problem";
import type { RunOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { EmptyState, ErrorBanner, Field, SaveError, formatDate } from "../../components/ui";
import { JOB_STATUSES, lift, ratio } from "../../labels/loyalty";
import { decimal } from "./logic";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import type { Scope } from "./scope";

const POLL_MS = 800;
const finished = (run: Pick<RunOut, "status"> | null | undefined) =>
  run !== null && run !== undefined && (run.status === "done" || run.status === "failed");

export function RecommendationsCard({ scope }: { scope: Scope }) {
  const queryClient = useQueryClient();
  const rules = useQuery(loyaltyQueries.rules({ limit: 50, trainee_id: scope.traineeId }));
  const [started, setStarted] = useState<number | null>(null);
  const latest = rules.data?.run ?? null;
  // The run to follow: the one started here, or the last one still running (page reloaded).
  const runId = started ?? (latest && !finished(latest) ? latest.id : null);
  const run = useQuery({
    ...loyaltyQueries.run(runId ?? 0),
    enabled: runId !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : POLL_MS),
  });
  const current = runId !== null ? (run.data ?? null) : latest;
  const done = finished(run.data);
  useEffect(() => {
    if (done) void loyaltyChanged.rules(queryClient);
  }, [done, queryClient]);
  const { values, set, submitWith } = useForm({ min_support: "0,01", min_confidence: "0,2" });
  const start = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/loyalty/recommendations/runs", {
          body: { min_support: decimal(v.min_support), min_confidence: decimal(v.min_confidence) },
        }),
      ),
    onSuccess: (r) => setStarted(r.id),
    onError: (error) => {
      // A run already under way: follow it.
      if (error instanceof ApiError && typeof error.problem.run_id === "number") setStarted(error.problem.run_id);
    },
  });
  const errors = fieldErrorsOf(start.error);
  const running = current !== null && !finished(current);
  // A run already under way (409 naming it) is followed, not reported as a failure.
  const following = start.error instanceof ApiError && typeof start.error.problem.run_id === "number";
  return (
    <section className="card" aria-labelledby="loyalty-rules">
      <h2 id="loyalty-rules">Recommandations : règles de co-achat</h2>
      <p className="hint">
        Les paniers de tous les clients du cas d'entreprise (agrégés, sans fiche d'un autre stagiaire) donnent des
        règles « qui achète X achète aussi Y ». Le support est la part des clients qui ont acheté l'ensemble, la
        confiance la part des acheteurs de X qui achètent Y, le lift ce que cela vaut au-delà du hasard (au-dessus de 1
        : lien réel).
      </p>
      {!scope.staff && (
        <form
          className="inline-form filters"
          aria-label="Calculer les règles de co-achat"
          noValidate
          onSubmit={submitWith((v) => start.mutate(v))}
        >
          <Field label="Support minimal" hint="De 0,001 à 1 (0,01 = 1 % des clients)." error={errors.min_support}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={values.min_support}
                onChange={(e) => set("min_support", e.target.value)}
              />
            )}
          </Field>
          <Field label="Confiance minimale" hint="De 0,01 à 1 (0,2 = 20 %)." error={errors.min_confidence}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={values.min_confidence}
                onChange={(e) => set("min_confidence", e.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={start.isPending || running}>
              {running ? "Calcul en cours…" : "Calculer les règles"}
            </button>
          </div>
        </form>
      )}
      {!following && <SaveError error={start.error} />}
      <ErrorBanner error={run.error} />
      {current && <RunProgress run={current} />}
      <QueryState query={rules} busyLabel="Chargement des règles…">
        {(data) =>
          data.rules.length === 0 ? (
            <EmptyState title="Aucune règle calculée.">
              {data.run ? "Le dernier calcul n'a trouvé aucune règle : baissez le support ou la confiance." : null}
              {!data.run && !scope.staff ? "Lancez le calcul : « Calculer les règles »." : null}
            </EmptyState>
          ) : (
            <RulesTable rules={data.rules} />
          )
        }
      </QueryState>
    </section>
  );
}

export function RunProgress({ run }: { run: RunOut }) {
  const label = `Calcul des règles n° ${run.id}`;
  return (
    <div className="run-status">
      {run.status === "done" || run.status === "failed" ? (
        <p role="status">
          {label} : {JOB_STATUSES[run.status].toLowerCase()}
          {run.finished_at ? ` le ${formatDate(run.finished_at, true)}` : ""}
          {run.status === "done"
            ? ` — ${run.customers} clients, ${run.products} produits, ${run.rules} règle${run.rules > 1 ? "s" : ""}.`
            : ` — ${run.error || run.step}`}
        </p>
      ) : (
        <>
          <p id={`run-${run.id}-label`}>
            {label} : {run.step} ({run.progress} %)
          </p>
          <progress
            className="run-progress"
            max={100}
            value={run.progress}
            aria-labelledby={`run-${run.id}-label`}
            aria-valuetext={`${run.progress} % — ${run.step}`}
          >
            {run.progress} %
          </progress>
        </>
      )}
    </div>
  );
}

export function RulesTable({ rules }: { rules: readonly RuleOutLike[] }) {
  return (
    <DataTable
      caption="Règles de co-achat, le lift le plus élevé d'abord"
      className="table wide-table"
      wrapperClassName="scroll-x contained"
      headers={[
        "Si le client a acheté",
        "Il achète aussi",
        { label: "Support", className: "num" },
        { label: "Confiance", className: "num" },
        { label: "Lift", className: "num" },
        { label: "Clients", className: "num" },
        "Explication",
      ]}
    >
      {rules.map((r, i) => (
        <tr key={i}>
          <th scope="row">{r.antecedents.join(" + ")}</th>
          <td>{r.consequent_label ? `${r.consequent_label} (${r.consequent})` : r.consequent}</td>
          <td className="num">{ratio(r.support)}</td>
          <td className="num">{ratio(r.confidence)}</td>
          <td className="num">{lift(r.lift)}</td>
          <td className="num">{r.customers}</td>
          <td>{r.explanation}</td>
        </tr>
      ))}
    </DataTable>
  );
}

type RuleOutLike = {
  antecedents: string[];
  consequent: string;
  consequent_label?: string;
  support: string;
  confidence: string;
  lift: string;
  customers: number;
  explanation: string;
};
