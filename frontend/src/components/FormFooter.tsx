// The end of an edit form of the prospect file (personas, call scripts): what went wrong
// with the last save (somebody changed the record meanwhile, fields to correct, anything
// else), then the submit and cancel buttons.
import { SaveError } from "./ui";
import { isStaleVersion } from "../api/problem";

export function FormFooter(props: {
  error: unknown;
  pending: boolean;
  /** "Ce persona", "Ce script"… */
  subject: string;
  submitLabel: string;
  onReload: () => void;
  onCancel: () => void;
}) {
  const { error } = props;
  return (
    <>
      {isStaleVersion(error) ? (
        <div role="alert" className="alert alert-error wide">
          {props.subject} a été modifié entre-temps : vos modifications n'ont pas été enregistrées. Fermez ce
          formulaire, puis rouvrez-le depuis la liste à jour pour partir de la version actuelle.{" "}
          <button type="button" onClick={props.onReload}>
            Fermer et recharger la liste
          </button>
        </div>
      ) : (
        <SaveError error={error} />
      )}
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
