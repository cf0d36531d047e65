// The activity of the period: time spent per kind of action, contacts and visits per working
// day, km and CO₂ per visit and per order, and the plan's actions carried out.
import { DataTable } from "../../components/DataTable";
import { EmptyState } from "../../components/ui";
import { ACTION_KINDS } from "../../labels/plans";
import { BarRows } from "./BarRows";
import { num, type Activity } from "./figures";
import { day, figure, pct } from "./format";

export function ActivityCard({ activity: a }: { activity: Activity }) {
  return (
    <section className="card" aria-labelledby="analysis-activity">
      <h2 id="analysis-activity">Activité</h2>
      <div className="grid-2">
        <BarRows
          id="time-chart-title"
          title={`Temps enregistré par type d'action (${figure(a.total_hours)} h au total)`}
          max={100}
          rows={a.time.map((t) => ({
            key: t.code,
            label: t.label,
            value: num(t.share),
            text: `${figure(t.hours)} h (${pct(t.share)})`,
          }))}
        />
        <dl className="details-grid">
          <dt>Jours ouvrés</dt>
          <dd>{a.working_days}</dd>
          <dt>Contacts par jour</dt>
          <dd>{figure(a.contacts_per_day)}</dd>
          <dt>Visites par jour</dt>
          <dd>{figure(a.visits_per_day)}</dd>
          <dt>Km par visite</dt>
          <dd>{figure(a.km_per_visit)}</dd>
          <dt>CO₂ par visite (kg)</dt>
          <dd>{figure(a.co2_per_visit)}</dd>
          <dt>Km par commande</dt>
          <dd>{figure(a.km_per_order)}</dd>
          <dt>CO₂ par commande (kg)</dt>
          <dd>{figure(a.co2_per_order)}</dd>
        </dl>
      </div>
      <h3>Actions du plan</h3>
      <p>
        {a.actions_done} action(s) menée(s) sur {a.actions_due} arrivée(s) à échéance ({pct(a.actions_done_share)}).
      </p>
      {a.actions.length === 0 ? (
        <EmptyState title="Le plan n'a pas d'action." />
      ) : (
        <DataTable
          caption="Actions du plan, échéance et réalisation"
          headers={["Action", "Type", "Dates", "Réalisation"]}
        >
          {a.actions.map((x) => (
            <tr key={x.id}>
              <th scope="row">{x.title}</th>
              <td>{ACTION_KINDS[x.kind as keyof typeof ACTION_KINDS] ?? x.kind}</td>
              <td>
                du {day(x.starts_on)} au {day(x.ends_on)}
              </td>
              <td>
                <span className={`status ${x.done ? "status-ok" : x.due ? "status-error" : ""}`}>
                  <span aria-hidden="true">{x.done ? "✓ " : x.due ? "✗ " : ""}</span>
                  {x.done ? "menée" : x.due ? "échue, non menée" : "en cours"}
                </span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
