// Recording a data-subject request: the person (a record or one of its contacts), the kind,
// the date received and, for a rectification, the changes asked.
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import type { ContactOut as Contact, PrivacyRequestKind as Kind, ProspectOut as Prospect } from "../../api/types";
import { ErrorBanner, Field, Options, formatDate } from "../../components/ui";
import { RECTIFIABLE_CONTACT, RECTIFIABLE_PROSPECT, REQUEST_KINDS } from "../../labels/privacy";
import { ContactSelect, ProspectPicker, prospectLabel } from "./PersonPicker";
import { useSettled } from "./RequestActions";

function today(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

type Change = { field: string; value: string };

export function RequestForm({ onDone }: { onDone: (message: string) => void }) {
  const settled = useSettled();
  const [prospect, setProspect] = useState<Prospect | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  const [kind, setKind] = useState<Kind>("access");
  const [receivedOn, setReceivedOn] = useState(today());
  const [channel, setChannel] = useState("");
  const [details, setDetails] = useState("");
  const [changes, setChanges] = useState<Change[]>([{ field: "email", value: "" }]);
  const [missingPerson, setMissingPerson] = useState(false);
  const fields = contact ? RECTIFIABLE_CONTACT : RECTIFIABLE_PROSPECT;
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/privacy/requests", {
          body: {
            prospect_id: prospect!.id,
            contact_id: contact?.id ?? null,
            kind,
            received_on: receivedOn,
            channel,
            details,
            changes:
              kind === "rectification"
                ? Object.fromEntries(changes.filter((c) => c.field).map((c) => [c.field, c.value]))
                : {},
          },
        }),
      ),
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

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!prospect) {
      setMissingPerson(true);
      return;
    }
    create.mutate();
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Nouvelle demande">
      <h2>Nouvelle demande</h2>
      <ProspectPicker
        label="Fiche de la personne"
        selected={prospect}
        onSelect={(p) => {
          setProspect(p);
          setContact(null);
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
            onChange={(_, c) => setContact(c)}
            error={errors.contact_id}
          />
        )}
        <Field label="Type de demande" error={errors.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <Options labels={REQUEST_KINDS} />
            </select>
          )}
        </Field>
        <Field label="Reçue le" hint="L'échéance est fixée un mois plus tard." error={errors.received_on}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={receivedOn}
              max={today()}
              onChange={(e) => setReceivedOn(e.target.value)}
            />
          )}
        </Field>
        <Field label="Canal de réception" hint="Courrier, e-mail, téléphone, sur place…" error={errors.channel}>
          {(p) => <input {...p} value={channel} onChange={(e) => setChannel(e.target.value)} />}
        </Field>
        <Field label="Précisions" error={errors.details}>
          {(p) => <textarea {...p} value={details} onChange={(e) => setDetails(e.target.value)} />}
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
                  <select
                    {...p}
                    value={c.field}
                    onChange={(e) =>
                      setChanges((all) => all.map((x, i) => (i === index ? { ...x, field: e.target.value } : x)))
                    }
                  >
                    <Options labels={fields} />
                  </select>
                )}
              </Field>
              <Field label={`Nouvelle valeur ${index + 1}`} hint="Vide pour effacer la valeur.">
                {(p) => (
                  <input
                    {...p}
                    value={c.value}
                    onChange={(e) =>
                      setChanges((all) => all.map((x, i) => (i === index ? { ...x, value: e.target.value } : x)))
                    }
                  />
                )}
              </Field>
              {changes.length > 1 && (
                <div className="form-actions">
                  <button type="button" onClick={() => setChanges((all) => all.filter((_, i) => i !== index))}>
                    Retirer le champ {index + 1}
                  </button>
                </div>
              )}
            </div>
          ))}
          <button
            type="button"
            onClick={() => setChanges((all) => [...all, { field: Object.keys(fields)[0], value: "" }])}
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
