// A business case's procedures per type of case (steps, who approves), the departments to
// escalate to, and the social-media charter.
import { Fragment } from "react";
import type { BusinessCaseDocument, Schemas as S } from "../../api/types";
import { APPROVERS, CASE_TYPES, CHARTER_RULE_KINDS, DEPARTMENTS } from "../../labels/businessCases";
import { label } from "../../labels/prospects";
import { Texts } from "./CaseDocumentView";

type Policy = BusinessCaseDocument["policy"];
type Step = S["ProcedureStep"];

export function ProceduresSection({ policy: p }: { policy: Policy }) {
  const procedures = Object.entries((p.procedures ?? {}) as Record<string, Step[]>);
  const charter = p.social_media;
  return (
    <section className="card" aria-labelledby="cas-procedures">
      <h2 id="cas-procedures">Procédures, services et charte</h2>
      <h3>Procédures par type de dossier</h3>
      {procedures.length === 0 ? (
        <p>Aucune procédure.</p>
      ) : (
        <div className="procedures">
          {procedures.map(([kind, steps]) => (
            <div key={kind}>
              <h4>{label(CASE_TYPES, kind as S["CaseType"])}</h4>
              <ol>
                {steps.map((s) => (
                  <li key={s.code}>
                    {s.label}
                    {s.required === false && <span className="muted"> (facultatif)</span>}
                    {s.approval_by && <em> — accord : {label(APPROVERS, s.approval_by)}</em>}
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
      <h3>Services à solliciter</h3>
      {p.escalation?.length ? (
        <dl className="details-grid">
          {p.escalation.map((e) => (
            <Fragment key={e.department}>
              <dt>{DEPARTMENTS[e.department]}</dt>
              <dd>{e.contact}</dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <p>Aucun service indiqué.</p>
      )}
      <h3>Charte des réseaux sociaux</h3>
      {!charter ? (
        <p>Pas de charte.</p>
      ) : (
        <>
          <dl className="details-grid">
            <dt>Page de l'entreprise</dt>
            <dd>{charter.company_page}</dd>
            <dt>Ton</dt>
            <dd>{charter.tone}</dd>
            <dt>Thèmes</dt>
            <dd>
              <Texts items={charter.themes} />
            </dd>
            <dt>Mentions obligatoires</dt>
            <dd>
              <Texts items={charter.required_mentions} />
            </dd>
            <dt>Affirmations interdites</dt>
            <dd>
              <Texts items={charter.forbidden_claims} />
            </dd>
            <dt>Mots interdits</dt>
            <dd>{charter.forbidden_words?.length ? charter.forbidden_words.join(", ") : "—"}</dd>
          </dl>
          {charter.rules?.length ? (
            <ul>
              {charter.rules.map((r) => (
                <li key={r.code}>
                  <strong>{CHARTER_RULE_KINDS[r.kind]} :</strong> {r.label}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
