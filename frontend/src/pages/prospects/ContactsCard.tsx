// The people of a company (CP3.6, CP3.7): who decides, how to reach them; add one.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectsChanged } from "../../api/queries/prospects";
import type { ContactCreate } from "../../api/types";
import type { ContactOut as Contact } from "../../api/types";
import { EmptyState, Field, Options, DisclosureButton } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { CHANNELS, DECISION_POWERS, label } from "../../labels/prospects";
import { fieldErrorsOf } from "../../api/problem";
import { useReadOnly } from "../../components/ReadOnly";
import { formatPhone, telHref } from "../../format/phone";
import { contactName } from "./PersonSelect";
import { AddForm } from "./AddForm";

export function ContactsCard({
  prospectId,
  contacts,
  total,
}: {
  prospectId: number;
  contacts: Contact[];
  total: number;
}) {
  const [adding, setAdding] = useState(false);
  const readOnly = useReadOnly();
  return (
    <section className="card" aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contacts ({total})</h2>
      {contacts.length === 0 ? (
        <EmptyState title="Aucun contact dans cette entreprise.">
          {readOnly ? null : "Ajoutez la personne qui décide, et celles qui l'influencent."}
        </EmptyState>
      ) : (
        <div className="scroll-x">
          <table className="table compact">
            <caption className="sr-only">Contacts de l'entreprise</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Fonction</th>
                <th scope="col">Rôle dans la décision</th>
                <th scope="col">Téléphone</th>
                <th scope="col">E-mail</th>
                <th scope="col">Canal préféré</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {contactName(c)}
                    {c.objected_at && (
                      <>
                        <br />
                        <small className="late">S'est opposé(e) à la prospection</small>
                      </>
                    )}
                  </th>
                  <td>{c.job_title ?? "—"}</td>
                  <td>{label(DECISION_POWERS, c.decision_power)}</td>
                  <td>{c.phone ? <a href={telHref(c.phone)}>{formatPhone(c.phone)}</a> : "—"}</td>
                  <td>{c.email ?? "—"}</td>
                  <td>{label(CHANNELS, c.preferred_channel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > contacts.length && (
        <p className="muted">
          {contacts.length} contacts affichés sur {total}.
        </p>
      )}
      {!readOnly && (
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} closeLabel="Fermer le formulaire">
          Ajouter un contact
        </DisclosureButton>
      )}
      {adding && !readOnly && <ContactForm prospectId={prospectId} onDone={() => setAdding(false)} />}
    </section>
  );
}

const EMPTY: ContactCreate = {
  last_name: "",
  first_name: "",
  job_title: "",
  phone: "",
  email: "",
  decision_power: null,
  preferred_channel: null,
};

const orNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** The request body: blank optional fields are left null. */
function toBody(f: ContactCreate): ContactCreate {
  return {
    ...f,
    first_name: orNull(f.first_name),
    job_title: orNull(f.job_title),
    phone: orNull(f.phone),
    email: orNull(f.email),
  };
}

function ContactForm({ prospectId, onDone }: { prospectId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values: form, set, submitWith } = useForm<ContactCreate>(EMPTY);
  const create = useMutation({
    mutationFn: (body: ContactCreate) =>
      unwrap(
        api.POST("/api/v1/prospects/{prospect_id}/contacts", { params: { path: { prospect_id: prospectId } }, body }),
      ),
    onSuccess: () => {
      prospectsChanged.contacts(queryClient, prospectId);
      onDone();
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <AddForm
      label="Nouveau contact"
      onSubmit={submitWith((v) => create.mutate(toBody(v)))}
      save={create}
      submitLabel="Enregistrer le contact"
    >
      <Field label="Prénom" error={errors.first_name}>
        {(p) => <input {...p} value={form.first_name ?? ""} onChange={(e) => set("first_name", e.target.value)} />}
      </Field>
      <Field label="Nom" error={errors.last_name} required>
        {(p) => <input {...p} value={form.last_name} onChange={(e) => set("last_name", e.target.value)} />}
      </Field>
      <Field label="Fonction" error={errors.job_title}>
        {(p) => <input {...p} value={form.job_title ?? ""} onChange={(e) => set("job_title", e.target.value)} />}
      </Field>
      <Field label="Rôle dans la décision" error={errors.decision_power}>
        {(p) => (
          <select
            {...p}
            value={form.decision_power ?? ""}
            onChange={(e) => set("decision_power", (e.target.value || null) as ContactCreate["decision_power"])}
          >
            <option value="">Non renseigné</option>
            <Options labels={DECISION_POWERS} />
          </select>
        )}
      </Field>
      <Field label="Téléphone du contact" error={errors.phone}>
        {(p) => <input {...p} type="tel" value={form.phone ?? ""} onChange={(e) => set("phone", e.target.value)} />}
      </Field>
      <Field label="E-mail du contact" error={errors.email}>
        {(p) => <input {...p} type="email" value={form.email ?? ""} onChange={(e) => set("email", e.target.value)} />}
      </Field>
      <Field label="Canal préféré" error={errors.preferred_channel}>
        {(p) => (
          <select
            {...p}
            value={form.preferred_channel ?? ""}
            onChange={(e) => set("preferred_channel", (e.target.value || null) as ContactCreate["preferred_channel"])}
          >
            <option value="">Non renseigné</option>
            <Options labels={CHANNELS} />
          </select>
        )}
      </Field>
    </AddForm>
  );
}
