// A planned day's timetable: departure, each stop (visits numbered, breaks not) with its
// arrival, start, departure, leg and time on site, then the return.
import type { DayOut, TransportMode } from "../../api/types";
import { clock, fmtDuration, fmtKm, minutesBetween } from "./format";
import { StopLinks, previousPoint } from "./StopLinks";

/** The day's timetable; each visit links to its directions and, when the prospect has a
 * phone, to a call (StopLinks). On a phone the table scrolls in its box, the stop's name
 * (row header) staying in view. */
export function Timetable({ day, caption, mode }: { day: DayOut; caption: string; mode?: TransportMode }) {
  // Visits are numbered 1, 2… in their order; breaks have no number.
  let visits = 0;
  const numbers = day.stops.map((stop) => (stop.kind === "visit" ? ++visits : 0));
  return (
    <div className="scroll-x">
      <table className="table compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">N°</th>
            <th scope="col">Étape</th>
            <th scope="col">Arrivée</th>
            <th scope="col">Début</th>
            <th scope="col">Départ</th>
            <th scope="col" className="num">
              Trajet
            </th>
            <th scope="col" className="num">
              Sur place
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>—</td>
            <th scope="row">Départ : {day.start.label}</th>
            <td>—</td>
            <td>—</td>
            <td>{clock(day.departure)}</td>
            <td className="num">—</td>
            <td className="num">—</td>
          </tr>
          {day.stops.map((stop, i) => {
            if (stop.kind !== "visit") {
              return (
                <tr key={`b-${i}`} className="tour-row-break">
                  <td>—</td>
                  <th scope="row">{stop.label}</th>
                  <td>—</td>
                  <td>{clock(stop.start)}</td>
                  <td>{clock(stop.departure)}</td>
                  <td className="num">—</td>
                  <td className="num">{fmtDuration(minutesBetween(stop.start, stop.departure))}</td>
                </tr>
              );
            }
            const wait = minutesBetween(stop.arrival, stop.start);
            return (
              <tr key={`v-${i}`}>
                <td>{numbers[i]}</td>
                <th scope="row">
                  {stop.label}
                  {stop.appointment_id != null && <span className="muted"> (rendez-vous)</span>}
                  <StopLinks stop={stop} from={previousPoint(day, i)} mode={mode} />
                </th>
                <td>{clock(stop.arrival)}</td>
                <td>
                  {clock(stop.start)}
                  {wait >= 1 && (
                    <>
                      <br />
                      <small className="muted">attente {fmtDuration(wait)}</small>
                    </>
                  )}
                </td>
                <td>{clock(stop.departure)}</td>
                <td className="num">
                  {fmtKm(stop.leg_km)}
                  <br />
                  <small className="muted">{fmtDuration(stop.leg_minutes)}</small>
                </td>
                <td className="num">{fmtDuration(minutesBetween(stop.start, stop.departure))}</td>
              </tr>
            );
          })}
          <tr>
            <td>—</td>
            <th scope="row">Retour : {day.end.label}</th>
            <td>{clock(day.arrival)}</td>
            <td>—</td>
            <td>—</td>
            <td className="num">
              {fmtKm(day.end_leg_km)}
              <br />
              <small className="muted">{fmtDuration(day.end_leg_minutes)}</small>
            </td>
            <td className="num">—</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
