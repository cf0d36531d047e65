// The dashboard's card of contacts to make: today's first, then the overdue ones from the
// most recent; "… et N autre(s)" opens the prospect list filtered on the same contacts.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { prospectQueries } from "../../api/queries/prospects";
import { EmptyState, ErrorBanner, formatDate } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { dayBefore, dueListLink, splitDue } from "./due";

const SHOWN = 10;

type DuePage = { items: { id: number; name: string; next_contact_on: string | null }[]; total: number };

export function DueContacts({ today }: { today: string }) {
  // Due on or before today, latest first: today's come before the overdue ones.
  const due = useQuery({
    ...prospectQueries.due(today, SHOWN),
  });
  // How many of them are overdue (due yesterday at the latest): the rest are today's.
  const overdueCount = useQuery({
    ...prospectQueries.dueBeforeCount(today, dayBefore(today)),
  });
  return (
    <section className="card" aria-labelledby="due-title">
      <h2 id="due-title">Contacts à faire (aujourd'hui et en retard)</h2>
      <ErrorBanner error={overdueCount.error} />
      <QueryState query={due} empty={<EmptyState title="Aucun contact en attente. Bravo !" />}>
        {(data) => <DueList page={data} today={today} overdueTotal={overdueCount.data?.total} />}
      </QueryState>
    </section>
  );
}

/** The first contacts due, today's then the overdue ones, and a link to the others. */
function DueList(props: { page: DuePage; today: string; overdueTotal: number | undefined }) {
  const { page, today, overdueTotal } = props;
  const groups = splitDue(page.items, today);
  const todayTotal = overdueTotal !== undefined ? page.total - overdueTotal : undefined;
  const more = page.total - page.items.length;
  return (
    <>
      {groups.today.length > 0 && (
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
      {groups.overdue.length > 0 && (
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
    </>
  );
}
