// The sales funnel of the period, from the prospects entered to the orders: each stage's
// count against the previous period and the cohort's median, and each conversion from the
// stage before (the period's, the previous period's, the cohort's median).
import { DataTable } from "../../components/DataTable";
import { BarRows } from "./BarRows";
import { num, type Figures } from "./figures";
import { figure, pct } from "./format";

export function FunnelCard({ funnel, cohortSize }: { funnel: Figures["funnel"]; cohortSize: number }) {
  const max = Math.max(1, ...funnel.stages.map((s) => num(s.value) ?? 0));
  return (
    <section className="card" aria-labelledby="analysis-funnel">
      <h2 id="analysis-funnel">Tunnel de vente</h2>
      <p>
        Conversion globale des contacts émis en commandes : <strong>{pct(funnel.overall_conversion)}</strong>.
        {cohortSize > 1 && ` Médianes calculées sur les ${cohortSize} stagiaires de la promotion.`}
      </p>
      <BarRows
        id="funnel-chart-title"
        title="Effectif de chaque étape sur la période"
        max={max}
        rows={funnel.stages.map((s) => ({
          key: s.stage,
          label: s.label,
          value: num(s.value),
          text: (
            <>
              {figure(s.value)}
              {s.conversion !== null && ` (${pct(s.conversion)} de l'étape précédente)`}
            </>
          ),
        }))}
      />
      <DataTable
        caption="Tunnel de vente : étapes, période précédente, médiane de la promotion et conversions"
        wrapperClassName="scroll-x contained"
        region="Tableau du tunnel de vente"
        headers={[
          "Étape",
          { label: "Période", className: "num" },
          { label: "Période précédente", className: "num" },
          { label: "Médiane de la promotion", className: "num" },
          { label: "Conversion", className: "num" },
          { label: "Conversion précédente", className: "num" },
          { label: "Conversion médiane de la promotion", className: "num" },
        ]}
      >
        {funnel.stages.map((s) => (
          <tr key={s.stage}>
            <th scope="row">{s.label}</th>
            <td className="num">{figure(s.value)}</td>
            <td className="num">{figure(s.previous)}</td>
            <td className="num">{figure(s.cohort_median)}</td>
            <td className="num">{pct(s.conversion)}</td>
            <td className="num">{pct(s.previous_conversion)}</td>
            <td className="num">{pct(s.cohort_conversion)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
