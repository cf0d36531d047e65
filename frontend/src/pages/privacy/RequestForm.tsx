// Recording a data-subject request: the person (a record or one of its contacts), the kind,
// the date received and, for a rectification, the changes asked.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type {
  ContactOut as Contact,
  PrivacyRequestKind as Kind,
  ProspectOut as Prospect,
  Schemas,
} from "../../api/types";
import { ErrorBanner, Field, Options, formatDate } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { RECTIFIABLE_CONTACT, RECTIFIABLE_PROSPECT, REQUEST_KINDS } from "../../labels/privacy";
import { ContactSelect, ProspectPicker, prospectLabel } from "./PersonPicker";
import { useSettled } from "./RequestActions";

function today(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

type Change = { field: string; value: string };

type Draft = {
  prospect: Prospect | null;
  contact: Contact | null;
  kind: Kind;
  received_on: string;
  channel: string;
  details: string;
  changes: Change[];
};

function bodyOf(d: Draft, prospect: Prospect): Schemas["PrivacyRequestCreate"] {
  return {
    prospect_id: prospect.id,
    contact_id: d.contact?.id ?? null,
    kind: d.kind,
    received_on: d.received_on,
    channel: d.channel,
    details: d.details,
    changes:
      d.kind === "rectification"
        ? Object.fromEntries(d.changes.filter((c) => c.field).map((c) => [c.field, c.value]))
        : {},
  };
}

export function RequestForm({ onDone }: { onDone: (message: string) => void }) {
  const settled = useSettled();
  const { values, set, setValues, submitWith } = useForm<Draft>(() => ({
    prospect: null,
    contact: null,
    kind: "access",
    received_on: today(),
    channel: "",
    details: "",
    changes: [{ field: "email", value: "" }],
  }));
  const { prospect, contact, kind, changes } = values;
  const [missingPerson, setMissingPerson] = useState(false);
  const fields = contact ? RECTIFIABLE_CONTACT : RECTIFIABLE_PROSPECT;
  const create = useMutation({
    mutationFn: (body: Schemas["PrivacyRequestCreate"]) => unwrap(api.POST("/api/v1/privacy/requests", { body })),
    onSuccess: (created) => {
      settled();
      onDone(
        `Demande n° ${created.id} enregistrée (${REQUEST_KINDS[created.kind].toLowerCase()}) : échéance le ${formatDate(created.due_on)}.`,
      );
    },
  });
  const errors = fieldErrorsOf(create.error);
  const changeError = Object.entries(errors).find(([k]) => k === "changes" || k.startsWith("changes."))?.[1];
  const shown = ["prospect_id", "contact_id", "kind", "received_on", "channel", "details"];
  const other = create.error && !changeError && !shown.some((k) => k in errors);
  const setChange = (index: number, change: Partial<Change>) =>
    set(
      "changes",
      changes.map((c, i) => (i === index ? { ...c, ...change } : c)),
    );

  return (
    <form
      className="card"
      onSubmit={submitWith((d) => {
        if (d.prospect) create.mutate(bodyOf(d, d.prospect));
        else setMissingPerson(true);
      })}
      aria-label="Nouvelle demande"
    >
      <h2>Nouvelle demande</h2>
      <ProspectPicker
        label="Fiche de la personne"
        selected={prospect}
        onSelect={(p) => {
          setValues((d) => ({ ...d, prospect: p, contact: null }));
          setMissingPerson(false);
        }}
        error={
          errors.prospect_id ?? (missingPerson ? "Choisissez la fiche de la personne qui fait la demande." : undefined)
        }
      />
      <div className="form-grid">
        {prospect && (
          <ContactSelect
            prospect={prospect}
            value={contact?.id ?? null}
            onChange={(_, c) => set("contact", c)}
            error={errors.contact_id}
          />
        )}
        <Field label="Type de demande" error={errors.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => set("kind", e.target.value as Kind)}>
              <Options labels={REQUEST_KINDS} />
            </select>
          )}
        </Field>
        <Field label="Reçue le" hint="L'échéance est fixée un mois plus tard." error={errors.received_on}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={values.received_on}
              max={today()}
              onChange={(e) => set("received_on", e.target.value)}
            />
          )}
        </Field>
        <Field label="Canal de réception" hint="Courrier, e-mail, téléphone, sur place…" error={errors.channel}>
          {(p) => <input {...p} value={values.channel} onChange={(e) => set("channel", e.target.value)} />}
        </Field>
        <Field label="Précisions" error={errors.details}>
          {(p) => <textarea {...p} value={values.details} onChange={(e) => set("details", e.target.value)} />}
        </Field>
      </div>
      {kind === "rectification" && (
        <fieldset>
          <legend>
            Champs à rectifier{prospect ? (contact ? " (contact)" : ` (${prospectLabel(prospect)})`) : ""}
          </legend>
          {changes.map((c, index) => (
            <div className="filters" key={index}>
              <Field label={`Champ ${index + 1}`}>
                {(p) => (
                  <select {...p} value={c.field} onChange={(e) => setChange(index, { field: e.target.value })}>
                    <Options labels={fields} />
                  </select>
                )}
              </Field>
              <Field label={`Nouvelle valeur ${index + 1}`} hint="Vide pour effacer la valeur.">
                {(p) => <input {...p} value={c.value} onChange={(e) => setChange(index, { value: e.target.value })} />}
              </Field>
              {changes.length > 1 && (
                <div className="form-actions">
                  <button
                    type="button"
                    onClick={() =>
                      set(
                        "changes",
                        changes.filter((_, i) => i !== index),
                      )
                    }
                  >
                    Retirer le champ {index + 1}
                  </button>
                </div>
              )}
            </div>
          ))}
          <button
            type="button"
            onClick={() => set("changes", [...changes, { field: Object.keys(fields)[0], value: "" }])}
          >
            Ajouter un champ
          </button>
          {changeError && (
            <p className="field-error" role="alert">
              {changeError}
            </p>
          )}
        </fieldset>
      )}
      {other && <ErrorBanner error={create.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Enregistrement…" : "Enregistrer la demande"}
        </button>
      </div>
    </form>
  );
}
