// The prospect file's table: one row a record, with its selection box (bulk actions) for
// the trainee, its trainee's name for staff, its persona match when a persona is chosen.
import { Link } from "react-router-dom";
import type { ProspectOut as Prospect } from "../../api/types";
import { formatDate } from "../../components/ui";
import { PRIORITIES, STATUSES, formatEuros, label } from "../../labels/prospects";

export function ProspectTable(props: {
  rows: Prospect[];
  today: string;
  withMatch: boolean;
  /** The selected records, or none when the reader cannot select (staff). */
  selected?: Map<number, Prospect>;
  onSelect: (rows: Prospect[], on: boolean) => void;
  /** The name of a record's trainee, for staff. */
  owner?: (p: Prospect) => string;
}) {
  const { rows, selected } = props;
  const allOnPage = rows.length > 0 && rows.every((p) => selected?.has(p.id));
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label="Liste des prospects">
      <table className="table">
        <caption className="sr-only">Prospects du fichier</caption>
        <thead>
          <tr>
            {selected && (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Sélectionner toutes les fiches de la page"
                  checked={allOnPage}
                  onChange={(e) => props.onSelect(rows, e.target.checked)}
                />
              </th>
            )}
            <th scope="col">Nom</th>
            {props.owner && <th scope="col">Stagiaire</th>}
            <th scope="col">Type</th>
            <th scope="col">Ville</th>
            <th scope="col">Secteur</th>
            <th scope="col">Statut</th>
            <th scope="col">Priorité</th>
            <th scope="col">Potentiel</th>
            <th scope="col">Prochain contact</th>
            {props.withMatch && <th scope="col">Adéquation au persona</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <ProspectRow
              key={p.id}
              prospect={p}
              today={props.today}
              withMatch={props.withMatch}
              selected={selected?.has(p.id)}
              onSelect={(on) => props.onSelect([p], on)}
              owner={props.owner?.(p)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProspectRow(props: {
  prospect: Prospect;
  today: string;
  withMatch: boolean;
  selected?: boolean;
  onSelect: (on: boolean) => void;
  owner?: string;
}) {
  const { prospect: p, today, withMatch, owner } = props;
  const late = p.next_contact_on !== null && p.next_contact_on < today;
  return (
    <tr>
      {props.selected !== undefined && (
        <td>
          <input
            type="checkbox"
            aria-label={`Sélectionner ${p.name}`}
            checked={props.selected}
            onChange={(e) => props.onSelect(e.target.checked)}
          />
        </td>
      )}
      <th scope="row">
        <Link to={`/prospects/${p.id}`}>{p.name}</Link>
      </th>
      {owner !== undefined && <td>{owner}</td>}
      <td>{p.kind === "company" ? "Entreprise" : "Particulier"}</td>
      <td>{p.city ?? "—"}</td>
      <td>{p.sector ?? "—"}</td>
      <td>
        <span className={`lifecycle lifecycle-${p.status}`}>{label(STATUSES, p.status)}</span>
      </td>
      <td>
        <span className={`priority priority-${p.priority}`} title={PRIORITIES[p.priority]}>
          {p.priority}
        </span>
      </td>
      <td>{formatEuros(p.potential)}</td>
      <td className={late ? "late" : undefined}>
        {formatDate(p.next_contact_on)}
        {late && <span> (en retard)</span>}
      </td>
      {withMatch && <td>{p.persona_match ?? "—"} / 100</td>}
    </tr>
  );
}
