// What the market answered to a call or an e-mail: the outcome (the server's French label),
// the probabilities it was drawn from and the factors applied (with the server's labels),
// links to the record it became in the file (its timeline) and to the appointment it set.
// A refusal of the channel policy (409) is shown instead, with the policy's own message:
// nothing was recorded and the market was not asked.
import { useEffect, useRef } from "react";
import { Link } from "react-router-dom";
import type { AnswerOut, Channel } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { MARKET_OUTCOMES, SONCAS_MOTIVES, labelOf } from "../../labels/exercises";
import { CHANNELS, label } from "../../labels/prospects";
import type { ChannelRefusal } from "../prospects/problems";
import { factor, longDay, probability } from "./format";

export function AnswerView(props: {
  answer: AnswerOut;
  channel: "phone" | "email";
  prospect: { id: number; name: string };
  hour: number;
}) {
  const { answer, prospect } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  // The answer takes the focus: it is what the trainee waits for.
  useEffect(() => heading.current?.focus(), [answer.event_id]);
  const titleId = `answer-${answer.event_id}`;
  return (
    <section className="answer" aria-labelledby={titleId}>
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        Réponse du marché : {answer.outcome_label}
      </h3>
      <p>
        {props.channel === "phone" ? "Appel" : "E-mail"} à {prospect.name}, {longDay(answer.day)} à {props.hour} h.{" "}
        <Link to={`/prospects/${prospect.id}`}>Voir la fiche de {prospect.name} et son historique</Link>
        {answer.appointment_id !== null && (
          <>
            {" · "}
            <Link to={`/agenda?rendez-vous=${answer.appointment_id}`}>Voir le rendez-vous dans l'agenda</Link>
          </>
        )}
      </p>
      {answer.objection_motive && (
        <p>Mobile d'achat derrière l'objection : {labelOf(SONCAS_MOTIVES, answer.objection_motive)}.</p>
      )}
      <div className="grid-2">
        <div>
          <h4>Probabilités de chaque issue</h4>
          <DataTable
            caption="Probabilités de chaque issue"
            className="table compact"
            headers={["Issue", { label: "Probabilité", className: "num" }]}
          >
            {Object.entries(answer.probabilities).map(([outcome, p]) => (
              <tr key={outcome} className={outcome === answer.outcome ? "drawn" : undefined}>
                <th scope="row">
                  {labelOf(MARKET_OUTCOMES, outcome)}
                  {outcome === answer.outcome && <strong> (tirée)</strong>}
                </th>
                <td className="num">{probability(p)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
        <div>
          <h4>Facteurs appliqués</h4>
          <DataTable
            caption="Facteurs appliqués"
            className="table compact"
            headers={["Facteur", { label: "Effet", className: "num" }]}
          >
            {answer.factors.map((f) => (
              <tr key={f.code}>
                <th scope="row">{f.label}</th>
                <td className="num">{factor(f.value)}</td>
              </tr>
            ))}
          </DataTable>
          <p className="hint">
            Chaque facteur multiplie la probabilité de l'étape qu'il concerne (× 1 : sans effet) ; ils viennent de ce
            que vous avez fait (heure, script, cible) et de la personne.
          </p>
        </div>
      </div>
      {answer.criteria && answer.criteria.length > 0 && (
        <p className="muted">Preuves enregistrées dans votre portfolio : {answer.criteria.join(", ")}.</p>
      )}
    </section>
  );
}

export function MarketRefusal({ refusal, channel }: { refusal: ChannelRefusal; channel: "phone" | "email" }) {
  const allowed = refusal.allowedChannels.map((c) => label(CHANNELS, c as Channel));
  return (
    <div role="alert" className="alert alert-error refusal">
      <p>
        <strong>
          {channel === "phone" ? "Appel refusé" : "E-mail refusé"} par la politique RGPD (
          {label(CHANNELS, (refusal.channel ?? channel) as Channel).toLowerCase()}) : rien n'a été enregistré et le
          marché n'a pas été consulté.
        </strong>
      </p>
      <p>{refusal.detail}</p>
      {allowed.length > 0 ? (
        <>
          <p>Canaux encore permis pour cette personne :</p>
          <ul aria-label="Canaux encore permis">
            {allowed.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>Aucun canal n'est permis pour cette personne aujourd'hui.</p>
      )}
      <p className="muted">Règle appliquée : {refusal.rule}.</p>
    </div>
  );
}
