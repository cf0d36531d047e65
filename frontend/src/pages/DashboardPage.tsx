// The trainee's day: contacts due today and overdue, today's tour, the latest watch items,
// and the portfolio per competence as a chart.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { competenceQueries } from "../api/queries/competences";
import { watchQueries } from "../api/queries/watch";
import { PortfolioCharts } from "../components/PortfolioCharts";
import { EmptyState, PageFrame, formatDate } from "../components/ui";
import { QueryState } from "../components/QueryState";
import { DueContacts } from "./dashboard/DueContacts";
import { TodayTour } from "./dashboard/TodayTour";

function isoToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function DashboardPage() {
  const today = isoToday();
  const items = useQuery({
    ...watchQueries.latestItems(),
  });
  const portfolio = useQuery({
    ...competenceQueries.myPortfolio(),
  });
  return (
    <PageFrame
      title="Tableau de bord"
      operations={["list_prospects", "list_tours", "read_tour", "list_items", "my_portfolio"]}
    >
      <div className="grid-2">
        <DueContacts today={today} />
        <TodayTour today={today} />
      </div>
      <section className="card" aria-labelledby="watch-title">
        <h2 id="watch-title">Derniers articles de veille</h2>
        <QueryState
          query={items}
          empty={
            <EmptyState title="Aucun article.">
              <Link to="/veille/sources">Ajouter ou actualiser des sources</Link>
            </EmptyState>
          }
        >
          {(data) => (
            <ul className="plain">
              {data.items.map((i) => (
                <li key={i.id}>
                  {formatDate(i.published_at)} — <Link to={`/veille?q=${encodeURIComponent(i.title)}`}>{i.title}</Link>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
        <p>
          <Link to="/veille">Tous les articles</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="portfolio-title">
        <h2 id="portfolio-title">Mon portfolio de compétences</h2>
        <QueryState query={portfolio}>
          {(data) => (
            <>
              <p>
                {data.evidence_total} preuve(s), {data.criteria_acquired} critère(s) acquis sur {data.criteria_total}.
              </p>
              {data.evidence_total === 0 && (
                <EmptyState title="Aucune preuve pour l'instant.">
                  Chaque action menée dans CapVente (veille, fiche prospect, appel, tournée…) devient une preuve de la
                  compétence qu'elle exerce : le graphique se remplira avec votre activité.
                </EmptyState>
              )}
              {data.evidence_total > 0 && <PortfolioCharts competences={data.competences} />}
              <table className="table compact">
                <caption>Par compétence</caption>
                <thead>
                  <tr>
                    <th scope="col">Compétence</th>
                    <th scope="col">Preuves</th>
                    <th scope="col">Critères acquis</th>
                    <th scope="col">État</th>
                  </tr>
                </thead>
                <tbody>
                  {data.competences.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">
                        {c.code} — {c.title}
                      </th>
                      <td>{c.evidence_count}</td>
                      <td>
                        {c.criteria_acquired}/{c.criteria.length}
                      </td>
                      <td>
                        {{ acquired: "Acquise", in_progress: "En cours", not_assessed: "Non évaluée" }[
                          c.status as string
                        ] ?? c.status}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </QueryState>
      </section>
    </PageFrame>
  );
}
