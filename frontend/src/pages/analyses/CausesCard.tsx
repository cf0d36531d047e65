// The causes of the gaps (CP4.2): « Chercher les causes » runs the diagnostic rules (a new
// run updates the figures and keeps the decisions), then each cause found is confirmed or
// rejected with a comment; the trainee may add a cause of their own. Staff and tutors read.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { analysesChanged, analysisQueries } from "../../api/queries/analyses";
import type { AnalysisOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useReadOnly } from "../../components/ReadOnly";
import { DisclosureButton, EmptyState, ErrorBanner, Notice } from "../../components/ui";
import { CauseItem } from "./CauseItem";
import { NewCauseForm } from "./NewCauseForm";

export function CausesCard({ analysis }: { analysis: AnalysisOut }) {
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const causes = useQuery({ ...analysisQueries.causes(analysis.id) });
  const [adding, setAdding] = useState(false);
  const diagnose = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/analyses/{analysis_id}/diagnose", { params: { path: { analysis_id: analysis.id } } })),
    onSuccess: () => analysesChanged.analysis(queryClient, analysis.id),
  });
  return (
    <section className="card" aria-labelledby="analysis-causes">
      <h2 id="analysis-causes">Causes des écarts</h2>
      {!readOnly && (
        <>
          <p className="muted">
            « Chercher les causes » applique les règles de diagnostic aux chiffres et aux fiches de la période ; à vous
            de confirmer ou de rejeter chaque cause trouvée, ou d'ajouter la vôtre.
          </p>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => diagnose.mutate()} disabled={diagnose.isPending}>
              {diagnose.isPending ? "Recherche des causes…" : "Chercher les causes"}
            </button>
            <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} closeLabel="Fermer l'ajout de cause">
              Ajouter une cause
            </DisclosureButton>
          </div>
          {diagnose.data && (
            <Notice>
              {diagnose.data.rules_run} règles appliquées :{" "}
              {diagnose.data.found === 0
                ? "aucune cause trouvée. Ajoutez la vôtre si vous en voyez une."
                : `${diagnose.data.found} cause(s) trouvée(s).`}
            </Notice>
          )}
          <ErrorBanner error={diagnose.error} />
          {adding && <NewCauseForm analysisId={analysis.id} onDone={() => setAdding(false)} />}
        </>
      )}
      <QueryState
        query={causes}
        isEmpty={(rows) => rows.length === 0}
        busyLabel="Chargement des causes…"
        empty={
          <EmptyState
            title={analysis.diagnosed_at ? "Aucune cause retenue." : "Le diagnostic n'a pas encore été lancé."}
          >
            {readOnly ? null : "Lancez « Chercher les causes », ou ajoutez une cause avec « Ajouter une cause »."}
          </EmptyState>
        }
      >
        {(rows) => (
          <div className="causes">
            {rows.map((c) => (
              <CauseItem key={c.id} cause={c} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}
