// The person's consents (CP3.7): the current state per purpose and channel, the whole
// append-only history, and a form to record a new event (a pre-ticked box is refused).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { ConsentCreate, ConsentOut as Consent } from "../../api/types";
import { EmptyState, Field, Options, formatDate, DisclosureButton } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { PersonSelect, type RecordPeople } from "./PersonSelect";
import { AddForm } from "./AddForm";
import { label } from "../../labels/prospects";
// The consent vocabulary is the RGPD pages' (one wording everywhere).
import {
  CHANNELS as CONSENT_CHANNELS,
  CONSENT_STATUSES,
  LAWFUL_BASES,
  METHODS as CONSENT_METHODS,
  PURPOSES,
} from "../../labels/privacy";
import { fieldErrorsOf } from "../../api/problem";
import { useReadOnly } from "../../components/ReadOnly";

export function ConsentsCard({ prospectId, company, contacts }: RecordPeople) {
  const [contactId, setContactId] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const readOnly = useReadOnly();
  const consents = useQuery({
    ...prospectQueries.consents(prospectId, contactId),
  });
  return (
    <section className="card" aria-labelledby="consents-title">
      <h2 id="consents-title">Consentements</h2>
      <PersonSelect
        company={company}
        label="Personne concernée"
        contacts={contacts}
        value={contactId}
        onChange={setContactId}
      />
      <QueryState
        query={consents}
        isEmpty={(d) => d.history.length === 0}
        empty={
          <EmptyState title="Aucun consentement enregistré pour cette personne.">
            Sans consentement, le téléphone (particuliers), l'e-mail (particuliers) et le SMS restent fermés
            {readOnly ? "." : " : recueillez-le, puis enregistrez-le ci-dessous avec sa preuve."}
          </EmptyState>
        }
      >
        {(d) => (
          <>
            {d.current.length > 0 && (
              <>
                <h3>État actuel</h3>
                <ConsentTable caption="État actuel par finalité et canal" rows={d.current} />
              </>
            )}
            <details>
              <summary>
                Historique complet ({d.history.length} événement{d.history.length > 1 ? "s" : ""})
              </summary>
              <ConsentTable caption="Historique des consentements" rows={d.history} withProof />
            </details>
          </>
        )}
      </QueryState>
      {!readOnly && (
        <p>
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} closeLabel="Fermer le formulaire">
            Enregistrer un consentement
          </DisclosureButton>
        </p>
      )}
      {adding && !readOnly && (
        <ConsentForm prospectId={prospectId} contactId={contactId} onDone={() => setAdding(false)} />
      )}
    </section>
  );
}

function ConsentTable({ caption, rows, withProof }: { caption: string; rows: Consent[]; withProof?: boolean }) {
  return (
    <div className="scroll-x">
      <table className="table compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Finalité</th>
            <th scope="col">Canal</th>
            <th scope="col">État</th>
            <th scope="col">Exprimé le</th>
            <th scope="col">Moyen</th>
            {withProof && (
              <>
                <th scope="col">Base légale</th>
                <th scope="col">Texte et preuve</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <th scope="row">{label(PURPOSES, c.purpose)}</th>
              <td>{label(CONSENT_CHANNELS, c.channel)}</td>
              <td className={c.status === "granted" ? "decision-allowed" : "decision-refused"}>
                {label(CONSENT_STATUSES, c.status)}
              </td>
              <td>{formatDate(c.given_at, true)}</td>
              <td>{label(CONSENT_METHODS, c.method)}</td>
              {withProof && (
                <>
                  <td>{label(LAWFUL_BASES, c.lawful_basis)}</td>
                  <td>
                    {c.text_version}
                    {c.proof_reference ? ` — ${c.proof_reference}` : ""}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function nowLocal(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The form's values: the request's but the person (chosen above) and a local `given_at`. */
type Values = Required<
  Pick<ConsentCreate, "purpose" | "channel" | "status" | "method" | "text_version" | "proof_reference" | "pre_ticked">
> & { given_at: string };

function ConsentForm({
  prospectId,
  contactId,
  onDone,
}: {
  prospectId: number;
  contactId: number | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const {
    values: form,
    set,
    submitWith,
  } = useForm<Values>(() => ({
    purpose: "prospecting",
    channel: "phone",
    status: "granted",
    method: "verbal",
    given_at: nowLocal(),
    text_version: "",
    proof_reference: "",
    pre_ticked: false,
  }));
  const create = useMutation({
    mutationFn: (v: Values) =>
      unwrap(
        api.POST("/api/v1/prospects/{prospect_id}/consents", {
          params: { path: { prospect_id: prospectId } },
          body: { ...v, contact_id: contactId, given_at: v.given_at ? new Date(v.given_at).toISOString() : "" },
        }),
      ),
    onSuccess: () => {
      prospectsChanged.consent(queryClient, prospectId);
      onDone();
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <AddForm
      label="Nouveau consentement"
      onSubmit={submitWith((v) => create.mutate(v))}
      save={create}
      submitLabel="Enregistrer le consentement"
    >
      <Field label="Finalité" error={errors.purpose}>
        {(p) => (
          <select {...p} value={form.purpose} onChange={(e) => set("purpose", e.target.value as Values["purpose"])}>
            <Options labels={PURPOSES} />
          </select>
        )}
      </Field>
      <Field label="Canal" error={errors.channel}>
        {(p) => (
          <select {...p} value={form.channel} onChange={(e) => set("channel", e.target.value as Values["channel"])}>
            <Options labels={CONSENT_CHANNELS} />
          </select>
        )}
      </Field>
      <Field label="Réponse de la personne" error={errors.status}>
        {(p) => (
          <select {...p} value={form.status} onChange={(e) => set("status", e.target.value as Values["status"])}>
            <Options labels={CONSENT_STATUSES} />
          </select>
        )}
      </Field>
      <Field label="Recueilli par" error={errors.method}>
        {(p) => (
          <select {...p} value={form.method} onChange={(e) => set("method", e.target.value as Values["method"])}>
            <Options labels={CONSENT_METHODS} />
          </select>
        )}
      </Field>
      <Field label="Exprimé le" error={errors.given_at} required>
        {(p) => (
          <input {...p} type="datetime-local" value={form.given_at} onChange={(e) => set("given_at", e.target.value)} />
        )}
      </Field>
      <Field
        label="Version du texte présenté"
        error={errors.text_version}
        required
        hint="Par exemple « mentions-2026-09 »."
      >
        {(p) => <input {...p} value={form.text_version} onChange={(e) => set("text_version", e.target.value)} />}
      </Field>
      <Field label="Référence de la preuve" error={errors.proof_reference} hint="Enregistrement, formulaire signé…">
        {(p) => <input {...p} value={form.proof_reference} onChange={(e) => set("proof_reference", e.target.value)} />}
      </Field>
      <div className={`field${errors.pre_ticked ? " field-invalid" : ""}`}>
        <label className="check">
          <input type="checkbox" checked={form.pre_ticked} onChange={(e) => set("pre_ticked", e.target.checked)} />
          La case était pré-cochée
        </label>
        {errors.pre_ticked && <small className="field-error">{errors.pre_ticked}</small>}
      </div>
    </AddForm>
  );
}
