// Everything the market answered and did in the run, newest first (GET …/events, paged),
// filtered by kind: calls, e-mails and their replies, appointments held or not, orders,
// delivery incidents, complaints, payments.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { exerciseQueries } from "../../api/queries/exercises";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { EmptyState } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { EVENT_KIND_FILTERS } from "../../labels/exercises";
import { EventsTable } from "./EventsTable";

const LIMIT = 20;

export function EventsCard({ runId }: { runId: number }) {
  const { filters, filter, offset, setOffset } = useFilters({ kind: "" });
  const events = useQuery({
    ...exerciseQueries.events(runId, { kind: filters.kind || undefined, limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="run-events">
      <h2 id="run-events">Journal du marché</h2>
      <p className="hint">
        Chaque réponse du marché et chaque événement de vos clients, jour après jour ; ils sont aussi dans votre fichier
        (historique des fiches), votre agenda et votre suivi des commandes.
      </p>
      <form
        className="filters"
        role="search"
        aria-label="Filtrer le journal du marché"
        onSubmit={(e) => e.preventDefault()}
      >
        <FilterSelect
          label="Type d'événement"
          all="Tous"
          value={filters.kind}
          labels={EVENT_KIND_FILTERS}
          onChange={(v) => filter("kind", v)}
        />
      </form>
      <QueryState
        query={events}
        busyLabel="Chargement du journal…"
        empty={
          <EmptyState title={filters.kind ? "Aucun événement de ce type." : "Le marché n'a encore rien répondu."}>
            {filters.kind
              ? "Choisissez un autre type."
              : "Appelez ou écrivez à un prospect de votre marché, ou avancez l'horloge d'un jour."}
          </EmptyState>
        }
      >
        {(data) => (
          <EventsTable
            events={data.items}
            caption="Journal du marché"
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          />
        )}
      </QueryState>
    </section>
  );
}
