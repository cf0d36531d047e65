// The cohort's shared watch items (collaborative watch).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { watchQueries } from "../../api/queries/watch";
import { EmptyState, PageFrame, Pager, formatDate } from "../../components/ui";
import { TOPICS } from "../../labels/watch";
import { QueryState } from "../../components/QueryState";
import { ItemTitle } from "./ItemTitle";
import { WatchNav } from "./WatchNav";

const LIMIT = 20;

export function SharedPage() {
  const [offset, setOffset] = useState(0);
  const shared = useQuery({
    ...watchQueries.shared(LIMIT, offset),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame title="Veille partagée de la promotion" operations={["shared_items"]}>
      <WatchNav />
      <p>
        Les articles partagés par la promotion, avec la lecture qu'en fait chacun (fait ou opinion, pertinence). Les
        notes et les étiquettes de chacun restent privées.
      </p>
      <QueryState
        query={shared}
        empty={
          <EmptyState title="Personne n'a encore partagé d'article.">
            Partagez un article utile à la promotion depuis votre boîte d'articles.
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <ul className="items">
              {data.items.map((item) => (
                <li key={item.id} className="item">
                  <ItemTitle item={item} />
                  <span className="muted">
                    {TOPICS[item.topic]} · {formatDate(item.published_at)} · partagé par{" "}
                    {item.shared_by || `le stagiaire n° ${item.owner_id}`}
                  </span>
                  {item.summary && <p>{item.summary}</p>}
                </li>
              ))}
            </ul>
            <Pager offset={offset} limit={LIMIT} total={data.total} onOffset={setOffset} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}
