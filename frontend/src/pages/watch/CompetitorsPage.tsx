// Competitors and their positioning side by side (CP1.5).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { watchChanged, watchQueries } from "../../api/queries/watch";
import type { CompetitorOut as Competitor } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, PageFrame, DisclosureButton } from "../../components/ui";
import { CompetitorForm } from "./CompetitorForm";
import { PRICE_LEVELS } from "../../labels/watch";
import { WatchNav } from "./WatchNav";

export function CompetitorsPage() {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Competitor | null>(null);
  const matrix = useQuery({
    ...watchQueries.matrix(),
  });
  return (
    <PageFrame
      title="Concurrents et positionnement"
      operations={["competitor_matrix", "create_competitor", "update_competitor", "delete_competitor"]}
      actions={
        <DisclosureButton
          open={adding}
          onToggle={() => {
            setAdding(!adding);
            setEditing(null);
          }}
          primary
        >
          Ajouter un concurrent
        </DisclosureButton>
      }
    >
      <WatchNav />
      {adding && <CompetitorForm onDone={() => setAdding(false)} />}
      {editing && (
        <CompetitorForm key={`${editing.id}-${editing.version}`} competitor={editing} onDone={() => setEditing(null)} />
      )}
      <QueryState
        query={matrix}
        isEmpty={(m) => m.competitors.length === 0}
        empty={
          <EmptyState title="Aucun concurrent documenté.">
            Ajoutez les principaux concurrents de votre entreprise pour les comparer.
          </EmptyState>
        }
      >
        {(m) => (
          <div className="scroll-x" tabIndex={0} role="region" aria-label="Matrice de positionnement">
            <table className="table matrix">
              <caption className="sr-only">Matrice de positionnement des concurrents</caption>
              <thead>
                <tr>
                  <th scope="col">Axe</th>
                  {m.competitors.map((c) => (
                    <th scope="col" key={c.id}>
                      {c.name}
                      <br />
                      <Link to={`/veille?competitor=${c.id}`} className="muted">
                        {c.item_count ?? 0} article(s), {c.sources?.length ?? 0} source(s)
                      </Link>
                      <CompetitorActions
                        competitor={c}
                        onEdit={() => {
                          setEditing(c);
                          setAdding(false);
                        }}
                      />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {m.rows
                  .filter((r) => r.axis !== "item_count")
                  .map((row) => (
                    <tr key={row.axis}>
                      <th scope="row">{row.label}</th>
                      {m.competitors.map((c) => {
                        const value = row.values[String(c.id)] ?? "";
                        return (
                          <td key={c.id}>{row.axis === "price_level" ? (PRICE_LEVELS[value] ?? "—") : value || "—"}</td>
                        );
                      })}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </PageFrame>
  );
}

function CompetitorActions({ competitor, onEdit }: { competitor: Competitor; onEdit: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/competitors/{competitor_id}", {
          params: { path: { competitor_id: competitor.id } },
        }),
      ),
    onSuccess: () => {
      watchChanged.competitor(queryClient);
    },
  });
  return (
    <div className="card-actions">
      <button type="button" onClick={onEdit} aria-label={`Modifier ${competitor.name}`}>
        Modifier
      </button>
      <ConfirmButton
        label="Supprimer"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
        question={`Supprimer « ${competitor.name} » ? Ses articles et sources restent, sans lien vers lui.`}
      />
      <ErrorBanner error={remove.error} />
    </div>
  );
}
