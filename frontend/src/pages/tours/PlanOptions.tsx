// The plan request's options: the transport mode (each with its emission factor), the
// driving limit, the tour's name and the lunch break.
import type { TransportMode } from "../../api/types";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { tourQueries } from "../../api/queries/tours";
import { Field } from "../../components/ui";
import { MODE_ORDER, MODES } from "../../labels/tours";
import type { Draft } from "./draft";
import { fmtNumber } from "./format";

export function PlanOptions({
  draft,
  set,
  errors,
}: {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  /** The server's field errors, by its field names ("mode", "lunch.end"…). */
  errors: Record<string, string>;
}) {
  const factors = useQuery({
    ...tourQueries.emissionFactors(),
    staleTime: 300_000,
  });
  const mode = useMemo(() => {
    const byMode = new Map((factors.data ?? []).map((f) => [f.mode, f]));
    return (m: TransportMode) => {
      const f = byMode.get(m);
      return f ? `${MODES[m]} : ${fmtNumber(Number(f.total_kg_per_km), 3)} kg CO₂e/km` : MODES[m];
    };
  }, [factors.data]);
  return (
    <>
      <div className="form-grid" style={{ marginTop: "1rem" }}>
        <Field label="Mode de transport" error={errors.mode}>
          {(p) => (
            <select {...p} value={draft.mode} onChange={(e) => set("mode", e.target.value as TransportMode)}>
              {MODE_ORDER.map((m) => (
                <option key={m} value={m}>
                  {mode(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Conduite maximale par jour (minutes, facultatif)" error={errors.max_driving_minutes}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={1440}
              value={draft.maxDriving}
              onChange={(e) => set("maxDriving", e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Nom de la tournée (facultatif)"
          error={errors.name}
          hint="Par défaut : « Tournée du » et la date."
        >
          {(p) => <input {...p} maxLength={150} value={draft.name} onChange={(e) => set("name", e.target.value)} />}
        </Field>
      </div>
      <fieldset className="form-grid" style={{ marginTop: "1rem" }}>
        <legend>Pause déjeuner</legend>
        <label className="check">
          <input type="checkbox" checked={draft.lunch} onChange={(e) => set("lunch", e.target.checked)} />
          Prévoir une pause déjeuner
        </label>
        {draft.lunch && (
          <>
            <Field label="Pas avant" error={errors["lunch.start"]}>
              {(p) => (
                <input
                  {...p}
                  type="time"
                  value={draft.lunchStart}
                  onChange={(e) => set("lunchStart", e.target.value)}
                />
              )}
            </Field>
            <Field label="Finie au plus tard à" error={errors["lunch.end"]}>
              {(p) => (
                <input {...p} type="time" value={draft.lunchEnd} onChange={(e) => set("lunchEnd", e.target.value)} />
              )}
            </Field>
            <Field label="Durée (minutes)" error={errors["lunch.duration_minutes"]}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={0}
                  max={180}
                  value={draft.lunchDuration}
                  onChange={(e) => set("lunchDuration", e.target.value)}
                />
              )}
            </Field>
          </>
        )}
      </fieldset>
    </>
  );
}
