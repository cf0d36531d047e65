// The import wizard's reports: the dry run's (row errors, duplicates and the records they
// match) and the final one.
import type { ImportJobOut as ImportJob } from "../../api/types";
import { Link } from "react-router-dom";
import { Notice, formatDate } from "../../components/ui";
import { DUPLICATE_DECISIONS, DUPLICATE_KEYS, DUPLICATE_POLICIES, KINDS } from "../../labels/imports";
import { useFieldLabel } from "./rules";
import { readReport, type Duplicate, type RowError } from "./report";

/** The existing records the duplicates match, by id (their names, read by the server). */
export function matchedNames(job: ImportJob): Map<number, string> {
  return new Map((job.matched_prospects ?? []).map((p) => [p.id, p.name]));
}

function DuplicateOf({ duplicate, matched }: { duplicate: Duplicate; matched: Map<number, string> }) {
  const id = duplicate.matchedProspectId;
  if (id === null) return <>la ligne {duplicate.matchedRow ?? "?"} du fichier envoyé</>;
  const name = matched.get(id);
  if (name === undefined) return <>la fiche n° {id} (anonymisée ou supprimée depuis)</>;
  return (
    <>
      la fiche <Link to={`/prospects/${id}`}>{name}</Link> <small className="muted">(n° {id})</small>
    </>
  );
}

