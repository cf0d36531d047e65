// The end of the admin forms (account, cohort): what went wrong with the last try — the
// record changed meanwhile, fields the form itself found wrong, the server's refusal — then
// the submit and cancel buttons. (components/FormFooter says « a été modifié » of a masculine
// subject and adds a reload button; these forms keep their own sentence.)
import { isStaleVersion } from "../../api/problem";
import { Notice, SaveError } from "../../components/ui";

export function AdminFormFooter(props: {
  error: unknown;
  /** Whether the form found errors itself (nothing was sent). */
  local: boolean;
  pending: boolean;
  /** "Ce compte a été modifié", "Cette cohorte a été modifiée". */
  changed: string;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      <div className="wide">
        {isStaleVersion(props.error) ? (
          <div role="alert" className="alert alert-error">
            {props.changed} entre-temps : vos modifications n'ont pas été enregistrées. Fermez ce formulaire et
            rouvrez-le depuis la liste à jour.
          </div>
        ) : props.local ? (
          <Notice>Corrigez les champs signalés.</Notice>
        ) : (
          <SaveError error={props.error} />
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.pending}>
          {props.pending ? "Enregistrement…" : props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          Annuler
        </button>
      </div>
    </>
  );
}
