// The inactive accounts (CP8.4): customers whose last order is older than their usual rhythm
// allows (« rythme habituel ») or than the case's threshold (« seuil du cas »), the most
// overdue first; the detection and its relaunch task. « Détecter maintenant » records the
// newly inactive ones and their tasks; « Créer la tâche de relance » does it for one account
// (a 409 says why not: shown as the server words it).
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import type { InactiveOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, Notice, PageFrame, formatDate } from "../../components/ui";
import { INACTIVITY_BASES, days } from "../../labels/loyalty";
import { LoyaltyNav } from "./LoyaltyNav";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import { MissingTrainee } from "./SegmentsPage";
import { scopeSearch, useScope, type Scope } from "./scope";
import "../followup/followup.css";
import "./loyalty.css";

const LIMIT = 20;

export function InactivePage() {
  const scope = useScope();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...loyaltyQueries.inactive({ trainee_id: scope.traineeId, limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
    enabled: !scope.missing,
  });
  const scan = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/loyalty/inactive/scan")),
    onSuccess: () => loyaltyChanged.inactive(queryClient),
  });
  return (
    <PageFrame
      title="Comptes inactifs"
      operations={scope.staff ? [] : ["scan_inactive", "relaunch_task"]}
      actions={
        !scope.staff && (
          <button type="button" className="primary" disabled={scan.isPending} onClick={() => scan.mutate()}>
            {scan.isPending ? "Détection…" : "Détecter maintenant"}
          </button>
        )
      }
    >
      <LoyaltyNav />
      <p className="hint">
        Un client est inactif quand sa dernière commande date de plus que son rythme habituel (l'intervalle médian entre
        ses commandes, multiplié par le facteur de la politique) ou, faute de rythme mesurable, que le seuil du cas
        d'entreprise.
      </p>
      <ErrorBanner error={scan.error} />
      {scan.data && (
        <Notice>
          Détection du {formatDate(scan.data.on)} : {scan.data.inactive} compte(s) inactif(s),{" "}
          {scan.data.newly_detected} nouvellement détecté(s), {scan.data.tasks_created} tâche(s) de relance créée(s).
        </Notice>
      )}
      {scope.missing ? (
        <MissingTrainee />
      ) : (
        <QueryState
          query={list}
          empty={<EmptyState title="Aucun compte inactif.">Tous vos clients commandent à leur rythme.</EmptyState>}
        >
          {(data) => (
            <>
              <DataTable
                caption="Comptes inactifs, les plus en retard d'abord"
                className="table wide-table"
                wrapperClassName="scroll-x contained"
                headers={[
                  "Client",
                  "Segment RFM",
                  "Dernière commande",
                  "Base",
                  "Limite",
                  "Retard",
                  "Détection",
                  "Relance",
                ]}
                pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
              >
                {data.items.map((item) => (
                  <InactiveRow key={item.customer.prospect_id} item={item} scope={scope} />
                ))}
              </DataTable>
              {!scope.staff && (
                <p>
                  Pour relancer plusieurs comptes par étapes (e-mail, appel, courrier) :{" "}
                  <Link to="/fidelisation/relances">les plans de relance</Link>.
                </p>
              )}
            </>
          )}
        </QueryState>
      )}
    </PageFrame>
  );
}

function InactiveRow({ item, scope }: { item: InactiveOut; scope: Scope }) {
  const queryClient = useQueryClient();
  const { customer: c, detection: d } = item;
  const task = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/loyalty/inactive/{prospect_id}/task", {
          params: { path: { prospect_id: c.prospect_id } },
          body: {},
        }),
      ),
    onSuccess: () => loyaltyChanged.inactive(queryClient),
  });
  const taskId = task.data?.task_id ?? d?.task_id ?? null;
  return (
    <tr>
      <th scope="row">
        <Link to={`/fidelisation/clients/${c.prospect_id}${scopeSearch(scope)}`}>{c.name}</Link>
      </th>
      <td>{c.rfm.segment_label}</td>
      <td className="nowrap">
        {formatDate(c.last_order_on)} <small className="muted">(il y a {days(c.recency_days)})</small>
      </td>
      <td>
        {c.inactivity_basis ? INACTIVITY_BASES[c.inactivity_basis] : "—"}
        {c.inactivity_basis === "rhythm" && c.usual_interval_days && (
          <small className="muted"> (tous les {days(c.usual_interval_days)})</small>
        )}
      </td>
      <td>{days(c.limit_days)}</td>
      <td>
        {c.overdue_days !== null && c.overdue_days > 0 ? (
          <span className="status status-error">{days(c.overdue_days)} de retard</span>
        ) : (
          "—"
        )}
      </td>
      <td>
        {d ? (
          <>
            Détecté le {formatDate(d.detected_on)}
            {d.reactivated_on && (
              <>
                {" "}
                <span className="status status-ok">Réactivé le {formatDate(d.reactivated_on)}</span>
              </>
            )}
          </>
        ) : (
          "Pas encore détecté"
        )}
      </td>
      <td>
        {taskId !== null ? (
          <Link to={`/agenda/taches?tache=${taskId}`}>
            Tâche de relance<span className="sr-only"> de {c.name}</span>
          </Link>
        ) : scope.staff ? (
          "Aucune tâche"
        ) : (
          <button type="button" className="nowrap" disabled={task.isPending} onClick={() => task.mutate()}>
            Créer la tâche de relance<span className="sr-only"> de {c.name}</span>
          </button>
        )}
        <ErrorBanner error={task.error} />
      </td>
    </tr>
  );
}
