// « Plans à valider » (trainers, admins): the plans the trainees they follow have submitted,
// oldest submission first; each opens read-only with its progress and findings, and the
// decision (validate, or return with a comment).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { planQueries } from "../../api/queries/plans";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame, formatDate } from "../../components/ui";
import { PERIOD_KINDS } from "../../labels/plans";
import { periodText } from "./periods";
import "./plans.css";

const LIMIT = 20;

export function PlansToValidatePage() {
  const [offset, setOffset] = useState(0);
  const plans = useQuery({
    ...planQueries.list({ status: "submitted", sort: "updated_at", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame title="Plans à valider" operations={["list_plans"]}>
      <p className="muted">
        Les plans d'actions commerciales que vos stagiaires vous ont soumis. Ouvrez-en un pour lire ses objectifs, ses
        actions, son avancement et sa cohérence, puis validez-le ou renvoyez-le avec un commentaire.{" "}
        <Link to="/plans/promotion">Progression des plans de la promotion</Link>
      </p>
      <QueryState
        query={plans}
        empty={
          <EmptyState title="Aucun plan en attente.">Les plans soumis par vos stagiaires apparaîtront ici.</EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Plans soumis en attente de décision"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            region="Liste des plans à valider"
            headers={["Plan", "Stagiaire", "Période", "Cas d'entreprise", "Soumis le"]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/plans/${p.id}`}>{p.title}</Link>
                  {p.revision > 1 && <small className="muted"> (révision {p.revision})</small>}
                </th>
                <td>{p.owner_name ?? `n° ${p.owner_id}`}</td>
                <td>{periodText(p.period_kind, p.starts_on, p.ends_on, PERIOD_KINDS)}</td>
                <td>{p.business_case_name ? `${p.business_case_name} (v${p.business_case_version})` : "—"}</td>
                <td>{formatDate(p.submitted_at, true)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
