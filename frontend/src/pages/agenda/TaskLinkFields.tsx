// The record a task is about (optional): its kind, then the record among the user's own —
// a prospect found by search (the RGPD pages' picker), an appointment, a campaign, a tour,
// an action of a plan, or a record of the sales follow-up (order, delivery, invoice,
// complaint, case) from a list. The server checks the record is the user's (422 on
// `link_id` otherwise) and says so beside the choice.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { linkOptionQueries } from "../../api/queries/agenda";
import { prospectQueries } from "../../api/queries/prospects";
import { Field, formatDate } from "../../components/ui";
import { LINKABLE_KINDS, LINK_KINDS } from "../../labels/agenda";
import { ProspectPicker } from "../privacy/PersonPicker";
import { FollowUpChoice, isFollowUpKind } from "./FollowUpLinkChoice";
import { RecordSelect, type Choice, type Option } from "./RecordSelect";
import type { LinkKind, TaskValues } from "./taskForm";

type LinkValues = Pick<TaskValues, "link_kind" | "link_id" | "link_label">;

export function TaskLinkFields(props: {
  value: LinkValues;
  onChange: (change: Partial<LinkValues>) => void;
  errors: Record<string, string>;
}) {
  const { link_kind: kind, link_id: id, link_label: label } = props.value;
  // A kind the form does not offer (a watch article) stays listed while it is the task's.
  const kinds = kind && !LINKABLE_KINDS.includes(kind) ? [...LINKABLE_KINDS, kind] : LINKABLE_KINDS;
  const pick = (option: Option) => props.onChange({ link_id: option.id, link_label: option.name });
  return (
    <fieldset className="task-fieldset">
      <legend>Fiche liée (facultative)</legend>
      <div className="form-grid">
        <Field label="Type de fiche" error={props.errors.link_kind}>
          {(p) => (
            <select
              {...p}
              value={kind}
              onChange={(e) =>
                props.onChange({ link_kind: e.target.value as LinkKind | "", link_id: null, link_label: "" })
              }
            >
              <option value="">Aucune</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {LINK_KINDS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind && id !== null && (
          <div className="field">
            <p className="task-link-chosen">
              Fiche choisie : <strong>{label}</strong>{" "}
              <button type="button" className="link" onClick={() => props.onChange({ link_id: null, link_label: "" })}>
                Changer de fiche
              </button>
            </p>
            {props.errors.link_id && <small className="field-error">{props.errors.link_id}</small>}
          </div>
        )}
        {kind === "prospect" && id === null && (
          <ProspectPicker
            label="Prospect à lier"
            selected={null}
            onSelect={(p) => p && pick({ id: p.id, name: p.name })}
            error={props.errors.link_id}
          />
        )}
        {kind === "appointment" && id === null && <AppointmentChoice onPick={pick} error={props.errors.link_id} />}
        {kind === "campaign" && id === null && <CampaignChoice onPick={pick} error={props.errors.link_id} />}
        {kind === "tour" && id === null && <TourChoice onPick={pick} error={props.errors.link_id} />}
        {kind === "plan_action" && id === null && <PlanActionChoice onPick={pick} error={props.errors.link_id} />}
        {isFollowUpKind(kind) && id === null && (
          <FollowUpChoice kind={kind} onPick={pick} error={props.errors.link_id} />
        )}
      </div>
    </fieldset>
  );
}

function AppointmentChoice({ onPick, error }: Choice) {
  const q = useQuery(linkOptionQueries.appointments());
  const options = q.data?.items.map((a) => ({
    id: a.id,
    name: `${formatDate(a.starts_at, true)} — ${a.prospect_name}`,
  }));
  return (
    <RecordSelect
      label="Rendez-vous à lier"
      options={options}
      pending={q.isPending}
      failed={q.isError}
      onPick={onPick}
      error={error}
    />
  );
}

function CampaignChoice({ onPick, error }: Choice) {
  const q = useQuery(prospectQueries.campaignOptions());
  const options = q.data?.items.map((c) => ({ id: c.id, name: c.name }));
  return (
    <RecordSelect
      label="Campagne à lier"
      options={options}
      pending={q.isPending}
      failed={q.isError}
      onPick={onPick}
      error={error}
    />
  );
}

function TourChoice({ onPick, error }: Choice) {
  const q = useQuery(linkOptionQueries.tours());
  const options = q.data?.items.map((t) => ({ id: t.id, name: `${t.name} (${formatDate(t.first_day)})` }));
  return (
    <RecordSelect
      label="Tournée à lier"
      options={options}
      pending={q.isPending}
      failed={q.isError}
      onPick={onPick}
      error={error}
    />
  );
}

/** An action of a plan: the plan first, then one of its actions. */
function PlanActionChoice({ onPick, error }: Choice) {
  const [planId, setPlanId] = useState<number | null>(null);
  const plans = useQuery(linkOptionQueries.plans());
  const plan = useQuery({ ...linkOptionQueries.plan(planId ?? 0), enabled: planId !== null });
  const planOptions = plans.data?.items.map((p) => ({ id: p.id, name: p.title }));
  const actions = plan.data?.actions.map((a) => ({ id: a.id, name: `${a.title} (${formatDate(a.starts_on)})` }));
  return (
    <>
      <Field
        label="Plan d'actions"
        hint={plans.isPending ? "Chargement…" : plans.data?.items.length === 0 ? "Aucun plan d'actions." : undefined}
      >
        {(p) => (
          <select {...p} value={planId ?? ""} onChange={(e) => setPlanId(Number(e.target.value) || null)}>
            <option value="">Choisir…</option>
            {planOptions?.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {planId !== null && (
        <RecordSelect
          label="Action à lier"
          options={actions}
          pending={plan.isPending}
          failed={plan.isError}
          onPick={onPick}
          error={error}
          none="Ce plan n'a pas encore d'action."
        />
      )}
    </>
  );
}
