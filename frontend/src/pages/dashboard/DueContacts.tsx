// The dashboard's card of contacts to make: today's first, then the overdue ones from the
// most recent; "… et N autre(s)" opens the prospect list filtered on the same contacts.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { prospectQueries } from "../../api/queries/prospects";
import { Busy, EmptyState, ErrorBanner, formatDate } from "../../components/ui";
import { dayBefore, dueListLink, splitDue } from "./due";

const SHOWN = 10;

export function DueContacts({ today }: { today: string }) {
  // Due on or before today, latest first: today's come before the overdue ones.
  const due = useQuery({
    ...prospectQueries.due(today, SHOWN),
  });
  // How many of them are overdue (due yesterday at the latest): the rest are today's.
  const overdueCount = useQuery({
    ...prospectQueries.dueBeforeCount(today, dayBefore(today)),
  });
  const data = due.data;
  const groups = data ? splitDue(data.items, today) : null;
  const overdueTotal = overdueCount.data?.total;
  const todayTotal = data && overdueTotal !== undefined ? data.total - overdueTotal : undefined;
  const more = data ? data.total - data.items.length : 0;
  return (
    <section className="card" aria-labelledby="due-title">
      <h2 id="due-title">Contacts à faire (aujourd'hui et en retard)</h2>
      <ErrorBanner error={due.error ?? overdueCount.error} />
      {due.isPending && <Busy />}
      {data && data.items.length === 0 && <EmptyState title="Aucun contact en attente. Bravo !" />}
      {groups && groups.today.length > 0 && (
        <>
          <h3 id="due-today">Aujourd'hui{todayTotal !== undefined && ` (${todayTotal})`}</h3>
          <ul className="plain" aria-labelledby="due-today">
            {groups.today.map((p) => (
              <li key={p.id}>
                <Link to={`/prospects/${p.id}`}>{p.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {groups && groups.overdue.length > 0 && (
        <>
          <h3 id="due-overdue">En retard{overdueTotal !== undefined && ` (${overdueTotal})`}</h3>
          <ul className="plain" aria-labelledby="due-overdue">
            {groups.overdue.map((p) => (
              <li key={p.id}>
                <Link to={`/prospects/${p.id}`}>{p.name}</Link>{" "}
                <span className="late">depuis le {formatDate(p.next_contact_on)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {more > 0 && (
        <p>
          <Link to={dueListLink(today)}>… et {more} autre(s)</Link>
        </p>
      )}
    </section>
  );
}
