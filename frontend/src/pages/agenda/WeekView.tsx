// The week, Monday to Sunday: a list of day regions, each with its all-day items, then its
// timed ones in time order. One tab stop for the whole week (roving tabindex): the arrows
// move between days (← →) and within a day (↑ ↓: its heading, then its items), Home and End
// go to Monday and Sunday, Page Up and Page Down change the week (`onWeek`).
import { useMemo, useRef, type KeyboardEvent } from "react";
import { AgendaEntry } from "./AgendaEntry";
import { dayColumns, dayItems, dayLabel, type AgendaItem } from "./week";

/** The stop of the week holding the focus: a day (0 Monday … 6 Sunday), then its heading
 * (0) or one of its items (1…). */
export interface WeekFocus {
  day: number;
  pos: number;
}

export function WeekView(props: {
  days: readonly string[];
  /** The week's items; null while they load (the days are shown empty meanwhile). */
  items: readonly AgendaItem[] | null;
  timeZone: string;
  today: string;
  label: string;
  /** The stop holding the focus, or null: the item to highlight, else today, else Monday. */
  focus: WeekFocus | null;
  onFocus: (focus: WeekFocus) => void;
  onWeek: (delta: number) => void;
  /** An item to show as the one asked for (its ref). */
  highlight?: string | null;
}) {
  const { days, items, timeZone } = props;
  const columns = useMemo(() => dayColumns(items ?? [], days, timeZone), [items, days, timeZone]);
  const byRef = useMemo(() => new Map((items ?? []).map((item) => [item.ref, item])), [items]);
  const stops = useRef(new Map<string, HTMLElement>());
  const lists = columns.map(dayItems);

  const clamp = (f: WeekFocus): WeekFocus => {
    const day = Math.min(6, Math.max(0, f.day));
    return { day, pos: Math.min(lists[day].length, Math.max(0, f.pos)) };
  };
  const fallback = (): WeekFocus => {
    if (props.highlight) {
      const day = lists.findIndex((list) => list.some((item) => item.ref === props.highlight));
      if (day >= 0) return { day, pos: lists[day].findIndex((item) => item.ref === props.highlight) + 1 };
    }
    return { day: Math.max(0, days.indexOf(props.today)), pos: 0 };
  };
  const current = clamp(props.focus ?? fallback());

  function moveTo(next: WeekFocus) {
    const target = clamp(next);
    props.onFocus(target);
    stops.current.get(`${target.day}:${target.pos}`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const { day, pos } = current;
    switch (event.key) {
      case "ArrowRight":
        moveTo({ day: day + 1, pos });
        break;
      case "ArrowLeft":
        moveTo({ day: day - 1, pos });
        break;
      case "ArrowDown":
        moveTo({ day, pos: pos + 1 });
        break;
      case "ArrowUp":
        moveTo({ day, pos: pos - 1 });
        break;
      case "Home":
        moveTo({ day: 0, pos: 0 });
        break;
      case "End":
        moveTo({ day: 6, pos: 0 });
        break;
      case "PageUp":
      case "PageDown":
        // The days keep their elements from one week to the next: the focus stays on the
        // same weekday's heading while the other week loads.
        props.onWeek(event.key === "PageDown" ? 1 : -1);
        moveTo({ day, pos: 0 });
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  const stop = (day: number, pos: number) => ({
    tabIndex: current.day === day && current.pos === pos ? 0 : -1,
    onFocus: () => {
      if (current.day !== day || current.pos !== pos) props.onFocus({ day, pos });
    },
    ref: (el: HTMLElement | null) => {
      const key = `${day}:${pos}`;
      if (el) stops.current.set(key, el);
      else stops.current.delete(key);
    },
  });

  return (
    <ol
      className="agenda-week"
      aria-label={`Semaine ${props.label}`}
      aria-describedby="agenda-keys"
      onKeyDown={onKeyDown}
    >
      {columns.map((column, d) => {
        const list = lists[d];
        const isToday = column.day === props.today;
        const count = list.length;
        return (
          // Keyed by the weekday, not the date: a new week reuses the elements (and the focus).
          <li
            key={d}
            className={`agenda-day${isToday ? " agenda-today" : ""}${current.day === d ? " agenda-current" : ""}`}
          >
            <section aria-labelledby={`agenda-day-${d}`}>
              <h3
                id={`agenda-day-${d}`}
                className="agenda-day-title"
                aria-current={isToday ? "date" : undefined}
                {...stop(d, 0)}
              >
                <span className="agenda-day-name">{dayLabel(column.day)}</span>
                {isToday && <span className="agenda-day-note"> (aujourd'hui)</span>}
                <span className="sr-only">, </span>
                <span className="agenda-day-count">
                  {items === null ? "…" : count === 0 ? "rien de prévu" : `${count} élément${count > 1 ? "s" : ""}`}
                </span>
              </h3>
              {column.allDay.length > 0 && (
                <ul className="agenda-entries agenda-all-day" aria-label="Toute la journée">
                  {column.allDay.map((item, i) => (
                    <AgendaEntry
                      key={item.ref}
                      item={item}
                      timeZone={timeZone}
                      byRef={byRef}
                      highlighted={item.ref === props.highlight}
                      stop={stop(d, i + 1)}
                    />
                  ))}
                </ul>
              )}
              {column.timed.length > 0 && (
                <ul className="agenda-entries" aria-label="Horaires">
                  {column.timed.map((item, i) => (
                    <AgendaEntry
                      key={item.ref}
                      item={item}
                      timeZone={timeZone}
                      byRef={byRef}
                      highlighted={item.ref === props.highlight}
                      stop={stop(d, column.allDay.length + i + 1)}
                    />
                  ))}
                </ul>
              )}
            </section>
          </li>
        );
      })}
    </ol>
  );
}
