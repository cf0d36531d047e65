// The relaunch plans (CP8.4, CP8.5): each plan's steps and figures (customers enrolled,
// still in it, messages recorded and refused); a new plan from « Nouveau plan ».
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, EmptyState, PageFrame, formatDate } from "../../components/ui";
import { CHANNELS } from "../../labels/loyalty";
import { LoyaltyNav } from "./LoyaltyNav";
import { PlanForm } from "./PlanForm";
import { loyaltyQueries } from "./queries";
import { scopeSearch, useScope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

const LIMIT = 20;

export function PlansPage() {
  const scope = useScope();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...loyaltyQueries.plans({ owner_id: scope.traineeId, sort: "-created_at", limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Plans de relance"
      operations={scope.staff ? [] : ["create_relaunch_plan", "enrol_customers", "advance_plan"]}
      actions={
        !scope.staff && (
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouveau plan
          </DisclosureButton>
        )
      }
    >
      <LoyaltyNav />
      {adding && (
        <PlanForm onSaved={(plan) => navigate(`/fidelisation/relances/${plan.id}`)} onCancel={() => setAdding(false)} />
      )}
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucun plan de relance.">
            Un plan enchaîne des étapes (e-mail, appel, courrier…) pour reconquérir un client : « Nouveau plan ».
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Plans de relance"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={[
              "Plan",
              "Étapes",
              { label: "Clients inscrits", className: "num" },
              { label: "En cours", className: "num" },
              { label: "Messages enregistrés", className: "num" },
              { label: "Messages refusés", className: "num" },
              "Créé le",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/fidelisation/relances/${p.id}${scopeSearch(scope)}`}>{p.name}</Link>
                </th>
                <td>{p.steps.map((s) => CHANNELS[s.channel]).join(" → ")}</td>
                <td className="num">{p.enrolments}</td>
                <td className="num">{p.active}</td>
                <td className="num">{p.recorded}</td>
                <td className="num">{p.refused}</td>
                <td className="nowrap">{formatDate(p.created_at)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
