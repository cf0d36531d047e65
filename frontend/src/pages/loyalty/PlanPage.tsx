// A relaunch plan (CP8.4, CP8.5): its steps and stop conditions (edited in place), the
// customers to enrol (ticked in the list, the inactive accounts first, or a whole RFM
// segment), the enrolments and where each stands, « Faire avancer le plan » (the steps now
// due), and every message of the plan — recorded, or refused by the channel policy with its
// rule and detail (« Refusé : … »), the plan going on with the next step.
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { EnrolOut, RelaunchPlanOut } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import {
  DisclosureButton,
  EmptyState,
  ErrorBanner,
  Notice,
  PageFrame,
  SaveError,
  formatDate,
} from "../../components/ui";
import { CHANNELS, ENROLMENT_STATUSES, ENROLMENT_STATUS_CLASS } from "../../labels/loyalty";
import { StatusBadge } from "../followup/StatusBadge";
import { EMPTY_TARGET, stepDays, targetBody, targetChosen, type Target } from "./logic";
import { LoyaltyNav } from "./LoyaltyNav";
import { MessagesTable } from "./MessagesTable";
import { PlanForm } from "./PlanForm";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import { scopeSearch, useScope } from "./scope";
import { TargetPicker } from "./TargetPicker";
import "../followup/followup.css";
import "./loyalty.css";

const LIMIT = 20;