/** The rows in error: the spreadsheet's line, the field (and the file's column) and why. */
function RowErrors({ caption, errors, withColumn }: { caption: string; errors: RowError[]; withColumn?: boolean }) {
  const fieldLabel = useFieldLabel();
  return (
    <table className="table compact">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Ligne</th>
          {withColumn && <th scope="col">Colonne du fichier</th>}
          <th scope="col">Champ</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, index) => (
          <tr key={`${e.row}-${e.field}-${index}`}>
            <th scope="row">{e.row}</th>
            {withColumn && <td>{e.column ?? "—"}</td>}
            <td>{fieldLabel(e.field)}</td>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DryRunReport({ job, matched }: { job: ImportJob; matched: Map<number, string> }) {
  const fieldLabel = useFieldLabel();
  const report = readReport(job.report);
  const planned = report.planned ?? { create: 0, update: 0, skip: 0 };
  return (
    <>
      <h3>Rapport de l'analyse à blanc</h3>
      <dl className="counts">
        <div>
          <dt>Lignes lues</dt>
          <dd>{job.total_rows}</dd>
        </div>
        <div>
          <dt>Lignes valides</dt>
          <dd>{job.valid_rows}</dd>
        </div>
        <div>
          <dt>Lignes en erreur</dt>
          <dd className={job.error_rows ? "late" : undefined}>{job.error_rows}</dd>
        </div>
        <div>
          <dt>Doublons</dt>
          <dd>{job.duplicate_rows}</dd>
        </div>
        <div>
          <dt>Fiches à créer</dt>
          <dd>{planned.create}</dd>
        </div>
        <div>
          <dt>Fiches à compléter</dt>
          <dd>{planned.update}</dd>
        </div>
        <div>
          <dt>Lignes à ignorer</dt>
          <dd>{planned.skip}</dd>
        </div>
      </dl>

      <h4>Erreurs par ligne</h4>
      {report.errors.length === 0 ? (
        <p>Aucune erreur : toutes les lignes sont valides.</p>
      ) : (
        <>
          <p className="hint">
            Numéros de ligne du tableur (l'en-tête est la ligne 1). Corrigez ces lignes dans votre fichier, ou importez
            seulement les lignes valides.
          </p>
          <div className="scroll-x" tabIndex={0} role="region" aria-label="Erreurs par ligne">
            <RowErrors caption="Erreurs de l'analyse à blanc, par ligne" errors={report.errors} withColumn />
          </div>
          {report.errorsTruncated && (
            <p className="hint">
              Seules les {report.errors.length} premières erreurs sont listées ({report.errorsTotal} au total).
            </p>
          )}
        </>
      )}

      <h4>Doublons</h4>
      {report.duplicates.length === 0 ? (
        <p>Aucun doublon trouvé dans votre fichier prospects ni dans le fichier envoyé.</p>
      ) : (
        <>
          <div className="scroll-x" tabIndex={0} role="region" aria-label="Doublons">
            <table className="table compact">
              <caption className="sr-only">Doublons et décision prise pour chacun</caption>
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Doublon de</th>
                  <th scope="col">Reconnu par</th>
                  <th scope="col">Décision</th>
                </tr>
              </thead>
              <tbody>
                {report.duplicates.map((d) => (
                  <tr key={d.row}>
                    <th scope="row">{d.row}</th>
                    <td>
                      <DuplicateOf duplicate={d} matched={matched} />
                    </td>
                    <td>{DUPLICATE_KEYS[d.on] ?? d.on}</td>
                    <td>{DUPLICATE_DECISIONS[job.duplicate_policy]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.duplicatesTruncated && (
            <p className="hint">
              Seuls les {report.duplicates.length} premiers doublons sont listés ({report.duplicatesTotal} au total).
            </p>
          )}
        </>
      )}

      <details>
        <summary>
          Correspondance utilisée ({Object.values(report.mapping).filter(Boolean).length} colonne(s) importée(s))
        </summary>
        <table className="table compact">
          <caption className="sr-only">Correspondance des colonnes utilisée</caption>
          <thead>
            <tr>
              <th scope="col">Colonne du fichier</th>
              <th scope="col">Champ</th>
            </tr>
          </thead>
          <tbody>
            {report.columns.map((column) => (
              <tr key={column}>
                <th scope="row">{column}</th>
                <td>{report.mapping[column] ? fieldLabel(report.mapping[column]) : "ignorée"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Doublons : {DUPLICATE_POLICIES[job.duplicate_policy].toLowerCase()}.
          {report.kindDefault && ` Type par défaut : ${KINDS[report.kindDefault] ?? report.kindDefault}.`}
        </p>
      </details>
    </>
  );
}

export function FinalReport({ job }: { job: ImportJob }) {
  const report = readReport(job.report);
  if (job.status === "cancelled") {
    return (
      <Notice>
        Import annulé le {formatDate(job.finished_at, true)} : rien n'a été écrit et le fichier envoyé a été effacé.
      </Notice>
    );
  }
  if (job.status === "failed") {
    return (
      <div role="alert" className="alert alert-error">
        <strong>L'écriture a échoué. </strong>
        {job.error ?? "Aucune ligne n'a été importée."}
      </div>
    );
  }
  const r = report.result;
  return (
    <>
      <p role="status">
        Import terminé le {formatDate(job.finished_at, true)} : {job.created_count} fiche(s) créée(s),{" "}
        {job.updated_count} complétée(s).
      </p>
      <dl className="counts">
        <div>
          <dt>Fiches créées</dt>
          <dd>{r?.created ?? job.created_count}</dd>
        </div>
        <div>
          <dt>Fiches complétées</dt>
          <dd>{r?.updated ?? job.updated_count}</dd>
        </div>
        <div>
          <dt>Doublons ignorés</dt>
          <dd>{r?.skippedDuplicates ?? 0}</dd>
        </div>
        <div>
          <dt>Lignes en erreur ignorées</dt>
          <dd>{r?.skippedInvalid ?? 0}</dd>
        </div>
        <div>
          <dt>Contacts créés</dt>
          <dd>{r?.contactsCreated ?? 0}</dd>
        </div>
        <div>
          <dt>Consentements enregistrés</dt>
          <dd>{r?.consentsRecorded ?? 0}</dd>
        </div>
      </dl>
      {report.errors.length > 0 && (
        <details>
          <summary>Lignes en erreur non importées ({job.error_rows})</summary>
          <RowErrors caption="Lignes en erreur non importées" errors={report.errors} />
        </details>
      )}
    </>
  );
}
