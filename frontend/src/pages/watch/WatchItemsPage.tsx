// The watch inbox: search and filters, fact/opinion classification beside the server's
// suggestion, read and starred flags (CP1.4).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router-dom";
import { watchQueries } from "../../api/queries/watch";
import type { ItemOut as Item } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Field, PageFrame, Pager, DisclosureButton } from "../../components/ui";
import { useFilters } from "../../components/useFilters";
import { FilterSelect } from "../../components/FilterSelect";
import { TOPICS } from "../../labels/watch";
import { ItemRow } from "./ItemRow";
import { ManualItemForm } from "./ManualItemForm";
import { SavedSearches } from "./SavedSearches";
import { WatchNav } from "./WatchNav";

const LIMIT = 20;

type Filters = { q: string; topic: string; unread: boolean; classification: string };

export function WatchItemsPage() {
  const [params, setParams] = useSearchParams();
  // ?q= opens the inbox on a search (the dashboard links an item this way).
  const { filters, filter, setFilters, offset, setOffset } = useFilters<Filters>({
    q: params.get("q") ?? "",
    topic: "",
    unread: false,
    classification: "",
  });
  const [adding, setAdding] = useState(false);
  const competitor = Number(params.get("competitor")) || undefined;
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
              onChange={(e) => filter("q", e.target.value)}
            />
          )}
        </Field>
        <FilterSelect
          label="Thème"
          all="Tous"
          value={filters.topic}
          onChange={(v) => filter("topic", v)}
          labels={TOPICS}
        />
        <FilterSelect
          label="Classement"
          all="Tous"
          value={filters.classification}
          onChange={(v) => filter("classification", v)}
        >
          <option value="fact">Faits</option>
          <option value="opinion">Opinions</option>
        </FilterSelect>
        <label className="check">
          <input type="checkbox" checked={filters.unread} onChange={(e) => filter("unread", e.target.checked)} />
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
      <QueryState
        query={items}
        empty={
          <EmptyState title="Aucun article ne répond à ces critères.">
            Élargissez la recherche, ou actualisez vos sources dans l'onglet « Sources ».
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <ul className="items">
              {data.items.map((item) => (
                <ItemRow key={item.id} item={item} />
              ))}
            </ul>
            <Pager offset={offset} limit={LIMIT} total={data.total} onOffset={setOffset} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}
