// Steps 3 to 5 of the import wizard: the dry run, the writing and the final report of a job.
import type { ImportJobOut as ImportJob } from "../../api/types";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { ErrorBanner, Notice, formatDate } from "../../components/ui";
import { commitImport } from "../../api/imports";
import { IMPORT_STATUSES, STATUS_CLASS } from "../../labels/imports";
import { importsChanged } from "../../api/queries/imports";
import { Progress } from "./Progress";
import { CANCELLABLE, progressOf, readReport } from "./report";
import { DryRunReport, FinalReport, matchedNames } from "./ImportReports";
import { useCancelImport } from "./useCancelImport";

export function JobStep(props: {
  job: ImportJob;
  canEditMapping: boolean;
  onEditMapping: () => void;
  onRestart: () => void;
}) {
  const { job } = props;
  const queryClient = useQueryClient();
  const report = readReport(job.report);
  const settle = (updated: ImportJob) => {
    importsChanged.job(queryClient, updated);
  };
  // The button says "import the N valid rows": it does so, leaving the rows in error out.
  const commit = useMutation({ mutationFn: () => commitImport(job.id, job.error_rows > 0), onSuccess: settle });
  const cancel = useCancelImport(job.id);

  const summary = (
    <p>
      Import n° {job.id} — <strong>{job.filename}</strong> ({job.file_format.toUpperCase()}), envoyé le{" "}
      {formatDate(job.created_at, true)} :{" "}
      <span className={`status ${STATUS_CLASS[job.status]}`}>{IMPORT_STATUSES[job.status]}</span>
    </p>
  );
  const cancelButton = CANCELLABLE.has(job.status) && (
    <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
      {cancel.isPending ? "Annulation…" : "Annuler l'import"}
    </button>
  );

  if (job.status === "pending" || job.status === "validating") {
    const pct = progressOf(job);
    return (
      <>
        {summary}
        <Progress label="Avancement de l'analyse à blanc" value={pct} />
        <p role="status">
          Analyse en cours : {job.processed_rows} ligne(s) lue(s) sur environ {job.total_rows}. Rien n'est écrit dans
          votre fichier.
        </p>
        <ErrorBanner error={cancel.error} />
        <div className="form-actions">{cancelButton}</div>
      </>
    );
  }

  if (job.status === "writing") {
    return (
      <>
        {summary}
        <Progress label="Écriture de l'import" value={null} text="écriture en cours" />
        <p role="status">
          Écriture de {job.valid_rows} ligne(s) en une seule transaction : si une écriture échoue, rien n'est importé.
        </p>
      </>
    );
  }

  if (
    job.status === "committed" ||
    job.status === "cancelled" ||
    (job.status === "failed" && report.skipInvalidRows !== null)
  ) {
    return (
      <>
        {summary}
        <FinalReport job={job} />
        <div className="form-actions">
          {job.status === "committed" && <Link to="/prospects">Voir le fichier prospects</Link>}
          <button type="button" className="primary" onClick={props.onRestart}>
            Importer un autre fichier
          </button>
        </div>
      </>
    );
  }

  if (job.status === "failed") {
    return (
      <>
        {summary}
        <div role="alert" className="alert alert-error">
          <strong>L'analyse du fichier a échoué. </strong>
          {job.error ?? "Erreur inconnue."}
        </div>
        <div className="form-actions">
          <button type="button" className="primary" onClick={props.onRestart}>
            Envoyer un autre fichier
          </button>
        </div>
      </>
    );
  }

  // validated: the dry-run's report, then the commit.
  return (
    <>
      {summary}
      <DryRunReport job={job} matched={matchedNames(job)} />
      <h3>Écrire l'import</h3>
      {job.valid_rows === 0 ? (
        <p>Aucune ligne valide à importer : corrigez le fichier puis envoyez-le de nouveau.</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            commit.mutate();
          }}
          aria-label="Écrire l'import"
        >
          <p>
            L'écriture se fait en une seule fois : toutes les lignes retenues sont écrites, ou aucune si une écriture
            échoue.
          </p>
          {job.error_rows > 0 && (
            <p className="hint" id="commit-skips">
              Les {job.error_rows} ligne(s) en erreur ne seront pas importées : corrigez-les dans votre fichier pour les
              importer plus tard, ou modifiez la correspondance avant d'écrire.
            </p>
          )}
          {job.error && <Notice>{job.error}</Notice>}
          <ErrorBanner error={commit.error} />
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              disabled={commit.isPending}
              aria-busy={commit.isPending}
              aria-describedby={job.error_rows > 0 ? "commit-skips" : undefined}
            >
              {commit.isPending ? "Démarrage…" : `Importer les ${job.valid_rows} ligne(s) valide(s)`}
            </button>
          </div>
        </form>
      )}
      <ErrorBanner error={cancel.error} />
      <div className="form-actions">
        {props.canEditMapping ? (
          <button type="button" onClick={props.onEditMapping}>
            Modifier la correspondance
          </button>
        ) : (
          <p className="hint">
            Pour modifier la correspondance, envoyez de nouveau le fichier (il n'est plus dans cette page).{" "}
            <button type="button" onClick={props.onRestart}>
              Envoyer le fichier de nouveau
            </button>
          </p>
        )}
        {cancelButton}
      </div>
    </>
  );
}
