// The RGPD channel policy for one person (CP3.1): which channels an outbound contact may use
// today, and the rule behind each answer, as the server decides it.
import type { ContactOut as Contact } from "../../api/types";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { prospectQueries } from "../../api/queries/prospects";
import { Busy, ErrorBanner, Field } from "../../components/ui";
import { PersonSelect } from "./ContactsCard";
import { CHANNELS, label } from "../../labels/prospects";

export function ChannelPolicyCard({
  prospectId,
  company,
  contacts,
}: {
  prospectId: number;
  company: boolean;
  contacts: Contact[];
}) {
  const [contactId, setContactId] = useState<number | null>(null);
  const [aboutContract, setAboutContract] = useState(false);
  const [analogousOffer, setAnalogousOffer] = useState(false);
  const [on, setOn] = useState("");
  const query = {
    contact_id: contactId ?? undefined,
    about_contract: aboutContract || undefined,
    analogous_offer: analogousOffer || undefined,
    on: on || undefined,
  };
  const policy = useQuery({
    ...prospectQueries.channelPolicy(prospectId, query),
  });
  const d = policy.data;
  return (
    <section className="card" aria-labelledby="policy-title">
      <h2 id="policy-title">Canaux de contact permis (RGPD)</h2>
      <div className="filters">
        {company && contacts.length > 0 && (
          <PersonSelect label="Personne contactée" contacts={contacts} value={contactId} onChange={setContactId} />
        )}
        <Field label="Date du contact" hint="Aujourd'hui si vide.">
          {(p) => <input {...p} type="date" value={on} onChange={(e) => setOn(e.target.value)} />}
        </Field>
        <label className="check">
          <input type="checkbox" checked={aboutContract} onChange={(e) => setAboutContract(e.target.checked)} />À propos
          d'un contrat en cours
        </label>
        <label className="check">
          <input type="checkbox" checked={analogousOffer} onChange={(e) => setAnalogousOffer(e.target.checked)} />
          Offre analogue à ses achats
        </label>
      </div>
      <ErrorBanner error={policy.error} />
      {policy.isPending && <Busy />}
      {d && (
        <>
          <p>
            Le {new Date(d.on).toLocaleDateString("fr-FR")}, canaux permis :{" "}
            <strong>
              {d.allowed_channels.length ? d.allowed_channels.map((c) => label(CHANNELS, c)).join(", ") : "aucun"}
            </strong>
            .
          </p>
          <ul className="policy-list" aria-label="Décision par canal">
            {d.decisions.map((decision) => (
              <li key={decision.channel}>
                <strong>{label(CHANNELS, decision.channel)}</strong> :{" "}
                <span className={decision.allowed ? "decision-allowed" : "decision-refused"}>
                  {decision.allowed ? "permis" : "refusé"}
                </span>
                <br />
                <span>{decision.detail}</span> <small className="muted">(règle {decision.rule})</small>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
