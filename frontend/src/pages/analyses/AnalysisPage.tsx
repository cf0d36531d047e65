// One gap analysis (CP4): the period and its plan, the figures computed now by the server
// (objectives against results, the funnel, the trend, the activity, Pareto/ABC, the effect of
// earlier corrective actions), the causes (CP4.2), the corrective actions (CP4.4) and the
// synthesis note (CP4.3). The trainee's own analysis is written here; staff and company tutors
// read it (ReadOnlyScope: no write button).
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { analysisQueries } from "../../api/queries/analyses";
import type { AnalysisOut } from "../../api/types";
import { isTutor, useAuth } from "../../auth/AuthContext";
import { QueryState } from "../../components/QueryState";
import { ReadOnlyScope, useIsMine } from "../../components/ReadOnly";
import { PageFrame, formatDate } from "../../components/ui";
import { NOTE_STATUSES } from "../../labels/analyses";
import { InPageNav } from "../trainer/InPageNav";
import { MetricLabels } from "./metricLabels";
import { ActivityCard } from "./ActivityCard";
import { CausesCard } from "./CausesCard";
import { CorrectiveCard } from "./CorrectiveCard";
import { EffectsCard } from "./EffectsCard";
import { figuresOf } from "./figures";
import { period } from "./format";
import { FunnelCard } from "./FunnelCard";
import { NoteCard } from "./NoteCard";
import { ObjectivesCard } from "./ObjectivesCard";
import { ParetoCard } from "./ParetoCard";
import { TrendCard } from "./TrendCard";
import "./analyses.css";

const PARTS = [
  { target: "analysis-objectives", label: "Objectifs" },
  { target: "analysis-funnel", label: "Tunnel" },
  { target: "analysis-trend", label: "Tendance" },
  { target: "analysis-activity", label: "Activité" },
  { target: "analysis-pareto", label: "Pareto" },
  { target: "analysis-effects", label: "Effets" },
  { target: "analysis-causes", label: "Causes" },
  { target: "analysis-actions", label: "Actions correctives" },
  { target: "analysis-note", label: "Note de synthèse" },
];

const WRITER_OPERATIONS = [
  "read_analysis",
  "analysis_figures",
  "diagnose_analysis",
  "list_causes",
  "add_cause",
  "decide_cause",
  "cause_proposals",
  "create_corrective_action",
  "update_corrective_action",
  "corrective_action_feasibility",
  "accept_corrective_action",
  "open_synthesis_note",
] as const;

const READER_OPERATIONS = ["read_analysis", "analysis_figures", "list_causes", "list_corrective_actions"] as const;

export function AnalysisPage() {
  const id = Number(useParams().id);
  const analysis = useQuery({ ...analysisQueries.detail(id), enabled: id > 0 });
  const mine = useIsMine(analysis.data?.owner_id);
  return (
    <PageFrame
      title={analysis.data ? analysis.data.title : "Analyse des écarts"}
      operations={analysis.data && mine ? WRITER_OPERATIONS : READER_OPERATIONS}
    >
      <p>
        <Link to={mine ? "/analyses" : `/analyses?stagiaire=${analysis.data?.owner_id ?? ""}`}>
          ← {mine ? "Toutes mes analyses" : "Analyses du stagiaire"}
        </Link>
      </p>
      <QueryState query={analysis} busyLabel="Chargement de l'analyse…">
        {(a) => (
          <ReadOnlyScope ownerId={a.owner_id}>
            <AnalysisBody analysis={a} />
          </ReadOnlyScope>
        )}
      </QueryState>
    </PageFrame>
  );
}

function AnalysisBody({ analysis: a }: { analysis: AnalysisOut }) {
  const { me } = useAuth();
  const figures = useQuery({ ...analysisQueries.figures(a.id) });
  const f = figures.data ? figuresOf(figures.data) : null;
  const labels = new Map((f?.trend.metrics ?? []).map((m) => [m.code, m.label]));
  return (
    <MetricLabels.Provider value={labels}>
      <InPageNav parts={PARTS} />
      <section className="card" aria-labelledby="analysis-summary">
        <h2 id="analysis-summary">En bref</h2>
        <dl className="details-grid">
          <dt>Stagiaire</dt>
          <dd>{a.owner_name}</dd>
          <dt>Période</dt>
          <dd>
            {period(a.starts_on, a.ends_on)}
            {f && ` (${f.period.days} jours, ${f.period.working_days} jours ouvrés)`}
          </dd>
          {f && (
            <>
              <dt>Comparée à</dt>
              <dd>la période précédente, {period(f.period.previous_start, f.period.previous_end)}</dd>
            </>
          )}
          <dt>Plan d'actions</dt>
          <dd>
            {f?.plan ? (
              isTutor(me) ? (
                `« ${f.plan.title} »`
              ) : (
                <Link to={`/plans/${f.plan.id}`}>{f.plan.title}</Link>
              )
            ) : (
              "aucun plan ne couvre cette période : pas d'objectifs à comparer"
            )}
          </dd>
          <dt>Diagnostic</dt>
          <dd>{a.diagnosed_at ? `fait le ${formatDate(a.diagnosed_at, true)}` : "pas encore lancé"}</dd>
          <dt>Note de synthèse</dt>
          <dd>{a.note_status ? NOTE_STATUSES[a.note_status] : "pas encore rédigée"}</dd>
        </dl>
        {f && <p className="muted">Chiffres calculés le {formatDate(f.computed_at, true)} depuis les fiches.</p>}
      </section>
      <QueryState query={figures} busyLabel="Calcul des chiffres de l'analyse…">
        {() =>
          f && (
            <>
              <ObjectivesCard objectives={f.objectives} hasPlan={f.plan !== null} />
              <FunnelCard funnel={f.funnel} cohortSize={f.period.cohort_size} />
              <TrendCard trend={f.trend} />
              <ActivityCard activity={f.activity} />
              <ParetoCard pareto={f.pareto} />
              <EffectsCard effects={f.effects} />
            </>
          )
        }
      </QueryState>
      <CausesCard analysis={a} />
      <CorrectiveCard analysis={a} />
      <NoteCard analysis={a} />
    </MetricLabels.Provider>
  );
}
