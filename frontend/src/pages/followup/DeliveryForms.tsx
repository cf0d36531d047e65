// What the trainee records on a delivery: its next step (the date, by default today, and a
// note; on delivery, what arrived when some is missing) or an incident (late with the new
// promised date, damaged, missing).
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged } from "../../api/queries/followUp";
import type { DeliveryDetail, Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { useForm } from "../../components/useForm";
import { DisclosureButton, Field, Notice, Options } from "../../components/ui";
import { INCIDENT_KINDS, quantity } from "../../labels/followUp";
import { decimal, nextSteps, type DeliveryStep } from "./logic";

const STEP_BUTTONS: Record<DeliveryStep, string> = {
  prepared: "Marquer comme préparée",
  shipped: "Marquer comme expédiée",
  delivered: "Marquer comme livrée",
};
const STALE = "Cette livraison a été modifiée entre-temps : rechargez la page pour partir de son état actuel.";

type Open = DeliveryStep | "incident" | null;

export function DeliveryActions({ delivery }: { delivery: DeliveryDetail }) {
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState("");
  const toggle = (what: Open) => {
    setOpen(open === what ? null : what);
    setNotice("");
  };
  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
  };
  return (
    <>
      {notice && <Notice>{notice}</Notice>}
      <div className="inline-actions">
        {nextSteps(delivery.status).map((step) => (
          <DisclosureButton key={step} open={open === step} onToggle={() => toggle(step)} primary={open === null}>
            {STEP_BUTTONS[step]}
          </DisclosureButton>
        ))}
        <DisclosureButton open={open === "incident"} onToggle={() => toggle("incident")} closeLabel="Fermer l'incident">
          Signaler un incident
        </DisclosureButton>
      </div>
      {open !== null && open !== "incident" && (
        <StepForm key={open} delivery={delivery} step={open} onDone={() => done("Étape enregistrée.")} />
      )}
      {open === "incident" && <IncidentForm delivery={delivery} onDone={() => done("Incident enregistré.")} />}
    </>
  );
}

function useEvent(delivery: DeliveryDetail, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<S["DeliveryEventIn"], "version">) =>
      unwrap(
        api.POST("/api/v1/deliveries/{delivery_id}/events", {
          params: { path: { delivery_id: delivery.id } },
          body: { ...body, version: delivery.version },
        }),
      ),
    onSuccess: async () => {
      await followUpChanged.delivery(queryClient, delivery.id, delivery.order_id);
      onDone();
    },
  });
}

function StepForm(props: { delivery: DeliveryDetail; step: DeliveryStep; onDone: () => void }) {
  const { delivery, step } = props;
  const { values, set, submitWith } = useForm({
    occurred_on: "",
    note: "",
    partial: false,
    arrived: Object.fromEntries(delivery.lines.map((l) => [l.order_line_id, quantity(l.quantity)])) as Record<
      number,
      string
    >,
  });
  const save = useEvent(delivery, props.onDone);
  const errors = fieldErrorsOf(save.error);
  const label = STEP_BUTTONS[step].replace("Marquer comme ", "");
  return (
    <form
      className="form-grid"
      aria-label={`Étape : ${label}`}
      noValidate
      onSubmit={submitWith((v) =>
        save.mutate({
          kind: step,
          occurred_on: v.occurred_on || null,
          note: v.note,
          delivered_lines:
            step === "delivered" && v.partial
              ? delivery.lines.map((l) => ({
                  order_line_id: l.order_line_id,
                  quantity: decimal(v.arrived[l.order_line_id] ?? "0"),
                }))
              : null,
        }),
      )}
    >
      <Field label="Date de l'étape" hint="Vide : aujourd'hui." error={errors.occurred_on}>
        {(p) => (
          <input {...p} type="date" value={values.occurred_on} onChange={(e) => set("occurred_on", e.target.value)} />
        )}
      </Field>
      <div className="wide">
        <Field label="Note" error={errors.note}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={2000}
              value={values.note}
              onChange={(e) => set("note", e.target.value)}
            />
          )}
        </Field>
      </div>
      {step === "delivered" && (
        <fieldset className="wide">
          <legend>Ce qui est arrivé</legend>
          <label className="check">
            <input type="checkbox" checked={values.partial} onChange={(e) => set("partial", e.target.checked)} />
            Tout n'est pas arrivé (livraison partielle : le reste est un article manquant)
          </label>
          {values.partial &&
            delivery.lines.map((l, i) => (
              <Field
                key={l.order_line_id}
                label={`Quantité reçue : ${l.label} (sur ${quantity(l.quantity)})`}
                error={errors[`delivered_lines.${i}.quantity`]}
              >
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={values.arrived[l.order_line_id] ?? ""}
                    onChange={(e) => set("arrived", { ...values.arrived, [l.order_line_id]: e.target.value })}
                  />
                )}
              </Field>
            ))}
        </fieldset>
      )}
      <FormFooter error={save.error} pending={save.isPending} stale={STALE} submitLabel="Enregistrer l'étape" />
    </form>
  );
}

function IncidentForm(props: { delivery: DeliveryDetail; onDone: () => void }) {
  const { delivery } = props;
  const { values, set, submitWith } = useForm({
    incident: "late" as S["IncidentKind"],
    promised_on: "",
    occurred_on: "",
    note: "",
  });
  const save = useEvent(delivery, props.onDone);
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      aria-label="Incident de livraison"
      noValidate
      onSubmit={submitWith((v) =>
        save.mutate({
          kind: "incident",
          incident: v.incident,
          promised_on: v.incident === "late" && v.promised_on ? v.promised_on : null,
          occurred_on: v.occurred_on || null,
          note: v.note,
        }),
      )}
    >
      <Field label="Type d'incident" error={errors.incident} required>
        {(p) => (
          <select {...p} value={values.incident} onChange={(e) => set("incident", e.target.value as S["IncidentKind"])}>
            <Options labels={INCIDENT_KINDS} />
          </select>
        )}
      </Field>
      {values.incident === "late" && (
        <Field label="Nouvelle date promise" error={errors.promised_on}>
          {(p) => (
            <input {...p} type="date" value={values.promised_on} onChange={(e) => set("promised_on", e.target.value)} />
          )}
        </Field>
      )}
      <Field label="Date de l'incident" hint="Vide : aujourd'hui." error={errors.occurred_on}>
        {(p) => (
          <input {...p} type="date" value={values.occurred_on} onChange={(e) => set("occurred_on", e.target.value)} />
        )}
      </Field>
      <div className="wide">
        <Field label="Ce qui s'est passé" error={errors.note}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={2000}
              value={values.note}
              onChange={(e) => set("note", e.target.value)}
            />
          )}
        </Field>
      </div>
      <p className="hint wide">Un incident ouvre le dossier d'incident de livraison, à suivre selon la procédure.</p>
      <FormFooter error={save.error} pending={save.isPending} stale={STALE} submitLabel="Enregistrer l'incident" />
    </form>
  );
}
