// The end of an edit form: what went wrong with the last try (somebody changed the record
// meanwhile, fields the form itself found wrong, fields the server refused, anything else),
// then the submit button and, where the form can be closed, the cancel button.
import { Notice, SaveError } from "./ui";
import { isStaleVersion } from "../api/problem";

/** The stale sentence of the forms opened from a list, which offer to reload it ("Ce persona", "Ce script"…). */
export function changedMeanwhile(subject: string): string {
  // « Cette campagne a été modifiée », « Ce persona a été modifié ».
  const changed = subject.startsWith("Cette ") ? "modifiée" : "modifié";
  return `${subject} a été ${changed} entre-temps : vos modifications n'ont pas été enregistrées. Fermez ce formulaire, puis rouvrez-le depuis la liste à jour pour partir de la version actuelle.`;
}

export function FormFooter(props: {
  error: unknown;
  pending: boolean;
  /** What the alert says when the record was changed meanwhile: the whole sentence. */
  stale: string;
  /** Whether the form found errors itself (nothing was sent). */
  local?: boolean;
  submitLabel: string;
  /** Adds « Fermer et recharger la liste » to the stale alert. */
  onReload?: () => void;
  /** Adds the « Annuler » button. */
  onCancel?: () => void;
}) {
  const { error } = props;
  const message = isStaleVersion(error) ? (
    <div role="alert" className="alert alert-error">
      {props.stale}
      {props.onReload && (
        <>
          {" "}
          <button type="button" onClick={props.onReload}>
            Fermer et recharger la liste
          </button>
        </>
      )}
    </div>
  ) : props.local ? (
    <Notice>Corrigez les champs signalés.</Notice>
  ) : error ? (
    <SaveError error={error} />
  ) : null;
  return (
    <>
      {message && <div className="wide">{message}</div>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.pending}>
          {props.pending ? "Enregistrement…" : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Annuler
          </button>
        )}
      </div>
    </>
  );
}
