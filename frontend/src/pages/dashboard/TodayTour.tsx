// The dashboard's card of today's tour: the tour whose days include today, with its visits
// of the day in order, each with its directions and a call link (the day on a phone).
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { tourQueries } from "../../api/queries/tours";
import { EmptyState } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { clock } from "../tours/format";
import { StopLinks, previousPoint } from "../tours/StopLinks";

type TourDays = { first_day: string; days_count: number };

/** The tour whose days include `today` (the first found), if any. */
export function tourOfDay<T extends TourDays>(tours: readonly T[], today: string): T | undefined {
  return tours.find((t) => t.first_day <= today && today <= lastDay(t.first_day, t.days_count));
}

export function TodayTour({ today }: { today: string }) {
  const tours = useQuery({
    ...tourQueries.latest(),
  });
  return (
    <section className="card" aria-labelledby="tour-title">
      <h2 id="tour-title">Tournée du jour</h2>
      <QueryState
        query={tours}
        isEmpty={(data) => !tourOfDay(data.items, today)}
        empty={
          <EmptyState title="Pas de tournée aujourd'hui.">
            <Link to="/tournees">Planifier une tournée</Link>
          </EmptyState>
        }
      >
        {(data) => {
          const tour = tourOfDay(data.items, today);
          return (
            tour && (
              <>
                <p>
                  <Link to={`/tournees/${tour.id}`}>{tour.name}</Link> — {tour.visits_planned} visite(s),{" "}
                  {Number(tour.total_km).toLocaleString("fr-FR")} km,{" "}
                  {Number(tour.co2_total_kg).toLocaleString("fr-FR")} kg CO₂
                </p>
                <TodayStops tourId={tour.id} today={today} />
              </>
            )
          );
        }}
      </QueryState>
    </section>
  );
}

/** Today's visits in order, each with its directions and a call link: the day on a phone. */
function TodayStops({ tourId, today }: { tourId: number; today: string }) {
  const tour = useQuery({
    ...tourQueries.detail(tourId),
  });
  return (
    <QueryState query={tour}>
      {(data) => {
        const day = data.days.find((d) => d.date === today);
        if (!day) return null;
        const visits = day.stops.map((stop, index) => ({ stop, index })).filter(({ stop }) => stop.kind === "visit");
        return (
          <ol className="today-stops" aria-label="Visites du jour">
            {visits.map(({ stop, index }) => (
              <li key={index}>
                <span className="today-time">{clock(stop.start)}</span> <strong>{stop.label}</strong>
                {stop.appointment_id != null && <span className="muted"> (rendez-vous)</span>}
                <StopLinks stop={stop} from={previousPoint(day, index)} mode={data.mode} />
              </li>
            ))}
          </ol>
        );
      }}
    </QueryState>
  );
}

function lastDay(first: string, days: number): string {
  const date = new Date(`${first}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Math.max(0, days - 1));
  return date.toISOString().slice(0, 10);
}
