// The planner's visits: each prospect to visit with its duration, time window and priority,
// reordered or removed from the keyboard (the focus follows the row moved or goes to the next).
import { useEffect, useRef, useState } from "react";
import { EmptyState } from "../../components/ui";
import { DEFAULT_VISIT_MINUTES, type Draft, type DraftVisit } from "./draft";

export function VisitsCard(props: {
  draft: Draft;
  errors: Record<number, string>;
  setVisit: (index: number, change: Partial<DraftVisit>) => void;
  move: (index: number, delta: number) => void;
  remove: (index: number) => void;
}) {
  const { visits } = props.draft;
  // Where the keyboard focus goes after a move or a removal (the focused button may have
  // moved or gone): the same arrow on the moved row (the other one at an end), or the next
  // row's "Retirer", or this card's heading when the list is empty.
  const [focusNext, setFocusNext] = useState<{ selector: string; fallback?: string } | null>(null);
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focusNext || !card.current) return;
    const usable = (sel?: string) => {
      const el = sel ? card.current?.querySelector<HTMLElement>(sel) : null;
      return el && !(el as HTMLButtonElement).disabled ? el : null;
    };
    (
      usable(focusNext.selector) ??
      usable(focusNext.fallback) ??
      card.current.querySelector<HTMLElement>("h2")
    )?.focus();
    setFocusNext(null);
  }, [focusNext, visits]);
  const move = (index: number, delta: number, key: string) => {
    props.move(index, delta);
    const [same, other] = delta < 0 ? ["up", "down"] : ["down", "up"];
    setFocusNext({
      selector: `[data-visit="${key}"] [data-move="${same}"]`,
      fallback: `[data-visit="${key}"] [data-move="${other}"]`,
    });
  };
  const remove = (index: number) => {
    const next = visits[index + 1] ?? visits[index - 1];
    props.remove(index);
    setFocusNext({ selector: next ? `[data-visit="${next.key}"] [data-move="remove"]` : "h2" });
  };
  return (
    <section className="card" aria-labelledby="tour-visits-title" ref={card}>
      <h2 id="tour-visits-title" tabIndex={-1}>
        Visites de la tournée ({visits.length})
      </h2>
      {visits.length === 0 ? (
        <EmptyState title="Aucune visite choisie.">
          Ajoutez des rendez-vous ou recherchez des prospects ci-dessus.
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            L'ordre de cette liste est « votre ordre » : la tournée planifiée lui est comparée (km, temps, CO₂).
          </p>
          <div className="scroll-x">
            <table className="table compact tour-visits">
              <caption className="sr-only">Visites choisies, dans votre ordre</caption>
              <thead>
                <tr>
                  <th scope="col">N°</th>
                  <th scope="col">Visite</th>
                  <th scope="col">Durée (min)</th>
                  <th scope="col">Priorité</th>
                  <th scope="col">Ordre et retrait</th>
                </tr>
              </thead>
              <tbody>
                {visits.map((visit, index) => (
                  <tr key={visit.key} data-visit={visit.key}>
                    <td>{index + 1}</td>
                    <th scope="row">
                      {visit.label}
                      {visit.detail && (
                        <>
                          <br />
                          <small className="muted">{visit.detail}</small>
                        </>
                      )}
                      {props.errors[index] && (
                        <>
                          <br />
                          <small className="field-error">{props.errors[index]}</small>
                        </>
                      )}
                    </th>
                    <td>
                      <label className="sr-only" htmlFor={`visit-duration-${visit.key}`}>
                        Durée de la visite {visit.label} (minutes)
                      </label>
                      <input
                        id={`visit-duration-${visit.key}`}
                        type="number"
                        min={0}
                        max={600}
                        placeholder={visit.kind === "appointment" ? "celle du RDV" : String(DEFAULT_VISIT_MINUTES)}
                        value={visit.duration}
                        onChange={(e) => props.setVisit(index, { duration: e.target.value })}
                      />
                    </td>
                    <td>
                      <label className="sr-only" htmlFor={`visit-priority-${visit.key}`}>
                        Priorité de {visit.label}
                      </label>
                      <select
                        id={`visit-priority-${visit.key}`}
                        value={visit.priority}
                        onChange={(e) => props.setVisit(index, { priority: Number(e.target.value) })}
                      >
                        {[5, 4, 3, 2, 1].map((n) => (
                          <option key={n} value={n}>
                            {n}
                            {n === 5 ? " (forte)" : n === 1 ? " (faible)" : ""}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <div className="tour-actions">
                        <button
                          type="button"
                          data-move="up"
                          onClick={() => move(index, -1, visit.key)}
                          disabled={index === 0}
                          aria-label={`Monter ${visit.label}`}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          data-move="down"
                          onClick={() => move(index, 1, visit.key)}
                          disabled={index === visits.length - 1}
                          aria-label={`Descendre ${visit.label}`}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          data-move="remove"
                          onClick={() => remove(index)}
                          aria-label={`Retirer ${visit.label}`}
                        >
                          Retirer
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
