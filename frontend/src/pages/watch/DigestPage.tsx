// The digest of the week or month (CP1.3, CP1.5), with its Markdown and HTML downloads.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { watchQueries } from "../../api/queries/watch";
import { downloadFile } from "../../api/download";
import type { Digest as DigestOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, PageFrame, formatDate } from "../../components/ui";
import { FRESHNESS, TOPICS } from "../../labels/watch";
import { WatchNav } from "./WatchNav";

export function DigestPage() {
  const [period, setPeriod] = useState<"week" | "month">("week");
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const digest = useQuery({
    ...watchQueries.digest(period),
  });

  async function download(format: "markdown" | "html") {
    setDownloadError(null);
    try {
      await downloadFile(
        `/api/v1/watch/digest?period=${period}&format=${format}`,
        `synthese-veille-${period}.${format === "markdown" ? "md" : "html"}`,
      );
    } catch (e) {
      setDownloadError(e);
    }
  }

  return (
    <PageFrame
      title="Veille : synthèse"
      operations={["watch_digest"]}
      actions={
        <>
          <button type="button" onClick={() => download("markdown")}>
            Télécharger (Markdown)
          </button>
          <button type="button" onClick={() => download("html")}>
            Télécharger (HTML)
          </button>
        </>
      }
    >
      <WatchNav />
      <div role="group" aria-label="Période" className="segmented">
        <button type="button" aria-pressed={period === "week"} onClick={() => setPeriod("week")}>
          Semaine
        </button>
        <button type="button" aria-pressed={period === "month"} onClick={() => setPeriod("month")}>
          Mois
        </button>
      </div>
      <ErrorBanner error={downloadError} />
      <QueryState query={digest}>{(d) => <Digest d={d} />}</QueryState>
    </PageFrame>
  );
}

function Digest({ d }: { d: DigestOut }) {
  return (
    <>
      <p>
        Du {formatDate(d.start)} au {formatDate(d.end)} : <strong>{d.new_items}</strong> nouvel(s) article(s), dont{" "}
        {d.unread} non lu(s).
      </p>
      <div className="grid-2">
        <section className="card">
          <h2>Par thème</h2>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Thème</th>
                <th scope="col">Articles</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(d.per_topic).map(([topic, count]) => (
                <tr key={topic}>
                  <th scope="row">{TOPICS[topic] ?? topic}</th>
                  <td>{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>Sources en retard ou en erreur</h2>
          {d.late_sources.length === 0 ? (
            <p>Toutes les sources sont à jour.</p>
          ) : (
            <ul>
              {d.late_sources.map((s) => (
                <li key={s.source_id}>
                  {s.name} — {FRESHNESS[s.freshness] ?? s.freshness}
                  {s.last_error ? ` (${s.last_error})` : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="card">
        <h2>Mouvements des concurrents</h2>
        {d.competitor_moves.length === 0 ? (
          <EmptyState title="Aucun mouvement de concurrent sur la période." />
        ) : (
          <ul>
            {d.competitor_moves.map((m) => (
              <li key={m.item_id}>
                {formatDate(m.when)} — <strong>{m.competitor}</strong> : {m.title}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>Les plus pertinents</h2>
        {d.most_relevant.length === 0 ? (
          <EmptyState title="Aucun article sur la période." />
        ) : (
          <ol>
            {d.most_relevant.map((i) => (
              <li key={i.id}>{i.title}</li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
