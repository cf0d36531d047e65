// The trainee's own portfolio: evidence and criteria acquired per competence (chart and
// table), per criterion the trainer's current assessment and the recent evidence, exports.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { competenceQueries } from "../../api/queries/competences";
import { EmptyState, ErrorBanner, PageFrame } from "../../components/ui";
import { QueryState } from "../../components/QueryState";
import { CompetenceFilter, CompetenceSection, ExportCard, PortfolioSummary } from "./PortfolioParts";
import "./trainer.css";

export function MyPortfolioPage() {
  const [competence, setCompetence] = useState("");
  const portfolio = useQuery({
    ...competenceQueries.myPortfolio(),
  });
  return (
    <PageFrame title="Mon portfolio de compétences" operations={["my_portfolio", "export_my_portfolio"]}>
      {/* The error has a title of its own. */}
      <ErrorBanner error={portfolio.error} title="Le portfolio n'a pas pu être chargé." />
      <QueryState
        query={{ data: portfolio.data, error: null, isPending: portfolio.isPending }}
        busyLabel="Chargement du portfolio…"
      >
        {(p) => (
          <>
            {p.evidence_total === 0 && (
              <EmptyState title="Aucune preuve enregistrée pour l'instant.">
                Chaque action menée dans CapVente devient une preuve : commencez par vos{" "}
                <Link to="/prospects">prospects</Link>, votre <Link to="/veille">veille</Link> ou une{" "}
                <Link to="/tournees">tournée</Link>.
              </EmptyState>
            )}
            <PortfolioSummary portfolio={p} />
            <ExportCard url="/api/v1/me/portfolio/export" fallbackName="portfolio" />
            <CompetenceFilter competences={p.competences} value={competence} onChange={setCompetence} />
            {p.competences
              .filter((c) => !competence || c.code === competence)
              .map((c) => (
                <CompetenceSection key={c.code} competence={c} />
              ))}
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}
