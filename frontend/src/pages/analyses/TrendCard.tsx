// The trend: every registry indicator of the period against the previous period (the change
// said better or worse, the indicator knowing which way is good), and one indicator month by
// month over the period.
import { useState } from "react";
import { DataTable } from "../../components/DataTable";
import { Field } from "../../components/ui";
import { BarRows } from "./BarRows";
import { num, type Figures, type TrendMetric } from "./figures";
import { day, figure, pct, signed, withUnit } from "./format";

function verdict(m: TrendMetric): { word: string; tone: string } {
  const change = num(m.change);
  if (change === null || change === 0) return { word: "stable", tone: "" };
  const better = change > 0 === m.higher_is_better;
  return better ? { word: "en mieux", tone: "status-ok" } : { word: "en moins bien", tone: "status-error" };
}

const moved = (m: TrendMetric) => [m.value, m.previous].some((v) => (num(v) ?? 0) !== 0);

export function TrendCard({ trend }: { trend: Figures["trend"] }) {
  const [all, setAll] = useState(false);
  const shown = all ? trend.metrics : trend.metrics.filter(moved);
  const choices = trend.metrics.filter(moved);
  const [code, setCode] = useState(() => (choices.find((m) => m.code === "contacts") ?? choices[0])?.code ?? "");
  const metric = trend.metrics.find((m) => m.code === code);
  const values = trend.months.map((month) => num(month.values[code] ?? null));
  return (
    <section className="card" aria-labelledby="analysis-trend">
      <h2 id="analysis-trend">Tendance</h2>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
        Afficher aussi les {trend.metrics.length - choices.length} indicateurs à zéro sur les deux périodes
      </label>
      <DataTable
        caption="Indicateurs de la période comparés à la période précédente"
        wrapperClassName="scroll-x contained"
        region="Tableau des indicateurs"
        headers={[
          "Indicateur",
          { label: "Période", className: "num" },
          { label: "Période précédente", className: "num" },
          { label: "Évolution", className: "num" },
          { label: "Évolution (%)", className: "num" },
          "Sens",
        ]}
      >
        {shown.map((m) => {
          const v = verdict(m);
          return (
            <tr key={m.code}>
              <th scope="row">{m.label}</th>
              <td className="num">{withUnit(m.value, m.unit)}</td>
              <td className="num">{withUnit(m.previous, m.unit)}</td>
              <td className="num">{signed(m.change)}</td>
              <td className="num">{m.change_pct === null ? "—" : `${signed(m.change_pct, 1)} %`}</td>
              <td>
                <span className={`status ${v.tone}`}>{v.word}</span>
              </td>
            </tr>
          );
        })}
      </DataTable>
      {choices.length > 0 && (
        <div className="trend-months">
          <Field label="Indicateur mois par mois">
            {(p) => (
              <select {...p} value={code} onChange={(e) => setCode(e.target.value)}>
                {choices.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {metric && (
            <BarRows
              id="trend-chart-title"
              title={`${metric.label}, mois par mois`}
              max={Math.max(1, ...values.map((v) => Math.abs(v ?? 0)))}
              rows={trend.months.map((month, i) => ({
                key: month.start,
                label: `${day(month.start)} – ${day(month.end)}`,
                value: values[i] === null ? null : Math.abs(values[i] as number),
                text: metric.unit === "%" ? pct(month.values[code] ?? null) : withUnit(month.values[code], metric.unit),
              }))}
            />
          )}
          {metric && trend.months.length === 1 && (
            <p className="hint">
              Une période d'un mois : {figure(metric.value)} sur le mois, {figure(metric.previous)} le mois d'avant.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
