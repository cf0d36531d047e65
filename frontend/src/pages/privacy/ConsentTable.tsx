// A person's consents as a table: the current state (one row per purpose and channel, in
// the order of the labels) or the whole history (one row per event, newest first).
import type { ConsentOut as Consent } from "../../api/types";
import { formatDate } from "../../components/ui";
import {
  CHANNELS,
  CONSENT_STATUSES,
  CONSENT_STATUS_CLASS,
  LAWFUL_BASES,
  METHODS,
  PURPOSES,
} from "../../labels/privacy";

const PURPOSE_ORDER = Object.keys(PURPOSES);
const CHANNEL_ORDER = Object.keys(CHANNELS);

export function sortCurrent(list: Consent[]): Consent[] {
  return [...list].sort(
    (a, b) =>
      PURPOSE_ORDER.indexOf(a.purpose) - PURPOSE_ORDER.indexOf(b.purpose) ||
      CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel),
  );
}

export function ConsentTable({
  consents,
  caption,
  current,
}: {
  consents: Consent[];
  caption: string;
  current?: boolean;
}) {
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
