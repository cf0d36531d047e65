// An appointment that starts in the past: the API refuses it unless it is marked as the
// record of a meeting that already took place (`past_record`, then saved as done). The form
// says so as soon as the date is typed, and offers the mark, rather than waiting for the 422.
/** The API's tolerance (app/prospects/interactions.py, PAST_GRACE): a form filled in during
 * the first minutes of the meeting is not "in the past". */
export const PAST_GRACE_MINUTES = 15;

/** Whether a `datetime-local` value starts before `reference` (now by default), beyond the grace. */
export function startsInPast(local: string, reference: Date = new Date()): boolean {
  if (!local) return false;
  const start = new Date(local).getTime();
  return Number.isFinite(start) && start < reference.getTime() - PAST_GRACE_MINUTES * 60_000;
}

export function PastAppointmentCheck(props: {
  startsAt: string;
  /** The exchange the appointment was taken in (its time), else now. */
  reference?: Date;
  what?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  if (!startsInPast(props.startsAt, props.reference)) return null;
  return (
    <div className="wide alert alert-warn" role="status">
      <p>
        Ce rendez-vous commence dans le passé ({props.what ?? "avant maintenant"}). S'il est à venir, corrigez sa date ;
        s'il a déjà eu lieu, cochez la case ci-dessous : il sera consigné comme réalisé.
      </p>
      <label className="check">
        <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
        C'est un rendez-vous passé, à consigner tel quel
      </label>
    </div>
  );
}
