// An item of the watch inbox: its title, theme and date, the server's fact/opinion suggestion
// beside the trainee's own classification, the starred, shared and read flags, and its
// details (ItemDetails) opened below.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { watchChanged } from "../../api/queries/watch";
import type { ItemOut as Item, ItemUpdate } from "../../api/types";
import { DisclosureButton, ErrorBanner, formatDate } from "../../components/ui";
import { CLASSIFICATIONS, TOPICS } from "../../labels/watch";
import { ItemDetails } from "./ItemDetails";
import { ItemTitle } from "./ItemTitle";

export function ItemRow({ item }: { item: Item }) {
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
        <ItemTitle item={item} />
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
