// The RFM grid: recency (5, the most recent, first) by frequency (1 to 5), each cell a
// button that filters the customers below. A real table with its headers; each cell says its
// count (and amount) in words as well as by its shade.
import type { GridCellOut } from "../../api/types";
import { formatEuros } from "../../labels/prospects";
import { cellLabel, gridRows, type CellFilter } from "./logic";

const SHADES = ["aucun client", "peu de clients", "", "", "le plus de clients"];

export function RfmGrid(props: {
  cells: readonly GridCellOut[];
  selected: CellFilter;
  onSelect: (c: CellFilter) => void;
}) {
  const rows = gridRows(props.cells);
  return (
    <div className="rfm-layout">
      <div className="scroll-x">
        <table className="rfm-grid">
          <caption>Grille RFM : nombre de clients par score de récence (lignes) et de fréquence (colonnes)</caption>
          <thead>
            <tr>
              <td />
              {[1, 2, 3, 4, 5].map((f) => (
                <th key={f} scope="col">
                  F{f}
                  <span className="sr-only"> (fréquence {f})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.r}>
                <th scope="row">
                  R{row.r}
                  <span className="sr-only"> (récence {row.r})</span>
                </th>
                {row.cells.map((cell) => {
                  const selected = props.selected?.r === cell.r && props.selected?.f === cell.f;
                  return (
                    <td key={cell.f}>
                      <button
                        type="button"
                        className={`shade-${cell.level}`}
                        aria-pressed={selected}
                        aria-label={cellLabel(cell)}
                        title={cellLabel(cell)}
                        onClick={() => props.onSelect(selected ? null : { r: cell.r, f: cell.f })}
                      >
                        {cell.customers}
                        {cell.customers > 0 && <small>{formatEuros(cell.amount)}</small>}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <p className="hint">
          R5 : achat le plus récent ; F5 : achats les plus fréquents. Chaque case indique son nombre de clients et son
          montant HT ; la teinte suit le nombre. Choisissez une case pour filtrer la liste des clients.
        </p>
        <ul className="rfm-legend" aria-label="Légende des teintes">
          {[0, 1, 4].map((level) => (
            <li key={level}>
              <span aria-hidden="true" className={`shade-${level}`} /> {SHADES[level]}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
