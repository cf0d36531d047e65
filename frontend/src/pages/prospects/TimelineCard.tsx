// Everything that happened to a record, newest first: exchanges, status changes, consents,
// appointments (CP3.7).
import { useQuery } from "@tanstack/react-query";
import { prospectQueries } from "../../api/queries/prospects";
import type { TimelineEvent } from "../../api/types";
import { EmptyState, formatDate } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { APPOINTMENT_STATUSES, CHANNELS, OUTCOMES, STATUSES } from "../../labels/prospects";
// The consent vocabulary is the RGPD pages' (one wording everywhere).
import { CHANNELS as CONSENT_CHANNELS, CONSENT_STATUSES, PURPOSES } from "../../labels/privacy";

const str = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const lookup = (labels: Record<string, string>, v: unknown) => labels[str(v)] ?? (str(v) || "—");

/** One event as a French title and its details. */
export function describeEvent(e: TimelineEvent): { title: string; details: string[] } {
  const d = e.data;
  switch (e.kind) {
    case "interaction": {
      const way = d.direction === "inbound" ? "Échange entrant" : "Échange sortant";
      const details = [
        str(d.notes),
        d.next_step ? `Prochaine étape : ${str(d.next_step)}` : "",
        d.next_contact_on ? `Prochain contact le ${formatDate(str(d.next_contact_on))}` : "",
        d.policy_rule ? `Canal vérifié (règle ${str(d.policy_rule)})` : "",
      ];
      return {
        title: `${way} — ${lookup(CHANNELS, d.channel)} : ${lookup(OUTCOMES, d.outcome)}`,
        details: details.filter(Boolean),
      };
    }
    case "status_change":
      return {
        title: d.from
          ? `Statut : ${lookup(STATUSES, d.from)} → ${lookup(STATUSES, d.to)}`
          : `Fiche créée (${lookup(STATUSES, d.to)})`,
        details: d.reason ? [`Raison : ${str(d.reason)}`] : [],
      };
    case "consent":
      return {
        title: `Consentement ${lookup(PURPOSES, d.purpose).toLowerCase()} par ${lookup(CONSENT_CHANNELS, d.channel).toLowerCase()} : ${lookup(CONSENT_STATUSES, d.status).toLowerCase()}`,
        details: [],
      };
    case "appointment":
      return {
        title: `Rendez-vous ${lookup(APPOINTMENT_STATUSES, d.status).toLowerCase()}`,
        details: [d.place ? `Lieu : ${str(d.place)}` : ""].filter(Boolean),
      };
    default:
      return { title: e.summary, details: [] };
  }
}

export function useTimeline(prospectId: number) {
  return useQuery({
    ...prospectQueries.timeline(prospectId),
  });
}

export function TimelineCard({ prospectId }: { prospectId: number }) {
  const timeline = useTimeline(prospectId);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Chronologie</h2>
      <QueryState
        query={timeline}
        isEmpty={(events) => events.length === 0}
        empty={
          <EmptyState title="Rien n'est encore arrivé sur cette fiche.">
            Enregistrez votre premier échange ci-dessus.
          </EmptyState>
        }
      >
        {(events) => (
          <ol className="timeline" aria-label="Événements, du plus récent au plus ancien">
            {events.map((e) => {
              const { title, details } = describeEvent(e);
              return (
                <li key={`${e.kind}-${e.id}`} className={`timeline-${e.kind}`}>
                  <time dateTime={e.at}>{formatDate(e.at, true)}</time>
                  <div>
                    <strong>{title}</strong>
                  </div>
                  {details.map((line, i) => (
                    <div key={i}>{line}</div>
                  ))}
                </li>
              );
            })}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
