// A person's consent history (CP3.7): the current state per purpose and channel, every event
// with its date, method and proof, and a form to record a new one (append-only).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { privacyQueries } from "../../api/queries/privacy";
import type { ContactOut as Contact, ProspectOut as Prospect } from "../../api/types";
import { DisclosureButton, EmptyState, Notice, PageFrame } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { ConsentForm } from "./ConsentForm";
import { ConsentTable, sortCurrent } from "./ConsentTable";
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
        <QueryState query={consents}>
          {(data) => (
            <>
              <section className="card" aria-labelledby="consent-current">
                <h2 id="consent-current">État actuel : {person}</h2>
                {data.current.length === 0 ? (
                  <p>
                    Aucun consentement, refus ni retrait enregistré. Sans consentement, seule la prospection permise
                    sans accord préalable (B2B par e-mail, téléphone, courrier…) est possible.
                  </p>
                ) : (
                  <ConsentTable
                    consents={sortCurrent(data.current)}
                    caption="État actuel, par finalité et canal"
                    current
                  />
                )}
              </section>
              <section className="card" aria-labelledby="consent-history">
                <h2 id="consent-history">Historique ({data.history.length} événement(s))</h2>
                {data.history.length === 0 ? (
                  <p>Aucun événement : enregistrez le premier consentement recueilli ci-dessous.</p>
                ) : (
                  <ConsentTable
                    consents={data.history}
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
        </QueryState>
      )}
    </PageFrame>
  );
}
