// The corrective actions (CP4.4): for each confirmed cause, the actions its rule proposes (to
// adopt, then adjust), and every action of the analysis with its feasibility check and its
// acceptance into the next plan (a planned action and a task in the agenda).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { analysisQueries } from "../../api/queries/analyses";
import { planQueries } from "../../api/queries/plans";
import type { AnalysisOut, CauseOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useReadOnly } from "../../components/ReadOnly";
import { DisclosureButton, EmptyState } from "../../components/ui";
import { CorrectiveItem } from "./CorrectiveItem";
import { ProposalsList } from "./ProposalsList";

export function CorrectiveCard({ analysis }: { analysis: AnalysisOut }) {
  const readOnly = useReadOnly();
  const actions = useQuery({ ...analysisQueries.actions(analysis.id) });
  const causes = useQuery({ ...analysisQueries.causes(analysis.id) });
  // The next plan: a draft or returned plan of the trainee ending after the analysed period.
  const plans = useQuery({ ...planQueries.list({ sort: "starts_on", limit: 200 }), enabled: !readOnly });
  const nextPlans = (plans.data?.items ?? []).filter(
    (p) => (p.status === "draft" || p.status === "returned") && p.ends_on > analysis.ends_on,
  );
  const confirmed = (causes.data ?? []).filter((c) => c.status === "confirmed");
  const causeTitles = new Map((causes.data ?? []).map((c) => [c.id, c.title]));
  return (
    <section className="card" aria-labelledby="analysis-actions">
      <h2 id="analysis-actions">Actions correctives</h2>
      {!readOnly && (
        <>
          <p className="muted">
            Chaque cause confirmée appelle son action : adoptez une proposition, ajustez-la, vérifiez qu'elle tient dans
            votre agenda, votre budget et la politique commerciale, puis acceptez-la dans le plan suivant.
          </p>
          {confirmed.length === 0 ? (
            <p>Confirmez ou ajoutez d'abord une cause : ses actions vous seront proposées.</p>
          ) : (
            <ul className="plain proposals-by-cause">
              {confirmed.map((c) => (
                <CauseProposals key={c.id} cause={c} adopted={(actions.data ?? []).map((a) => a.title)} />
              ))}
            </ul>
          )}
        </>
      )}
      <QueryState
        query={actions}
        isEmpty={(rows) => rows.length === 0}
        busyLabel="Chargement des actions…"
        empty={<EmptyState title="Aucune action corrective pour l'instant." />}
      >
        {(rows) => (
          <div className="corrective-actions">
            {rows.map((a) => (
              <CorrectiveItem
                key={a.id}
                action={a}
                causeTitle={a.cause_id ? causeTitles.get(a.cause_id) : undefined}
                nextPlans={nextPlans}
              />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}

function CauseProposals({ cause, adopted }: { cause: CauseOut; adopted: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <DisclosureButton open={open} onToggle={() => setOpen(!open)} closeLabel={`Fermer les propositions`}>
        Proposer des actions pour « {cause.title} »
      </DisclosureButton>
      {open && <ProposalsList cause={cause} adopted={adopted} />}
    </li>
  );
}
