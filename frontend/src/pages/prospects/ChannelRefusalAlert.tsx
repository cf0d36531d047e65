// An exchange refused by the RGPD channel policy (409): the server's French explanation,
// the channels that remain allowed (one click picks one), and the rule applied.
import type { Channel } from "../../api/types";
import { CHANNELS, label } from "../../labels/prospects";
import type { ChannelRefusal } from "./problems";

export function ChannelRefusalAlert(props: {
  refusal: ChannelRefusal;
  /** The channel the form sent (when the refusal does not name one). */
  channel: Channel;
  onPick: (channel: Channel) => void;
}) {
  const { refusal } = props;
  return (
    <div role="alert" className="alert alert-error refusal wide">
      <p>
        <strong>
          Échange refusé par la politique RGPD (
          {label(CHANNELS, (refusal.channel ?? props.channel) as Channel).toLowerCase()}) : rien n'a été enregistré.
        </strong>
      </p>
      <p>{refusal.detail}</p>
      {refusal.allowedChannels.length > 0 ? (
        <>
          <p>Canaux encore permis pour cette personne :</p>
          <ul aria-label="Canaux encore permis">
            {refusal.allowedChannels.map((c) => (
              <li key={c}>
                {label(CHANNELS, c as Channel)}{" "}
                <button type="button" className="link" onClick={() => props.onPick(c as Channel)}>
                  choisir ce canal
                </button>
              </li>
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
