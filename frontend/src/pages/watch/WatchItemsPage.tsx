// The watch inbox: search and filters, fact/opinion classification beside the server's
// suggestion, read and starred flags (CP1.4).
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { watchChanged, watchQueries } from "../../api/queries/watch";
import type { ItemOut as Item, ItemUpdate } from "../../api/types";
import {
  Busy,
  EmptyState,
  ErrorBanner,
  Field,
  Options,
  PageFrame,
  Pager,
  formatDate,
  DisclosureButton,
} from "../../components/ui";
import { CLASSIFICATIONS, TOPICS } from "../../labels/watch";
import { ItemDetails } from "./ItemDetails";
import { ManualItemForm } from "./ManualItemForm";
import { SavedSearches } from "./SavedSearches";
import { WatchNav } from "./WatchNav";

const LIMIT = 20;

type Filters = { q: string; topic: string; unread: boolean; classification: string };

export function WatchItemsPage() {
  const [params, setParams] = useSearchParams();
  // ?q= opens the inbox on a search (the dashboard links an item this way).
  const [filters, setFilters] = useState<Filters>({
    q: params.get("q") ?? "",
    topic: "",
    unread: false,
    classification: "",
  });
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const competitor = Number(params.get("competitor")) || undefined;
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setOffset(0);
  };
  const query = {
    q: filters.q.trim() || undefined,
    topic: (filters.topic || undefined) as Item["topic"] | undefined,
    unread: filters.unread || undefined,
    classification: (filters.classification || undefined) as "fact" | "opinion" | undefined,
    competitor_id: competitor,
    limit: LIMIT,
    offset,
  };
  const items = useQuery({
    ...watchQueries.items(query),
    placeholderData: keepPreviousData,
  });

  return (
    <PageFrame
      title="Veille : articles"
      operations={[
        "list_items",
        "update_item",
        "create_item",
        "delete_item",
        "list_searches",
        "create_search",
        "update_search",
        "delete_search",
      ]}
      actions={
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
          Ajouter un article
        </DisclosureButton>
      }
    >
      <WatchNav />
      {adding && <ManualItemForm onDone={() => setAdding(false)} />}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label="Rechercher">
          {(p) => (
            <input
              {...p}
              type="search"
              value={filters.q}
              placeholder="mots du titre, du résumé, des notes"
              onChange={(e) => set("q", e.target.value)}
            />
          )}
        </Field>
        <Field label="Thème">
          {(p) => (
            <select {...p} value={filters.topic} onChange={(e) => set("topic", e.target.value)}>
              <option value="">Tous</option>
              <Options labels={TOPICS} />
            </select>
          )}
        </Field>
        <Field label="Classement">
          {(p) => (
            <select {...p} value={filters.classification} onChange={(e) => set("classification", e.target.value)}>
              <option value="">Tous</option>
              <option value="fact">Faits</option>
              <option value="opinion">Opinions</option>
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={filters.unread} onChange={(e) => set("unread", e.target.checked)} />
          Non lus seulement
        </label>
      </form>
      <SavedSearches
        criteria={{
          q: query.q,
          topic: query.topic,
          classification: query.classification,
          unread: query.unread,
          competitor_id: competitor,
        }}
        onApply={(s) => {
          setFilters({
            q: s.q ?? "",
            topic: s.topic ?? "",
            unread: Boolean(s.unread),
            classification: s.classification ?? "",
          });
          setParams(s.competitor_id ? { competitor: String(s.competitor_id) } : {});
          setOffset(0);
        }}
      />
      {competitor && (
        <p>
          Articles d'un concurrent seulement.{" "}
          <button type="button" className="link" onClick={() => setParams({})}>
            Voir tous les articles
          </button>
        </p>
      )}
      <ErrorBanner error={items.error} />
      {items.isPending && <Busy />}
      {items.data && items.data.items.length === 0 && (
        <EmptyState title="Aucun article ne répond à ces critères.">
          Élargissez la recherche, ou actualisez vos sources dans l'onglet « Sources ».
        </EmptyState>
      )}
      {items.data && items.data.items.length > 0 && (
        <>
          <ul className="items">
            {items.data.items.map((item) => (
              <ItemRow key={item.id} item={item} />
            ))}
          </ul>
          <Pager offset={offset} limit={LIMIT} total={items.data.total} onOffset={setOffset} />
        </>
      )}
    </PageFrame>
  );
}

function ItemRow({ item }: { item: Item }) {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (change: Omit<ItemUpdate, "version">) =>
      unwrap(
        api.PATCH("/api/v1/watch/items/{item_id}", {
          params: { path: { item_id: item.id } },
          body: { version: item.version, ...change },
        }),
      ),
    onSuccess: () => watchChanged.itemFlags(queryClient),
  });
  const [details, setDetails] = useState(false);
  const suggestion = item.suggested_classification;
  return (
    <li className={`item${item.is_read ? "" : " unread"}`}>
      <div className="item-head">
        <h2 className="item-title">
          {item.link ? (
            <a href={item.link} target="_blank" rel="noreferrer">
              {item.title}
            </a>
          ) : (
            item.title
          )}
        </h2>
        <span className="muted">
          {TOPICS[item.topic]} · {formatDate(item.published_at)}
          {item.rating ? ` · note ${item.rating}/5` : ""}
        </span>
      </div>
      {item.summary && <p className="item-summary">{item.summary}</p>}
      <div className="item-actions">
        <span className="suggestion" title={item.suggestion_reasons.join(" ; ")}>
          Suggestion : {suggestion ? CLASSIFICATIONS[suggestion] : "aucune"}
          {item.suggestion_reasons.length > 0 && <small> ({item.suggestion_reasons.slice(0, 3).join(", ")})</small>}
        </span>
        <div role="group" aria-label={`Classer « ${item.title} »`} className="segmented">
          {(["fact", "opinion"] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={item.classification === value}
              disabled={update.isPending}
              onClick={() => update.mutate({ classification: item.classification === value ? null : value })}
            >
              {CLASSIFICATIONS[value]}
            </button>
          ))}
        </div>
        <button
          type="button"
          aria-pressed={item.starred}
          disabled={update.isPending}
          onClick={() => update.mutate({ starred: !item.starred })}
        >
          {item.starred ? "★ Favori" : "☆ Favori"}
        </button>
        <button
          type="button"
          aria-pressed={item.shared}
          disabled={update.isPending}
          title="La promotion voit l'article et votre lecture (fait/opinion, pertinence), pas vos notes ni vos étiquettes."
          onClick={() => update.mutate({ shared: !item.shared })}
        >
          {item.shared ? "Partagé" : "Partager"}
        </button>
        <button type="button" disabled={update.isPending} onClick={() => update.mutate({ is_read: !item.is_read })}>
          {item.is_read ? "Marquer non lu" : "Marquer lu"}
        </button>
        <DisclosureButton open={details} onToggle={() => setDetails(!details)} closeLabel="Fermer les détails">
          Pertinence, notes, liens…
        </DisclosureButton>
      </div>
      {!details && (item.relevance || item.tags.length > 0 || item.notes) && (
        <p className="muted">
          {item.relevance ? `Pertinence ${item.relevance}/5` : ""}
          {item.tags.length > 0 ? ` · ${item.tags.join(", ")}` : ""}
          {item.notes ? ` · Notes : ${item.notes.slice(0, 120)}` : ""}
        </p>
      )}
      {details && <ItemDetails key={item.version} item={item} onDone={() => setDetails(false)} />}
      <ErrorBanner error={update.error} />
    </li>
  );
}
