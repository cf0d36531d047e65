// The actions a confirmed cause's rule proposes, filled from its figures: each one adopted
// becomes a corrective action of the analysis (then edited, checked and accepted below); the
// button stays in place once used (« Adoptée »), so the focus never falls to the page.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { analysesChanged, analysisQueries } from "../../api/queries/analyses";
import type { CauseOut, CorrectiveProposal } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner } from "../../components/ui";
import { CORRECTIVE_KINDS } from "../../labels/analyses";
import { day, figure } from "./format";
import { useMetricLabel } from "./metricLabels";

/** `adopted`: the titles of the analysis's actions (a proposal already adopted says so). */
export function ProposalsList({ cause, adopted: titles }: { cause: CauseOut; adopted: string[] }) {
  const queryClient = useQueryClient();
  const metricLabel = useMetricLabel();
  const proposals = useQuery({ ...analysisQueries.proposals(cause.analysis_id, cause.id) });
  const [adopted, setAdopted] = useState<number[]>([]);
  const adopt = useMutation({
    mutationFn: ({ p }: { p: CorrectiveProposal; index: number }) =>
      unwrap(
        api.POST("/api/v1/analyses/{analysis_id}/actions", {
          params: { path: { analysis_id: cause.analysis_id } },
          body: {
            cause_id: p.cause_id,
            kind: p.kind,
            title: p.title,
            description: p.description,
            deadline: p.deadline,
            indicator: p.indicator,
            expected_value: p.expected_value,
            expected_effect: p.expected_effect,
            hours: p.hours,
            budget: p.budget,
            segment_code: p.segment_code,
          },
        }),
      ),
    onSuccess: async (_, { index }) => {
      setAdopted((a) => [...a, index]);
      await analysesChanged.analysis(queryClient, cause.analysis_id);
    },
  });
  return (
    <div className="proposals">
      <QueryState
        query={proposals}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState title="Aucune action proposée pour cette cause." />}
        busyLabel="Chargement des propositions…"
      >
        {(rows) => (
          <ul className="plain">
            {rows.map((p, index) => {
              const done = adopted.includes(index) || titles.includes(p.title);
              return (
                <li key={index} className="proposal">
                  <strong>{p.title}</strong> <span className="muted">({CORRECTIVE_KINDS[p.kind]})</span>
                  <br />
                  Échéance {day(p.deadline)} · indicateur {metricLabel(p.indicator)}
                  {p.expected_value !== null && `, attendu ${figure(p.expected_value)}`} · {figure(p.hours)} h ·{" "}
                  {figure(p.budget)} €{p.expected_effect && <> · {p.expected_effect}</>}
                  <br />
                  <button
                    type="button"
                    aria-disabled={done || undefined}
                    onClick={() => !done && !adopt.isPending && adopt.mutate({ p, index })}
                  >
                    {done ? "Adoptée" : `Adopter « ${p.title} »`}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
      <ErrorBanner error={adopt.error} />
    </div>
  );
}
