// The coherence checks of the plan, computed by the server and explained: per check
// (targeting CP2.2, activities CP2.5, policy CP2.1, geography CP2.6, decomposition), each
// finding's severity in words, its message, its figures and links to the records behind it.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { planQueries } from "../../api/queries/plans";
import type { Finding } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { formatDecimal } from "../../labels/businessCases";
import { jumpTo } from "../trainer/InPageNav";
import { CHECKS, FIGURES, SEVERITY_CLASS, severityLabel, type Check } from "../../labels/plans";

export function FindingsCard({ planId }: { planId: number }) {
  const findings = useQuery({ ...planQueries.findings(planId) });
  return (
    <section className="card" aria-labelledby="plan-findings">
      <h2 id="plan-findings">Cohérence du plan</h2>
      <QueryState query={findings} busyLabel="Vérification de la cohérence…">
        {(items) => (
          <div aria-live="polite">
            {(Object.keys(CHECKS) as Check[]).map((check) => (
              <CheckGroup key={check} check={check} findings={items.filter((f) => f.check === check)} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}

function CheckGroup({ check, findings }: { check: Check; findings: Finding[] }) {
  const id = `findings-${check}`;
  return (
    <section className="findings" aria-labelledby={id}>
      <h3 id={id}>{CHECKS[check]}</h3>
      {findings.length === 0 ? (
        <p className="muted">Rien à signaler.</p>
      ) : (
        <ul className="findings-list">
          {findings.map((f, i) => (
            <FindingItem key={`${f.code}-${i}`} finding={f} />
          ))}
        </ul>
      )}
    </section>
  );
}

function figureValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)))
    return formatDecimal(value as string | number);
  return String(value);
}

function FindingItem({ finding: f }: { finding: Finding }) {
  const figures = Object.entries(f.figures ?? {}).filter(([k, v]) => k in FIGURES && v !== null && v !== "");
  return (
    <li className={`finding finding-${f.severity}`}>
      <span className={`status ${SEVERITY_CLASS[f.severity]}`}>{severityLabel(f)}</span> {f.message}
      {figures.length > 0 && (
        <dl className="figures">
          {figures.map(([k, v]) => (
            <div key={k}>
              <dt>{FIGURES[k]}</dt>
              <dd>{figureValue(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {f.links && f.links.length > 0 && (
        <ul className="finding-links">
          {f.links.map((l) => (
            <li key={`${l.kind}-${l.id}`}>
              {/* An action of this page is an anchor; any other record is a client route. */}
              {l.href.startsWith("#") ? (
                <a href={l.href} onClick={(e) => jumpTo(l.href.slice(1)) && e.preventDefault()}>
                  {l.label}
                </a>
              ) : (
                <Link to={l.href}>{l.label}</Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
