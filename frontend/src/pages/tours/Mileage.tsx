// A saved tour's actual mileage: per day the planned and actual km (and CO2), the km per
// visit, and a form to log the day's actual km (PUT …/days/{i}/mileage); the totals below.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { tourQueries, toursChanged } from "../../api/queries/tours";
import { fieldErrorsOf } from "../../api/problem";
import type { MileageDayOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useReadOnly } from "../../components/ReadOnly";
import { useForm } from "../../components/useForm";
import { ErrorBanner, formatDate } from "../../components/ui";
import { fmtCo2, fmtKm, fmtNumber, longDate } from "./format";

export function Mileage({ tourId }: { tourId: number }) {
  const readOnly = useReadOnly();
  const mileage = useQuery({
    ...tourQueries.mileage(tourId),
  });
  return (
    <section className="card" aria-labelledby="tour-mileage">
      <h2 id="tour-mileage">Kilomètres réels</h2>
      <p className="muted">
        Relevez votre compteur chaque soir : la comparaison avec le prévu montre ce que l'organisation de la tournée a
        réellement permis d'économiser.
      </p>
      <QueryState query={mileage}>
        {(m) => (
          <div className="scroll-x">
            <table className="table compact">
              <caption className="sr-only">Kilomètres prévus et réels par jour</caption>
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  <th scope="col" className="num">
                    Visites
                  </th>
                  <th scope="col" className="num">
                    Prévu
                  </th>
                  <th scope="col" className="num">
                    Réel
                  </th>
                  <th scope="col" className="num">
                    Par visite (prévu / réel)
                  </th>
                  {!readOnly && <th scope="col">Saisir les km réels</th>}
                </tr>
              </thead>
              <tbody>
                {m.days.map((day) => (
                  <MileageRow key={day.day_index} tourId={tourId} day={day} />
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td />
                  <td className="num">
                    {fmtKm(Number(m.planned_km))}
                    <br />
                    <small className="muted">{fmtCo2(Number(m.planned_co2_kg))}</small>
                  </td>
                  <td className="num">
                    {m.actual_km != null ? (
                      <>
                        {fmtKm(Number(m.actual_km))}
                        <br />
                        <small className="muted">{fmtCo2(Number(m.actual_co2_kg))}</small>
                      </>
                    ) : (
                      <span className="muted">une fois chaque jour saisi</span>
                    )}
                  </td>
                  <td />
                  {!readOnly && <td />}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}

function MileageRow({ tourId, day }: { tourId: number; day: MileageDayOut }) {
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm({ actualKm: day.actual_km != null ? String(Number(day.actual_km)) : "" });
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: (actual: number | string) =>
      unwrap(
        api.PUT("/api/v1/tours/{tour_id}/days/{day_index}/mileage", {
          params: { path: { tour_id: tourId, day_index: day.day_index } },
          body: { actual_km: actual },
        }),
      ),
    onSuccess: (data) => {
      toursChanged.mileage(queryClient, tourId, data);
      setDone(true);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const inputId = `mileage-${day.day_index}`;
  const errorId = `${inputId}-error`;
  const submit = submitWith((v) => {
    setDone(false);
    save.mutate(actualKmOf(v.actualKm));
  });
  const perVisit = (planned: string | null, actual: string | null) =>
    planned == null ? "—" : `${fmtNumber(Number(planned))} / ${actual != null ? fmtNumber(Number(actual)) : "—"} km`;
  return (
    <tr>
      <th scope="row">{longDate(day.date)}</th>
      <td className="num">{day.visits}</td>
      <td className="num">
        {fmtKm(Number(day.planned_km))}
        <br />
        <small className="muted">{fmtCo2(Number(day.planned_co2_kg))}</small>
      </td>
      <td className="num">
        {day.actual_km != null ? (
          <>
            {fmtKm(Number(day.actual_km))}
            <br />
            <small className="muted">{fmtCo2(Number(day.actual_co2_kg))}</small>
          </>
        ) : (
          "—"
        )}
      </td>
      <td className="num">{perVisit(day.planned_km_per_visit, day.actual_km_per_visit)}</td>
      {!readOnly && (
        <td>
          <form className="inline-form" onSubmit={submit} aria-label={`Km réels du ${longDate(day.date)}`}>
            <label className="sr-only" htmlFor={inputId}>
              Km réels du {longDate(day.date)}
            </label>
            <input
              id={inputId}
              inputMode="decimal"
              style={{ width: "6rem" }}
              value={values.actualKm}
              aria-invalid={Boolean(errors.actual_km)}
              aria-describedby={errors.actual_km ? errorId : undefined}
              onChange={(e) => set("actualKm", e.target.value)}
            />
            <button type="submit" disabled={save.isPending}>
              {save.isPending ? "Enregistrement…" : "Enregistrer"}
            </button>
          </form>
          {errors.actual_km && (
            <small id={errorId} className="field-error">
              {errors.actual_km}
            </small>
          )}
          {save.error && !errors.actual_km && <ErrorBanner error={save.error} />}
          {done && (
            <small role="status" className="muted">
              Enregistré.
            </small>
          )}
          {day.actual_logged_at && !done && (
            <small className="muted">Saisi le {formatDate(day.actual_logged_at, true)}</small>
          )}
        </td>
      )}
    </tr>
  );
}

/** What the form sends: a number ("92,5" → 92.5), else the text as typed, for the server to
 * say what is wrong with it. */
export function actualKmOf(text: string): number | string {
  const t = text.trim().replace(",", ".");
  return t === "" ? "" : Number.isFinite(Number(t)) ? Number(t) : t;
}