export function PlanPage() {
  const id = Number(useParams().id);
  const scope = useScope();
  const plan = useQuery({ ...loyaltyQueries.plan(id), enabled: Number.isInteger(id) });
  return (
    <PageFrame
      title={plan.data ? `Plan de relance : ${plan.data.name}` : "Plan de relance"}
      operations={scope.staff ? [] : ["update_relaunch_plan", "enrol_customers", "advance_plan"]}
    >
      <LoyaltyNav />
      <p>
        <Link to={`/fidelisation/relances${scopeSearch(scope)}`}>← Plans de relance</Link>
      </p>
      <QueryState query={plan} busyLabel="Chargement du plan…">
        {(p) => (
          <>
            <PlanSummary plan={p} readOnly={scope.staff} />
            {!scope.staff && <EnrolCard plan={p} />}
            <Enrolments plan={p} readOnly={scope.staff} />
            <PlanMessages plan={p} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function PlanSummary({ plan, readOnly }: { plan: RelaunchPlanOut; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/relaunch-plans/{relaunch_plan_id}", { params: { path: { relaunch_plan_id: plan.id } } }),
      ),
    onSuccess: async () => {
      await loyaltyChanged.plan(queryClient);
      navigate("/fidelisation/relances");
    },
  });
  const at = stepDays(plan.steps);
  if (editing)
    return (
      <PlanForm key={plan.version} plan={plan} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
    );
  return (
    <section className="card" aria-labelledby="plan-steps">
      <h2 id="plan-steps">Étapes du plan</h2>
      {plan.description && <p>{plan.description}</p>}
      <p>
        Arrêt pour un client :{" "}
        {[plan.stop_on_order && "dès qu'il commande", plan.stop_on_refusal && "dès qu'il refuse"]
          .filter(Boolean)
          .join(", ") || "jamais avant la dernière étape"}
        .{plan.product_references.length > 0 && <> Produits : {plan.product_references.join(", ")}.</>}
      </p>
      <p>
        {plan.enrolments} client(s) inscrit(s), {plan.active} en cours ; {plan.recorded} message(s) enregistré(s),{" "}
        {plan.refused} refusé(s).
      </p>
      <ol className="log" aria-label="Étapes du plan">
        {plan.steps.map((s, i) => (
          <li key={s.position}>
            <p>
              <strong>
                Étape {i + 1} — {CHANNELS[s.channel]}
              </strong>{" "}
              (jour {at[i]} après l'inscription) : {s.subject}
            </p>
            <details>
              <summary>Lire le modèle de l'étape {i + 1}</summary>
              <div className="letter">{s.body}</div>
            </details>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <div className="inline-actions">
          <DisclosureButton open={editing} onToggle={() => setEditing(true)}>
            Modifier le plan
          </DisclosureButton>
          <ConfirmButton
            label="Supprimer le plan"
            question={`Supprimer le plan « ${plan.name} » ?`}
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        </div>
      )}
      <ErrorBanner error={remove.error} />
    </section>
  );
}

function EnrolCard({ plan }: { plan: RelaunchPlanOut }) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<Target>(EMPTY_TARGET);
  const [local, setLocal] = useState("");
  const enrol = useMutation({
    mutationFn: (t: Target) =>
      unwrap(
        api.POST("/api/v1/relaunch-plans/{relaunch_plan_id}/enrolments", {
          params: { path: { relaunch_plan_id: plan.id } },
          body: targetBody(t),
        }),
      ),
    onSuccess: async () => {
      await loyaltyChanged.plan(queryClient, plan.id);
      setTarget(EMPTY_TARGET);
    },
  });
  const errors = fieldErrorsOf(enrol.error);
  return (
    <section className="card" aria-labelledby="plan-enrol">
      <h2 id="plan-enrol">Inscrire des clients</h2>
      <form
        aria-label="Inscrire des clients au plan"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!targetChosen(target)) {
            setLocal(target.mode === "segment" ? "Choisissez un segment." : "Cochez au moins un client.");
            return;
          }
          setLocal("");
          enrol.mutate(target);
        }}
      >
        <TargetPicker legend="Clients à inscrire" value={target} onChange={setTarget} errors={errors} inactiveFirst />
        {local && <p className="field-error">{local}</p>}
        <SaveError error={enrol.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={enrol.isPending}>
            {enrol.isPending ? "Inscription…" : "Inscrire au plan"}
          </button>
        </div>
      </form>
      {enrol.data && <EnrolResult result={enrol.data} />}
    </section>
  );
}

export function EnrolResult({ result }: { result: EnrolOut }) {
  const refused = result.messages.filter((m) => m.status === "refused").length;
  return (
    <div aria-label="Résultat de l'inscription" role="region">
      <Notice>
        {result.enrolled.length} client(s) inscrit(s)
        {result.already.length > 0 && `, ${result.already.length} déjà inscrit(s)`}
        {result.not_customers.length > 0 && `, ${result.not_customers.length} qui ne sont pas clients (ignorés)`}.{" "}
        {result.messages.length > 0 &&
          `Première étape : ${result.messages.length - refused} message(s) enregistré(s), ${refused} refusé(s).`}
      </Notice>
      {result.messages.length > 0 && (
        <MessagesTable messages={result.messages} caption="Messages de la première étape" withStep />
      )}
    </div>
  );
}

function Enrolments({ plan, readOnly }: { plan: RelaunchPlanOut; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...loyaltyQueries.enrolments(plan.id, { limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  const advance = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/relaunch-plans/{relaunch_plan_id}/advance", {
          params: { path: { relaunch_plan_id: plan.id } },
        }),
      ),
    onSuccess: () => loyaltyChanged.plan(queryClient, plan.id),
  });
  return (
    <section className="card" aria-labelledby="plan-enrolments">
      <h2 id="plan-enrolments">Clients inscrits</h2>
      {!readOnly && (
        <div className="inline-actions">
          <button type="button" disabled={advance.isPending} onClick={() => advance.mutate()}>
            {advance.isPending ? "Traitement…" : "Faire avancer le plan"}
          </button>
          <span className="hint">Traite les étapes arrivées à échéance (le travail quotidien le fait aussi).</span>
        </div>
      )}
      <ErrorBanner error={advance.error} />
      {advance.data && (
        <>
          <Notice>
            Au {formatDate(advance.data.on)} : {advance.data.processed} étape(s) traitée(s).
          </Notice>
          {advance.data.messages.length > 0 && (
            <MessagesTable messages={advance.data.messages} caption="Messages des étapes traitées" withStep />
          )}
        </>
      )}
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucun client inscrit.">Inscrivez des clients avec le formulaire ci-dessus.</EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Clients inscrits au plan"
            className="table wide-table"
            wrapperClassName="scroll-x contained"
            headers={["Client", "Inscrit le", "Statut", "Prochaine étape", "Arrêt"]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link to={`/fidelisation/clients/${e.prospect_id}`}>{e.prospect_name}</Link>
                </th>
                <td className="nowrap">{formatDate(e.started_on)}</td>
                <td>
                  <StatusBadge value={e.status} labels={ENROLMENT_STATUSES} classes={ENROLMENT_STATUS_CLASS} />
                </td>
                <td>
                  {e.status === "active" && e.next_step < plan.steps.length
                    ? `Étape ${e.next_step + 1} (${CHANNELS[plan.steps[e.next_step].channel]}) le ${formatDate(e.next_due_on)}`
                    : "—"}
                </td>
                <td>
                  {e.stopped_on ? `${formatDate(e.stopped_on)}${e.stop_detail ? ` : ${e.stop_detail}` : ""}` : "—"}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </section>
  );
}

function PlanMessages({ plan }: { plan: RelaunchPlanOut }) {
  const messages = useQuery(loyaltyQueries.planMessages(plan.id));
  return (
    <section className="card" aria-labelledby="plan-messages">
      <h2 id="plan-messages">Messages du plan</h2>
      <p className="hint">
        Rien n'est envoyé : chaque étape est enregistrée (ce qui serait envoyé) ou refusée par la politique des canaux,
        avec sa règle ; le plan continue alors à l'étape suivante.
      </p>
      <QueryState
        query={messages}
        isEmpty={(d) => d.length === 0}
        empty={<EmptyState title="Aucun message pour l'instant." />}
      >
        {(data) => <MessagesTable messages={data} caption="Messages du plan, enregistrés ou refusés" withStep />}
      </QueryState>
    </section>
  );
}
