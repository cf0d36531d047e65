// Call scripts (CP3.2): the steps of a prospecting call (introduction, gatekeeper, hook,
// discovery questions, objections, close), optionally for one persona.
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { prospectQueries } from "../../api/queries/prospects";
import type { CallScriptOut as Script, ScriptStepKind as StepKind } from "../../api/types";
import { EmptyState, ErrorBanner, PageFrame, Pager } from "../../components/ui";
import { FilterSelect } from "../../components/FilterSelect";
import { useFilters } from "../../components/useFilters";
import { QueryState } from "../../components/QueryState";
import { STEP_KINDS, label } from "../../labels/prospects";
import { EditorSlot, NewButton, type Editing } from "./editing";
import { ProspectsNav } from "./ProspectsNav";
import { ScriptForm } from "./ScriptForm";
import "./prospects.css";

const LIMIT = 20;

export function ScriptsPage() {
  const {
    filters: { persona },
    filter,
    offset,
    setOffset,
  } = useFilters({ persona: "" });
  const [editing, setEditing] = useState<Editing<Script>>(null);
  const query = { limit: LIMIT, offset, persona_id: persona ? Number(persona) : undefined };
  const scripts = useQuery({
    ...prospectQueries.scripts(query),
    placeholderData: keepPreviousData,
  });
  const personas = useQuery({
    ...prospectQueries.allPersonas(),
  });
  const personaName = (id: number | null) =>
    id === null ? "Tous les prospects" : (personas.data?.items.find((p) => p.id === id)?.name ?? `Persona ${id}`);
  return (
    <PageFrame
      title="Scripts d'appel"
      operations={["list_scripts", "create_script", "update_script", "list_personas"]}
      actions={
        <NewButton editing={editing} onEdit={setEditing}>
          Nouveau script
        </NewButton>
      }
    >
      <ProspectsNav />
      <EditorSlot editing={editing}>
        {(script) => (
          <ScriptForm script={script} personas={personas.data?.items ?? []} onDone={() => setEditing(null)} />
        )}
      </EditorSlot>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filtrer les scripts">
        <FilterSelect
          label="Persona visé"
          all="Tous les scripts"
          value={persona}
          onChange={(v) => filter("persona", v)}
          items={personas.data?.items ?? []}
        />
      </form>
      <ErrorBanner error={personas.error} />
      <QueryState
        query={scripts}
        empty={
          <EmptyState title={persona ? "Aucun script pour ce persona." : "Aucun script d'appel."}>
            Rédigez votre premier script avec « Nouveau script » : présentation, barrage, accroche, questions,
            objections, conclusion.
          </EmptyState>
        }
      >
        {(data) =>
          data.items.map((s) => (
            <article key={s.id} className="card" aria-labelledby={`script-${s.id}`}>
              <h2 id={`script-${s.id}`}>{s.name}</h2>
              <p className="muted">
                Pour : {personaName(s.persona_id)} · {s.steps.length} étape{s.steps.length > 1 ? "s" : ""}
              </p>
              <details>
                <summary>Voir les étapes</summary>
                <ol className="steps">
                  {s.steps.map((step, i) => (
                    <li key={i}>
                      <strong>{label(STEP_KINDS, step.kind as StepKind)}</strong> : {String(step.text ?? "")}
                    </li>
                  ))}
                </ol>
              </details>
              <p>
                <button type="button" onClick={() => setEditing(s)} aria-label={`Modifier le script ${s.name}`}>
                  Modifier
                </button>
              </p>
            </article>
          ))
        }
      </QueryState>
      {/* Also on an empty page past the first: it leads back. */}
      {scripts.data && <Pager offset={offset} limit={LIMIT} total={scripts.data.total} onOffset={setOffset} />}
    </PageFrame>
  );
}
