// The trainee's commercial action plans (CP2): each one's period, business case, status and
// revision, and a new plan.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { planQueries } from "../../api/queries/plans";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, EmptyState, PageFrame, formatDate } from "../../components/ui";
import { PERIOD_KINDS } from "../../labels/plans";
import { NewPlanForm } from "./NewPlanForm";
import { periodText } from "./periods";
import { StatusBadge } from "./StatusBadge";
import "./plans.css";

const LIMIT = 20;

export function PlansPage() {
  const navigate = useNavigate();
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const plans = useQuery({
    ...planQueries.list({ sort: "-starts_on", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Plans d'actions commerciales"
      operations={["list_plans", "create_plan"]}
      actions={
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
          Nouveau plan
        </DisclosureButton>
      }
    >
      <p className="muted">
        Fixez vos objectifs pour une période, décomposez-les, planifiez les actions qui les servent, puis soumettez le
        plan à votre formateur. <Link to="/entreprise">Votre entreprise</Link> donne les segments, le catalogue et la
        politique commerciale.
      </p>
      {adding && (
        <NewPlanForm
          onDone={(saved) => {
            setAdding(false);
            if (saved) navigate(`/plans/${saved.id}`);
          }}
        />
      )}
      <QueryState
        query={plans}
        empty={
          <EmptyState title="Aucun plan d'actions.">
            Créez votre premier plan avec « Nouveau plan » : un titre et une période (mois, trimestre ou année).
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Mes plans d'actions"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            region="Liste de mes plans"
            headers={[
              "Plan",
              "Période",
              "Cas d'entreprise",
              "Statut",
              { label: "Révision", className: "num" },
              "Mis à jour",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/plans/${p.id}`}>{p.title}</Link>
                </th>
                <td>{periodText(p.period_kind, p.starts_on, p.ends_on, PERIOD_KINDS)}</td>
                <td>{p.business_case_name ? `${p.business_case_name} (v${p.business_case_version})` : "—"}</td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td className="num">{p.revision}</td>
                <td>{formatDate(p.updated_at)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
