// A person's consent history (CP3.7): the current state per purpose and channel, every event
// with its date, method and proof, and a form to record a new one (append-only).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { privacyChanged, privacyQueries } from "../../api/queries/privacy";
import { fieldErrorsOf } from "../../api/problem";
import type {
  ConsentCreate,
  ConsentOut as Consent,
  ContactOut as Contact,
  ProspectOut as Prospect,
} from "../../api/types";
import {
  Busy,
  EmptyState,
  ErrorBanner,
  Field,
  Notice,
  Options,
  PageFrame,
  SaveError,
  formatDate,
  DisclosureButton,
} from "../../components/ui";
import {
  CHANNELS,
  CONSENT_STATUSES,
  CONSENT_STATUS_CLASS,
  LAWFUL_BASES,
  METHODS,
  PURPOSES,
} from "../../labels/privacy";
import { ContactSelect, ProspectPicker, contactLabel, prospectLabel } from "./PersonPicker";
import { RgpdNav } from "./RgpdNav";

export function ConsentsPage() {
  const [prospect, setProspect] = useState<Prospect | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  const consents = useQuery({
    ...privacyQueries.consents(prospect?.id, contact?.id ?? null),
    enabled: prospect !== null,
  });
  const person = prospect ? (contact ? `${contactLabel(contact)} — ${prospect.name}` : prospectLabel(prospect)) : "";

  return (
    <PageFrame
      title="RGPD : consentements"
      operations={["list_prospects", "list_contacts", "read_consents", "create_consent"]}
    >
      <RgpdNav />
      <section className="card" aria-labelledby="consent-person">
        <h2 id="consent-person">Personne concernée</h2>
        <ProspectPicker
          label="Rechercher une fiche"
          selected={prospect}
          onSelect={(p) => {
            setProspect(p);
            setContact(null);
            setAdding(false);
            setSaved(false);
          }}
        />
        {prospect && (
          <ContactSelect
            prospect={prospect}
            value={contact?.id ?? null}
            onChange={(_, c) => {
              setContact(c);
              setSaved(false);
            }}
          />
        )}
      </section>
      {!prospect && (
        <EmptyState title="Choisissez une fiche pour voir ses consentements.">
          Recherchez un particulier ou une entreprise de votre fichier ci-dessus ; pour une entreprise, choisissez
          ensuite le contact concerné.
        </EmptyState>
      )}
      {prospect && (
        <>
          <ErrorBanner error={consents.error} />
          {consents.isPending && <Busy />}
          {consents.data && (
            <>
              <section className="card" aria-labelledby="consent-current">
                <h2 id="consent-current">État actuel : {person}</h2>
                {consents.data.current.length === 0 ? (
                  <p>
                    Aucun consentement, refus ni retrait enregistré. Sans consentement, seule la prospection permise
                    sans accord préalable (B2B par e-mail, téléphone, courrier…) est possible.
                  </p>
                ) : (
                  <ConsentTable
                    consents={sortCurrent(consents.data.current)}
                    caption="État actuel, par finalité et canal"
                    current
                  />
                )}
              </section>
              <section className="card" aria-labelledby="consent-history">
                <h2 id="consent-history">Historique ({consents.data.history.length} événement(s))</h2>
                {consents.data.history.length === 0 ? (
                  <p>Aucun événement : enregistrez le premier consentement recueilli ci-dessous.</p>
                ) : (
                  <ConsentTable
                    consents={consents.data.history}
                    caption="Historique des consentements, du plus récent au plus ancien"
                  />
                )}
                {saved && <Notice>Événement enregistré : il apparaît dans l'historique et l'état actuel.</Notice>}
                <div className="form-actions">
                  <DisclosureButton
                    open={adding}
                    onToggle={() => {
                      setAdding(!adding);
                      setSaved(false);
                    }}
                    primary
                    closeLabel="Fermer le formulaire"
                  >
                    Enregistrer un consentement, un refus ou un retrait
                  </DisclosureButton>
                </div>
                {adding && (
                  <ConsentForm
                    prospect={prospect}
                    contact={contact}
                    onDone={() => {
                      setAdding(false);
                      setSaved(true);
                    }}
                  />
                )}
              </section>
            </>
          )}
        </>
      )}
    </PageFrame>
  );
}

const PURPOSE_ORDER = Object.keys(PURPOSES);
const CHANNEL_ORDER = Object.keys(CHANNELS);

function sortCurrent(list: Consent[]): Consent[] {
  return [...list].sort(
    (a, b) =>
      PURPOSE_ORDER.indexOf(a.purpose) - PURPOSE_ORDER.indexOf(b.purpose) ||
      CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel),
  );
}

function ConsentTable({ consents, caption, current }: { consents: Consent[]; caption: string; current?: boolean }) {
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label={caption}>
      <table className="table compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{current ? "Finalité" : "Date"}</th>
            {!current && <th scope="col">Finalité</th>}
            <th scope="col">Canal</th>
            <th scope="col">{current ? "État" : "Décision"}</th>
            {current && <th scope="col">Depuis le</th>}
            <th scope="col">Base légale</th>
            <th scope="col">Méthode</th>
            <th scope="col">Version du texte</th>
            <th scope="col">Preuve</th>
          </tr>
        </thead>
        <tbody>
          {consents.map((c) => (
            <tr key={c.id}>
              <th scope="row">{current ? PURPOSES[c.purpose] : formatDate(c.given_at, true)}</th>
              {!current && <td>{PURPOSES[c.purpose]}</td>}
              <td>{CHANNELS[c.channel]}</td>
              <td>
                <span className={`status ${CONSENT_STATUS_CLASS[c.status]}`}>{CONSENT_STATUSES[c.status]}</span>
              </td>
              {current && <td>{formatDate(c.given_at, true)}</td>}
              <td>{LAWFUL_BASES[c.lawful_basis]}</td>
              <td>{METHODS[c.method]}</td>
              <td>{c.text_version}</td>
              <td>{c.proof_reference || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "2026-11-27T14:30" for a datetime-local input, in local time. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

type Draft = Omit<ConsentCreate, "given_at" | "contact_id"> & { given_at: string };

function ConsentForm({
  prospect,
  contact,
  onDone,
}: {
  prospect: Prospect;
  contact: Contact | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Draft>({
    purpose: "prospecting",
    channel: "email",
    status: "granted",
    lawful_basis: "consent",
    given_at: localNow(),
    method: "web_form",
    text_version: "",
    proof_reference: "",
    pre_ticked: false,
  });
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
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setForm((f) => ({ ...f, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    const when = form.given_at ? new Date(form.given_at) : null;
    create.mutate({
      ...form,
      contact_id: contact?.id ?? null,
      given_at: when && !Number.isNaN(when.getTime()) ? when.toISOString() : form.given_at,
    });
  }
  const select =
    <K extends keyof Draft>(key: K, options: Record<string, string>) =>
    (p: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => (
      <select {...p} value={String(form[key] ?? "")} onChange={(e) => set(key, e.target.value as Draft[K])}>
        <Options labels={options} />
      </select>
    );
  return (
    <form className="form-grid" onSubmit={submit} aria-label="Nouvel événement de consentement">
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
