// The RGPD channel policy for one person (CP3.1): which channels an outbound contact may use
// today, and the rule behind each answer, as the server decides it.
import { useQuery } from "@tanstack/react-query";
import { prospectQueries } from "../../api/queries/prospects";
import { Field } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { PersonSelect, type RecordPeople } from "./PersonSelect";
import { CHANNELS, label } from "../../labels/prospects";

export function ChannelPolicyCard({ prospectId, company, contacts }: RecordPeople) {
  // The question asked: who, on which day, and the two exceptions; every change asks again.
  const { values, set } = useForm({
    contact_id: null as number | null,
    about_contract: false,
    analogous_offer: false,
    on: "",
  });
  const query = {
    contact_id: values.contact_id ?? undefined,
    about_contract: values.about_contract || undefined,
    analogous_offer: values.analogous_offer || undefined,
    on: values.on || undefined,
  };
  const policy = useQuery({
    ...prospectQueries.channelPolicy(prospectId, query),
  });
  return (
    <section className="card" aria-labelledby="policy-title">
      <h2 id="policy-title">Canaux de contact permis (RGPD)</h2>
      <div className="filters">
        <PersonSelect
          company={company}
          label="Personne contactée"
          contacts={contacts}
          value={values.contact_id}
          onChange={(id) => set("contact_id", id)}
        />
        <Field label="Date du contact" hint="Aujourd'hui si vide.">
          {(p) => <input {...p} type="date" value={values.on} onChange={(e) => set("on", e.target.value)} />}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={values.about_contract}
            onChange={(e) => set("about_contract", e.target.checked)}
          />
          À propos d'un contrat en cours
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={values.analogous_offer}
            onChange={(e) => set("analogous_offer", e.target.checked)}
          />
          Offre analogue à ses achats
        </label>
      </div>
      <QueryState query={policy}>
        {(d) => (
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
      </QueryState>
    </section>
  );
}
