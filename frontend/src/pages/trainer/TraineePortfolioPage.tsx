// A trainee's portfolio for their trainer: per competence the criteria, their evidence and
// current assessment, a form to assess each one; the history of assessments; the trainee's
// records (prospects, tours, watch) and activity (evidence journal), read-only; exports.
// A company tutor reads the same page without the records (the API refuses them those).
import type { CriterionPortfolio } from "../../api/types";
import { competenceQueries } from "../../api/queries/competences";
import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { isTutor, useAuth } from "../../auth/AuthContext";
import { ErrorBanner, Notice, PageFrame } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { AssessmentForm } from "./AssessmentForm";
import { AssessmentHistory } from "./AssessmentHistory";
import { EvidenceJournal } from "./EvidenceJournal";
import { LEVELS } from "../../labels/trainer";
import { TraineeRecords } from "./TraineeRecords";
import { InPageNav } from "./InPageNav";
import { CompetenceFilter, CompetenceSection, ExportCard, PortfolioSummary } from "./PortfolioParts";
import "./trainer.css";

const ASSESS = "competence:assess";

const STAFF_OPERATIONS = [
  "trainee_portfolio",
  "create_assessment",
  "list_assessments",
  "trainee_evidence",
  "export_trainee_portfolio",
  "list_prospects",
  "list_tours",
  "list_items",
  "list_sources",
  "list_competitors",
] as const;

const TUTOR_OPERATIONS = [
  "trainee_portfolio",
  "list_assessments",
  "trainee_evidence",
  "export_trainee_portfolio",
] as const;

export function TraineePortfolioPage() {
  const { traineeId: raw } = useParams();
  const traineeId = Number(raw);
  const { me } = useAuth();
  const canAssess = Boolean(me?.permissions.includes(ASSESS));
  const tutor = isTutor(me);
  const [competence, setCompetence] = useState("");
  const valid = Number.isInteger(traineeId) && traineeId > 0;
  const portfolio = useQuery({
    ...competenceQueries.portfolio(traineeId),
    enabled: valid,
  });
  const trainee = portfolio.data?.trainee;
  return (
    <PageFrame
      title={trainee ? `Portfolio de ${trainee.full_name}` : "Portfolio du stagiaire"}
      operations={tutor ? TUTOR_OPERATIONS : STAFF_OPERATIONS}
      actions={
        tutor ? (
          <Link to="/alternants">Retour à mes alternants</Link>
        ) : (
          <>
            {valid && <Link to={`/agenda?stagiaire=${traineeId}`}>Agenda du stagiaire</Link>}
            <Link to="/">Retour à la promotion</Link>
          </>
        )
      }
    >
      {!valid && <ErrorBanner error={new Error("Adresse de stagiaire invalide.")} />}
      {/* The error has a title of its own; nothing is read for an invalid address. */}
      <ErrorBanner error={portfolio.error} title="Le portfolio n'a pas pu être chargé." />
      <QueryState
        query={{
          data: portfolio.data,
          error: null,
          isPending: portfolio.isPending && portfolio.fetchStatus !== "idle",
        }}
        busyLabel="Chargement du portfolio…"
      >
        {(p) => (
          <>
            <p className="muted">
              {p.trainee.email}
              {p.trainee.cohort ? ` · ${p.trainee.cohort}` : ""}
            </p>
            {!canAssess && <Notice>Lecture seule : seuls les formateurs de la promotion évaluent les critères.</Notice>}
            {/* A long page: its parts, one link each (issue 13). */}
            <InPageNav
              parts={[
                { target: "portfolio-summary", label: "Synthèse" },
                { target: "portfolio-competences", label: "Compétences et évaluation" },
                { target: "assessment-history", label: "Historique des évaluations" },
                ...(tutor ? [] : [{ target: "trainee-records", label: "Fiches" }]),
                { target: "trainee-activity", label: "Activité" },
                { target: "portfolio-export", label: "Exporter" },
              ]}
            />
            <PortfolioSummary portfolio={p} />
            <ExportCard
              url={`/api/v1/trainees/${traineeId}/portfolio/export`}
              fallbackName={`portfolio-${traineeId}`}
            />
            <div id="portfolio-competences" aria-label="Compétences et évaluation" role="group">
              <CompetenceFilter competences={p.competences} value={competence} onChange={setCompetence} />
              {p.competences
                .filter((c) => !competence || c.code === competence)
                .map((c) => (
                  <CompetenceSection
                    key={c.code}
                    competence={c}
                    criterionActions={
                      canAssess
                        ? (criterion) => <AssessAction traineeId={traineeId} criterion={criterion} />
                        : undefined
                    }
                  />
                ))}
            </div>
            <AssessmentHistory traineeId={traineeId} portfolio={p} />
            {!tutor && <TraineeRecords traineeId={traineeId} name={p.trainee.full_name} />}
            <EvidenceJournal traineeId={traineeId} portfolio={p} previews={!tutor} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

function AssessAction({ traineeId, criterion }: { traineeId: number; criterion: CriterionPortfolio }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="trainer-assess-action">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          setSaved(null);
        }}
      >
        Évaluer {criterion.code}
      </button>
      {open && (
        <AssessmentForm
          traineeId={traineeId}
          criterion={criterion}
          onCancel={close}
          onSaved={(a) => {
            close();
            setSaved(`Évaluation de ${a.criterion_code} enregistrée : ${LEVELS[a.level]}.`);
          }}
        />
      )}
      {saved && (
        <p role="status" className="trainer-saved">
          {saved}
        </p>
      )}
    </div>
  );
}
