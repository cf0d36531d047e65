// Recording a consent event for a person (a record or one of its contacts): purpose,
// channel, decision, lawful basis, when and how it was collected, and its proof. The
// history is append-only: a withdrawal is a new event.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { privacyChanged } from "../../api/queries/privacy";
import { fieldErrorsOf } from "../../api/problem";
import type { ConsentCreate, ContactOut as Contact, ProspectOut as Prospect } from "../../api/types";
import { Field, Options, SaveError } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { CHANNELS, CONSENT_STATUSES, LAWFUL_BASES, METHODS, PURPOSES } from "../../labels/privacy";

/** "2026-11-27T14:30" for a datetime-local input, in local time. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

type Draft = Omit<ConsentCreate, "given_at" | "contact_id"> & { given_at: string };

function newDraft(): Draft {
  return {
    purpose: "prospecting",
    channel: "email",
    status: "granted",
    lawful_basis: "consent",
    given_at: localNow(),
    method: "web_form",
    text_version: "",
    proof_reference: "",
    pre_ticked: false,
  };
}

/** The event to send: the local date and time as an instant (sent as typed when unreadable,
 * for the server to say so beside the field). */
function bodyOf(d: Draft, contact: Contact | null): ConsentCreate {
  const when = d.given_at ? new Date(d.given_at) : null;
  return {
    ...d,
    contact_id: contact?.id ?? null,
    given_at: when && !Number.isNaN(when.getTime()) ? when.toISOString() : d.given_at,
  };
}

export function ConsentForm({
  prospect,
  contact,
  onDone,
}: {
  prospect: Prospect;
  contact: Contact | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const { values: form, set, submitWith } = useForm<Draft>(newDraft);
  const create = useMutation({
    mutationFn: (body: ConsentCreate) =>
      unwrap(
        api.POST("/api/v1/prospects/{prospect_id}/consents", { params: { path: { prospect_id: prospect.id } }, body }),
      ),
    onSuccess: () => {
      privacyChanged.consent(queryClient, prospect.id);
      onDone();
    },
  });
  const errors = fieldErrorsOf(create.error);
  const select =
    <K extends keyof Draft>(key: K, options: Record<string, string>) =>
    (p: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => (
      <select {...p} value={String(form[key] ?? "")} onChange={(e) => set(key, e.target.value as Draft[K])}>
        <Options labels={options} />
      </select>
    );
  return (
    <form
      className="form-grid"
      onSubmit={submitWith((d) => create.mutate(bodyOf(d, contact)))}
      aria-label="Nouvel événement de consentement"
    >
      <Field label="Finalité" error={errors.purpose}>
        {select("purpose", PURPOSES)}
      </Field>
      <Field label="Canal" error={errors.channel}>
        {select("channel", CHANNELS)}
      </Field>
      <Field label="Décision de la personne" error={errors.status}>
        {select("status", CONSENT_STATUSES)}
      </Field>
      <Field label="Base légale" error={errors.lawful_basis}>
        {select("lawful_basis", LAWFUL_BASES)}
      </Field>
      <Field label="Date et heure" error={errors.given_at}>
        {(p) => (
          <input {...p} type="datetime-local" value={form.given_at} onChange={(e) => set("given_at", e.target.value)} />
        )}
      </Field>
      <Field label="Méthode de recueil" error={errors.method}>
        {select("method", METHODS)}
      </Field>
      <Field
        label="Version du texte présenté"
        hint="Par exemple « formulaire-v3 » : la preuve de ce qui a été accepté."
        error={errors.text_version}
      >
        {(p) => <input {...p} value={form.text_version} onChange={(e) => set("text_version", e.target.value)} />}
      </Field>
      <Field
        label="Référence de la preuve"
        hint="Facultative : n° d'enregistrement, courrier, capture…"
        error={errors.proof_reference}
      >
        {(p) => (
          <input {...p} value={form.proof_reference ?? ""} onChange={(e) => set("proof_reference", e.target.value)} />
        )}
      </Field>
      <div className={`field${errors.pre_ticked ? " field-invalid" : ""}`}>
        <label className="check">
          <input
            type="checkbox"
            checked={form.pre_ticked ?? false}
            onChange={(e) => set("pre_ticked", e.target.checked)}
            aria-describedby={errors.pre_ticked ? "pre-ticked-error" : undefined}
          />
          La case était pré-cochée
        </label>
        {errors.pre_ticked && (
          <small id="pre-ticked-error" className="field-error">
            {errors.pre_ticked}
          </small>
        )}
      </div>
      <SaveError error={create.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Enregistrement…" : "Enregistrer l'événement"}
        </button>
      </div>
    </form>
  );
}
