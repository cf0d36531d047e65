// The pieces both portfolios share (the trainee's own and the trainer's view of it): the
// summary with its chart, a competence with its criteria, a criterion's current assessment,
// the export buttons and the competence filter.
import type { CompetencePortfolio, CriterionPortfolio, Portfolio } from "../../api/types";
import { useState, type ReactNode } from "react";
import { PortfolioCharts } from "../../components/PortfolioCharts";
import { ErrorBanner, formatDate } from "../../components/ui";
import { FilterSelect } from "../../components/FilterSelect";
import { downloadFile } from "../../api/download";
import { COMPETENCE_STATUSES, LEVELS, resourceLabel } from "../../labels/trainer";
import { criteriaByLevel, lastActivity } from "./overview";

/** Legend entries in the text colour (Recharts colours them like their series). */
export const legendText = (value: string) => <span className="trainer-legend">{value}</span>;

export function PortfolioSummary({ portfolio }: { portfolio: Portfolio }) {
  const levels = criteriaByLevel(portfolio);
  const last = lastActivity(portfolio);
  return (
    <section className="card" aria-labelledby="portfolio-summary">
      <h2 id="portfolio-summary">Synthèse</h2>
      <dl className="trainer-figures">
        <div>
          <dt>Preuves enregistrées</dt>
          <dd>{portfolio.evidence_total}</dd>
        </div>
        <div>
          <dt>Critères acquis</dt>
          <dd>
            {portfolio.criteria_acquired} / {portfolio.criteria_total}
          </dd>
        </div>
        <div>
          <dt>Critères en cours d'acquisition</dt>
          <dd>{levels.in_progress}</dd>
        </div>
        <div>
          <dt>Dernière activité</dt>
          <dd>{formatDate(last)}</dd>
        </div>
      </dl>
      <p className="muted">
        {portfolio.framework_title} (version {portfolio.framework_version})
        {portfolio.trainee.cohort ? ` — ${portfolio.trainee.cohort}` : ""}.
      </p>
      {portfolio.evidence_total === 0 && portfolio.criteria_acquired === 0 ? (
        <p>Rien à représenter pour l'instant : aucune preuve enregistrée ni critère acquis.</p>
      ) : (
        <PortfolioCharts competences={portfolio.competences} height={260} />
      )}
      <table className="table compact">
        <caption className="trainer-caption">Par compétence</caption>
        <thead>
          <tr>
            <th scope="col">Compétence</th>
            <th scope="col">Preuves</th>
            <th scope="col">Critères acquis</th>
            <th scope="col">Dernière preuve</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {portfolio.competences.map((c) => (
            <tr key={c.code}>
              <th scope="row">
                {c.code} — {c.title}
              </th>
              <td>{c.evidence_count ?? 0}</td>
              <td>
                {c.criteria_acquired} / {c.criteria.length}
              </td>
              <td>{formatDate(c.last_at)}</td>
              <td>
                <StatusTag level={c.status} competence />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function StatusTag({
  level,
  competence = false,
}: {
  level: CompetencePortfolio["status"];
  competence?: boolean;
}) {
  return <span className={`status level-${level}`}>{(competence ? COMPETENCE_STATUSES : LEVELS)[level] ?? level}</span>;
}

/** A competence, its criteria, each with its evidence, current assessment and `actions`. */
export function CompetenceSection(props: {
  competence: CompetencePortfolio;
  criterionActions?: (criterion: CriterionPortfolio) => ReactNode;
}) {
  const c = props.competence;
  return (
    <section
      className="card trainer-competence"
      id={`competence-${c.code}`}
      aria-labelledby={`competence-${c.code}-title`}
    >
      <h2 id={`competence-${c.code}-title`}>
        {c.code} — {c.title}
      </h2>
      <p className="trainer-meta">
        <StatusTag level={c.status} competence />{" "}
        {c.kind === "cross_cutting" ? "Compétence transversale" : `Activité type ${c.block ?? ""}`} ·{" "}
        {c.evidence_count ?? 0} preuve(s){c.last_at ? `, la dernière le ${formatDate(c.last_at)}` : ""} ·{" "}
        {c.criteria_acquired} critère(s) acquis sur {c.criteria.length}
      </p>
      <ul className="trainer-criteria">
        {c.criteria.map((criterion) => (
          <li key={criterion.code} className="trainer-criterion">
            <h3>{criterion.code}</h3>
            <p className="trainer-criterion-text">{criterion.text}</p>
            <p className="muted">
              {criterion.evidence_count ?? 0} preuve(s)
              {criterion.last_at
                ? `, la dernière le ${formatDate(criterion.last_at)}`
                : " : aucune activité enregistrée pour l'instant"}
            </p>
            <CurrentAssessment criterion={criterion} />
            <RecentEvidence examples={criterion.recent} />
            {props.criterionActions?.(criterion)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CurrentAssessment({ criterion }: { criterion: CriterionPortfolio }) {
  const a = criterion.assessment;
  if (!a)
    return (
      <p className="trainer-assessment">
        Évaluation : <StatusTag level="not_assessed" /> <span className="muted">(pas encore évalué)</span>
      </p>
    );
  return (
    <div className="trainer-assessment">
      <p>
        Évaluation : <StatusTag level={a.level} />{" "}
        <span className="muted">
          par {a.assessor_name || "—"} le {formatDate(a.created_at, true)}
        </span>
      </p>
      {a.comment && <blockquote className="trainer-comment">{a.comment}</blockquote>}
    </div>
  );
}

function RecentEvidence({ examples = [] }: { examples: CriterionPortfolio["recent"] }) {
  if (examples.length === 0) return null;
  return (
    <details className="trainer-recent">
      <summary>Preuves récentes ({examples.length})</summary>
      <ul className="plain">
        {examples.map((e) => (
          <li key={e.id}>
            {formatDate(e.created_at, true)} — {e.label || e.action}
            {e.resource_type && (
              <span className="muted">
                {" "}
                ({resourceLabel(e.resource_type)}
                {e.resource_id ? ` n° ${e.resource_id}` : ""})
              </span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Markdown and HTML downloads of a portfolio export route. */
export function ExportCard({ url, fallbackName }: { url: string; fallbackName: string }) {
  const [busy, setBusy] = useState<"markdown" | "html" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  async function run(format: "markdown" | "html") {
    setBusy(format);
    setError(null);
    setDone(null);
    try {
      const name = await downloadFile(
        `${url}?format=${format}`,
        `${fallbackName}.${format === "markdown" ? "md" : "html"}`,
      );
      setDone(name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="card" aria-labelledby="portfolio-export">
      <h2 id="portfolio-export">Exporter le portfolio</h2>
      <p>Un document à joindre au dossier professionnel (DP) : preuves et évaluations par critère.</p>
      <div className="trainer-actions">
        <button type="button" onClick={() => run("markdown")} disabled={busy !== null} aria-busy={busy === "markdown"}>
          {busy === "markdown" ? "Export en cours…" : "Télécharger (Markdown)"}
        </button>
        <button type="button" onClick={() => run("html")} disabled={busy !== null} aria-busy={busy === "html"}>
          {busy === "html" ? "Export en cours…" : "Télécharger (HTML)"}
        </button>
      </div>
      {done && (
        <p role="status" className="muted">
          Fichier « {done} » téléchargé.
        </p>
      )}
      <ErrorBanner error={error} title="L'export a échoué." />
    </section>
  );
}

/** Which competence to show: all, or one (long portfolios read better one at a time). */
export function CompetenceFilter(props: {
  competences: CompetencePortfolio[];
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <div className="filters">
      <FilterSelect
        label="Compétence affichée"
        all="Toutes les compétences"
        value={props.value}
        onChange={props.onChange}
      >
        {props.competences.map((c) => (
          <option key={c.code} value={c.code}>
            {c.code} — {c.title}
          </option>
        ))}
      </FilterSelect>
    </div>
  );
}
