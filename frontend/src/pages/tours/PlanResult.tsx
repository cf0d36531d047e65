// A planned tour read three ways: the totals and the saving against the trainee's own order,
// then per day a map (numbered stops, route) beside the timetable; visits left out and why.
import type { ReactNode } from "react";
import type { DayOut, Savings, TourPlanOut, TransportMode } from "../../api/types";
import { clock, fmtCo2, fmtDuration, fmtKm, fmtNumber, isSaving, longDate, savingSentence, savingsOf } from "./format";
import { useReadOnly } from "../../components/ReadOnly";
import { matrixSourceLabel } from "../../labels/tours";
import { TourMap } from "./TourMap";
import { Timetable } from "./Timetable";

export function SavingLine({ savings, prefix }: { savings: Savings; prefix?: string }) {
  const readOnly = useReadOnly();
  const tone = isSaving(savings) ? "gain" : savings.km <= -0.05 ? "loss" : "none";
  return (
    <p className={`tour-saving tour-saving-${tone}`}>
      {prefix && tone === "gain" && <span>{prefix} </span>}
      {prefix && tone === "loss" && <span>Surcoût : </span>}
      {savingSentence(savings, readOnly ? "son" : "votre")}
    </p>
  );
}

function Figure({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** `dayExtra(index, day)`: extra content under a day (suggestions, nearby prospects). */
export function PlanResult({
  plan,
  dayExtra,
}: {
  plan: TourPlanOut;
  dayExtra?: (index: number, day: DayOut) => ReactNode;
}) {
  const visits = plan.days.reduce((n, d) => n + d.stops.filter((s) => s.kind === "visit").length, 0);
  const factor = plan.emission_factor;
  const readOnly = useReadOnly();
  return (
    <>
      <section className="card" aria-labelledby="tour-summary">
        <h2 id="tour-summary">Bilan de la tournée</h2>
        <SavingLine savings={plan.savings} prefix="Économie :" />
        <dl className="tour-figures">
          <Figure term="Distance">{fmtKm(plan.totals.km)}</Figure>
          <Figure term="Conduite">{fmtDuration(plan.totals.driving_minutes)}</Figure>
          <Figure term="Temps de visite">{fmtDuration(plan.totals.visiting_minutes)}</Figure>
          <Figure term="Émissions">{fmtCo2(plan.totals.co2_kg)}</Figure>
          <Figure term="Visites planifiées">
            {visits} sur {visits + plan.unassigned.length}
          </Figure>
        </dl>
        <p>
          {readOnly
            ? "L'ordre du stagiaire (les visites dans l'ordre où il les a listées)"
            : "Votre ordre (les visites dans l'ordre où vous les avez listées)"}{" "}
          : {fmtKm(plan.baseline.km)}, {fmtDuration(plan.baseline.driving_minutes)} de conduite,{" "}
          {fmtCo2(plan.baseline.co2_kg)}.
        </p>
        <p className="muted">
          CO₂ : usage et construction du véhicule
          {plan.totals.co2_usage_kg != null && <> (dont usage : {fmtCo2(plan.totals.co2_usage_kg)})</>}, facteur «{" "}
          {factor.label} » de {fmtNumber(Number(factor.total_kg_per_km), 3)} kg CO₂e/km ({factor.source}, {factor.year}
          {factor.overridden ? ", valeur de votre organisme" : ""}). Calcul : {matrixSourceLabel(plan.matrix_source)}.
        </p>
        {plan.warnings.length > 0 && (
          <div className="alert alert-info" role="status">
            <strong>Avertissements :</strong>
            <ul>
              {plan.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
      </section>

      {plan.unassigned.length > 0 && (
        <section className="card" aria-labelledby="tour-unassigned">
          <h2 id="tour-unassigned">Visites non planifiées ({plan.unassigned.length})</h2>
          <p className="muted">
            Ces visites n'ont pas trouvé de place : ajoutez une journée, élargissez les horaires ou changez leur
            priorité.
          </p>
          <table className="table compact">
            <caption className="sr-only">Visites non planifiées et raisons</caption>
            <thead>
              <tr>
                <th scope="col">Visite</th>
                <th scope="col">Raison</th>
              </tr>
            </thead>
            <tbody>
              {plan.unassigned.map((u) => (
                <tr key={u.visit_index}>
                  <th scope="row">
                    {u.label}
                    {u.appointment_id != null && <span className="muted"> (rendez-vous)</span>}
                  </th>
                  <td>{u.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {plan.days.map((day, index) => (
        <DaySection key={`${day.date}-${index}`} day={day} index={index} count={plan.days.length} mode={plan.mode}>
          {dayExtra?.(index, day)}
        </DaySection>
      ))}
    </>
  );
}

function DaySection({
  day,
  index,
  count,
  mode,
  children,
}: {
  day: DayOut;
  index: number;
  count: number;
  mode?: TransportMode;
  children?: ReactNode;
}) {
  const headingId = `tour-day-${index}`;
  const title = count > 1 ? `Jour ${index + 1} : ${longDate(day.date)}` : `Journée du ${longDate(day.date)}`;
  const visits = day.stops.filter((s) => s.kind === "visit").length;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {visits === 0 ? (
        <p>Aucune visite planifiée ce jour-là.</p>
      ) : (
        <>
          <p>
            {visits} visite{visits > 1 ? "s" : ""}, {fmtKm(day.totals.km)}, {fmtDuration(day.totals.driving_minutes)} de
            conduite, {fmtCo2(day.totals.co2_kg)} ; départ {clock(day.departure)}, retour {clock(day.arrival)}.
          </p>
          <SavingLine savings={savingsOf(day.totals, day.baseline)} />
          <div className="tour-day-grid">
            <div>
              <TourMap day={day} label={`Carte de la tournée, ${title.toLowerCase()}`} />
              <p className="tour-legend muted">
                Carré vert :{" "}
                {day.start.label === day.end.label ? "votre base (départ et retour)" : "départ (D) et arrivée (A)"} ;
                ronds bleus : les visites dans l'ordre ; trait : le trajet (ligne droite entre les étapes).
              </p>
            </div>
            <Timetable day={day} mode={mode} caption={`Horaires, ${title.toLowerCase()}`} />
          </div>
        </>
      )}
      {children}
    </section>
  );
}
