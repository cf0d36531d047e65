// The calendar feed (CP2.3): how to subscribe, a secret address created and shown once, the
// subscriptions (name, created, last read by the application) and their revocation.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { agendaChanged, agendaQueries } from "../../api/queries/agenda";
import { fieldErrorsOf } from "../../api/problem";
import type { Schemas as S } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, Field, PageFrame, SaveError, formatDate } from "../../components/ui";
import { AgendaNav } from "./AgendaNav";
import { FeedCreated } from "./FeedCreated";
import { FeedHelp } from "./FeedHelp";
import "./agenda.css";

const LIMIT = 20;
const DEFAULT_LABEL = "Mon agenda CapVente";

export function FeedsPage() {
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [label, setLabel] = useState(DEFAULT_LABEL);
  const [created, setCreated] = useState<S["CalendarFeedCreated"] | null>(null);
  const feeds = useQuery(agendaQueries.feeds(LIMIT, offset));
  const create = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/calendar-feeds", { body: { label: label.trim() } })),
    onSuccess: (feed) => {
      setCreated(feed);
      setLabel(DEFAULT_LABEL);
      return agendaChanged.feeds(queryClient);
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <PageFrame
      title="Abonnement au calendrier"
      operations={["list_calendar_feeds", "create_calendar_feed", "revoke_calendar_feed"]}
    >
      <AgendaNav />
      <FeedHelp />
      {created && <FeedCreated key={created.id} feed={created} onClose={() => setCreated(null)} />}
      <section className="card" aria-labelledby="feed-new-title">
        <h2 id="feed-new-title">Nouvelle adresse d'abonnement</h2>
        <form
          className="form-grid"
          noValidate
          aria-labelledby="feed-new-title"
          onSubmit={(e) => {
            e.preventDefault();
            setCreated(null);
            create.mutate();
          }}
        >
          <Field label="Nom de l'abonnement" hint="Pour le reconnaître dans la liste." error={errors.label}>
            {(p) => <input {...p} maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} />}
          </Field>
          <div className="wide">
            <SaveError error={create.error} />
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending}>
              {create.isPending ? "Création…" : "Créer l'adresse d'abonnement"}
            </button>
          </div>
        </form>
      </section>
      <h2>Vos abonnements</h2>
      <QueryState
        query={feeds}
        empty={
          <EmptyState title="Aucun abonnement.">
            Créez une adresse ci-dessus pour voir votre agenda dans votre application de calendrier.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Abonnements au calendrier"
            headers={["Abonnement", "Créé le", "Dernière lecture", "État", { label: "Actions", srOnly: true }]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((feed) => (
              <FeedRow key={feed.id} feed={feed} />
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}

function FeedRow({ feed }: { feed: S["CalendarFeedOut"] }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/v1/calendar-feeds/{feed_id}", { params: { path: { feed_id: feed.id } } })),
    onSuccess: () => agendaChanged.feeds(queryClient),
  });
  return (
    <tr>
      <th scope="row">{feed.label}</th>
      <td>{formatDate(feed.created_at, true)}</td>
      <td>{feed.last_fetched_at ? formatDate(feed.last_fetched_at, true) : "Jamais lue"}</td>
      <td>
        {feed.active ? (
          <span className="status status-ok">Actif</span>
        ) : (
          <span className="status status-paused">Révoqué le {formatDate(feed.revoked_at, true)}</span>
        )}
      </td>
      <td>
        {feed.active && (
          <ConfirmButton
            label="Révoquer"
            question={`Révoquer « ${feed.label} » ? Son adresse cessera aussitôt de fonctionner.`}
            confirmLabel="Oui, révoquer"
            pending={revoke.isPending}
            onConfirm={() => revoke.mutate()}
          />
        )}
        <ErrorBanner error={revoke.error} />
      </td>
    </tr>
  );
}
