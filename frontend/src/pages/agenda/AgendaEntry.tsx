// One item of the week: its kind in words (the colour only repeats it), when, what, where,
// its state, and its double bookings named; a link to the record it is about.
import type { HTMLAttributes, Ref } from "react";
import { Link } from "react-router-dom";
import { itemKindLabel } from "../../labels/agenda";
import { conflictNames, isOneWholeDay, itemHref, itemState, itemWhen, type AgendaItem } from "./week";

/** A comma for screen readers between the parts of the entry (seen as separate lines). */
const Sep = () => <span className="sr-only">, </span>;

export function AgendaEntry(props: {
  item: AgendaItem;
  timeZone: string;
  byRef: ReadonlyMap<string, AgendaItem>;
  highlighted: boolean;
  /** The roving focus: tabIndex, ref and onFocus of this stop of the week. */
  stop: Pick<HTMLAttributes<HTMLElement>, "tabIndex" | "onFocus"> & { ref: Ref<HTMLAnchorElement & HTMLSpanElement> };
}) {
  const { item } = props;
  const href = itemHref(item);
  const state = itemState(item);
  const conflicts = item.conflict ? conflictNames(item, props.byRef) : [];
  const className = [
    "agenda-entry",
    `agenda-kind-${item.kind}`,
    item.conflict ? "agenda-entry-conflict" : "",
    state ? "agenda-entry-muted" : "",
    props.highlighted ? "agenda-entry-highlight" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const content = (
    <>
      <span className="agenda-kind">{itemKindLabel(item.kind)}</span>
      <Sep />
      {/* « Toute la journée » goes without saying under the day's all-day items: read, not shown. */}
      <span className={isOneWholeDay(item) ? "sr-only" : "agenda-when"}>{itemWhen(item, props.timeZone)}</span>
      <Sep />
      <span className="agenda-title">
        {item.title}
        {state && ` (${state})`}
      </span>
      {item.place && (
        <>
          <Sep />
          <span className="agenda-place">{item.place}</span>
        </>
      )}
      {item.conflict && (
        <>
          <Sep />
          <span className="agenda-conflict">
            <span aria-hidden="true">⚠ </span>Double réservation avec : {conflicts.join(", ")}
          </span>
        </>
      )}
    </>
  );
  return (
    <li className={className}>
      {href ? (
        <Link to={href} {...props.stop} aria-current={props.highlighted ? "true" : undefined}>
          {content}
        </Link>
      ) : (
        <span {...props.stop}>{content}</span>
      )}
    </li>
  );
}
