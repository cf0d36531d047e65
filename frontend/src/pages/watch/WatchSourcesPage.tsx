// Watch sources: status and freshness against the cadence, refresh now (busy state and
// outcome), pause, and a form to add one with the server's field errors (CP1.1–CP1.3).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { watchQueries } from "../../api/queries/watch";
import { QueryState } from "../../components/QueryState";
import { EmptyState, PageFrame, DisclosureButton } from "../../components/ui";
import { SourceForm } from "./SourceForm";
import { SourceRow } from "./SourceRow";
import { WatchNav } from "./WatchNav";
export function WatchSourcesPage() {
  const sources = useQuery({
    ...watchQueries.sources(),
  });
  const [adding, setAdding] = useState(false);
  return (
    <PageFrame
      title="Veille : sources"
      operations={["list_sources", "create_source", "refresh_source", "update_source", "delete_source"]}
      actions={
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
          Ajouter une source
        </DisclosureButton>
      }
    >
      <WatchNav />
      {adding && <SourceForm onDone={() => setAdding(false)} />}
      <QueryState
        query={sources}
        empty={
          <EmptyState title="Aucune source de veille.">
            Ajoutez un flux RSS, une page de concurrent ou une lettre d'information pour commencer.
          </EmptyState>
        }
      >
        {(data) => (
          <div className="scroll-x">
            <table className="table sources-table">
              <caption className="sr-only">Sources de veille</caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Type</th>
                  <th scope="col">Thème</th>
                  <th scope="col">Cadence</th>
                  <th scope="col">Fiabilité</th>
                  <th scope="col">État</th>
                  <th scope="col">Dernière lecture</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((source) => (
                  <SourceRow key={source.id} source={source} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </PageFrame>
  );
}
