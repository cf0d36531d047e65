// The trainee's day: contacts due today and overdue, today's tour, the latest watch items,
// and the portfolio per competence as a chart.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { tourQueries } from "../api/queries/tours";
import { competenceQueries } from "../api/queries/competences";
import { watchQueries } from "../api/queries/watch";
import { PortfolioCharts } from "../components/PortfolioCharts";
import { Busy, EmptyState, ErrorBanner, PageFrame, formatDate } from "../components/ui";
import { DueContacts } from "./dashboard/DueContacts";
import { clock } from "./tours/format";
import { StopLinks, previousPoint } from "./tours/StopLinks";

function isoToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function DashboardPage() {
  const today = isoToday();
  const tours = useQuery({
    ...tourQueries.latest(),
  });
  const items = useQuery({
    ...watchQueries.latestItems(),
  });
  const portfolio = useQuery({
    ...competenceQueries.myPortfolio(),
  });
  const todayTour = tours.data?.items.find((t) => t.first_day <= today && today <= lastDay(t.first_day, t.days_count));
  return (
    <PageFrame
      title="Tableau de bord"
      operations={["list_prospects", "list_tours", "read_tour", "list_items", "my_portfolio"]}
    >
      <div className="grid-2">
        <DueContacts today={today} />
        <section className="card" aria-labelledby="tour-title">
          <h2 id="tour-title">Tournée du jour</h2>
          <ErrorBanner error={tours.error} />
          {tours.isPending && <Busy />}
          {tours.data && !todayTour && (
            <EmptyState title="Pas de tournée aujourd'hui.">
              <Link to="/tournees">Planifier une tournée</Link>
            </EmptyState>
          )}
          {todayTour && (
            <>
              <p>
                <Link to={`/tournees/${todayTour.id}`}>{todayTour.name}</Link> — {todayTour.visits_planned} visite(s),{" "}
                {Number(todayTour.total_km).toLocaleString("fr-FR")} km,{" "}
                {Number(todayTour.co2_total_kg).toLocaleString("fr-FR")} kg CO₂
              </p>
              <TodayStops tourId={todayTour.id} today={today} />
            </>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="watch-title">
        <h2 id="watch-title">Derniers articles de veille</h2>
        <ErrorBanner error={items.error} />
        {items.isPending && <Busy />}
        {items.data && items.data.items.length === 0 && (
          <EmptyState title="Aucun article.">
            <Link to="/veille/sources">Ajouter ou actualiser des sources</Link>
          </EmptyState>
        )}
        {items.data && items.data.items.length > 0 && (
          <ul className="plain">
            {items.data.items.map((i) => (
              <li key={i.id}>
                {formatDate(i.published_at)} — <Link to={`/veille?q=${encodeURIComponent(i.title)}`}>{i.title}</Link>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/veille">Tous les articles</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="portfolio-title">
        <h2 id="portfolio-title">Mon portfolio de compétences</h2>
        <ErrorBanner error={portfolio.error} />
        {portfolio.isPending && <Busy />}
        {portfolio.data && (
          <>
            <p>
              {portfolio.data.evidence_total} preuve(s), {portfolio.data.criteria_acquired} critère(s) acquis sur{" "}
              {portfolio.data.criteria_total}.
            </p>
            {portfolio.data.evidence_total === 0 && (
              <EmptyState title="Aucune preuve pour l'instant.">
                Chaque action menée dans CapVente (veille, fiche prospect, appel, tournée…) devient une preuve de la
                compétence qu'elle exerce : le graphique se remplira avec votre activité.
              </EmptyState>
            )}
            {portfolio.data.evidence_total > 0 && <PortfolioCharts competences={portfolio.data.competences} />}
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
                {portfolio.data.competences.map((c) => (
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
      </section>
    </PageFrame>
  );
}

/** Today's visits in order, each with its directions and a call link: the day on a phone. */
function TodayStops({ tourId, today }: { tourId: number; today: string }) {
  const tour = useQuery({
    ...tourQueries.detail(tourId),
  });
  const day = tour.data?.days.find((d) => d.date === today);
  if (tour.error) return <ErrorBanner error={tour.error} />;
  if (!day) return tour.isPending ? <Busy /> : null;
  const visits = day.stops.map((stop, index) => ({ stop, index })).filter(({ stop }) => stop.kind === "visit");
  return (
    <ol className="today-stops" aria-label="Visites du jour">
      {visits.map(({ stop, index }) => (
        <li key={index}>
          <span className="today-time">{clock(stop.start)}</span> <strong>{stop.label}</strong>
          {stop.appointment_id != null && <span className="muted"> (rendez-vous)</span>}
          <StopLinks stop={stop} from={previousPoint(day, index)} mode={tour.data?.mode} />
        </li>
      ))}
    </ol>
  );
}

function lastDay(first: string, days: number): string {
  const date = new Date(`${first}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Math.max(0, days - 1));
  return date.toISOString().slice(0, 10);
}
