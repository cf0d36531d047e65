// The trainer's assessment from a note version: each CP4 criterion (and CT1.5) « en cours »,
// « acquis » or left unassessed, with a comment; each level given is appended to the
// trainee's assessments (the comment names the note and version). The criteria's wording is
// the competence catalogue's.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { competencesChanged } from "../../api/queries/competences";
import { notesChanged } from "../../api/queries/analyses";
import { userQueries } from "../../api/queries/users";
import type { NoteOut } from "../../api/types";
import { Notice, SaveError } from "../../components/ui";
import { NOTE_CRITERIA, NOTE_LEVELS, type NoteCriterion } from "../../labels/analyses";
import { LEVELS } from "../../labels/trainer";

type Level = "" | "in_progress" | "acquired";
type Choice = { level: Level; comment: string };

export function NoteAssessmentForm({ note, number }: { note: NoteOut; number: number }) {
  const queryClient = useQueryClient();
  const catalogue = useQuery({ ...userQueries.competences(), staleTime: Infinity });
  const texts = new Map(
    (catalogue.data?.competences ?? []).flatMap((c) => c.criteria.map((k) => [k.code, k.text] as const)),
  );
  const blank = () =>
    Object.fromEntries(NOTE_CRITERIA.map((c) => [c, { level: "", comment: "" }])) as Record<NoteCriterion, Choice>;
  const [choices, setChoices] = useState<Record<NoteCriterion, Choice>>(blank);
  const [local, setLocal] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const chosen = NOTE_CRITERIA.filter((c) => choices[c].level !== "");
  const assess = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/notes/{note_id}/versions/{number}/assessment", {
          params: { path: { note_id: note.id, number } },
          body: {
            criteria: chosen.map((c) => ({
              criterion_code: c,
              level: choices[c].level as "in_progress" | "acquired",
              comment: choices[c].comment.trim(),
            })),
          },
        }),
      ),
    onSuccess: async (rows) => {
      setSaved(
        `Évaluation enregistrée : ${rows.map((r) => `${r.criterion_code} ${LEVELS[r.level].toLowerCase()}`).join(", ")}.`,
      );
      setChoices(blank());
      await Promise.all([
        competencesChanged.assessment(queryClient, note.owner_id),
        notesChanged.note(queryClient, note.id),
      ]);
    },
  });
  const set = (c: NoteCriterion, patch: Partial<Choice>) =>
    setChoices((all) => ({ ...all, [c]: { ...all[c], ...patch } }));
  return (
    <section className="card" aria-labelledby="note-assessment">
      <h2 id="note-assessment">Évaluer d'après la version {number}</h2>
      <form
        noValidate
        aria-labelledby="note-assessment"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          setLocal(chosen.length === 0 ? "Choisissez le niveau d'au moins un critère." : null);
          if (chosen.length > 0) assess.mutate();
        }}
      >
        {NOTE_CRITERIA.map((c) => (
          <fieldset key={c} className="criterion-choice">
            <legend>
              <strong>{c}</strong>
              {texts.get(c) ? ` — ${texts.get(c)}` : ""}
            </legend>
            <div className="segmented" role="radiogroup" aria-label={`Niveau de ${c}`}>
              {(["", "in_progress", "acquired"] as Level[]).map((level) => (
                <label key={level || "none"} className="check">
                  <input
                    type="radio"
                    name={`level-${c}`}
                    value={level}
                    checked={choices[c].level === level}
                    onChange={() => set(c, { level })}
                  />
                  {level ? NOTE_LEVELS[level] : "non évalué"}
                </label>
              ))}
            </div>
            {choices[c].level !== "" && (
              <label className="criterion-comment">
                Commentaire sur {c}
                <input value={choices[c].comment} onChange={(e) => set(c, { comment: e.target.value })} />
              </label>
            )}
          </fieldset>
        ))}
        {local && <Notice>{local}</Notice>}
        <SaveError error={assess.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={assess.isPending}>
            {assess.isPending ? "Enregistrement…" : "Enregistrer l'évaluation"}
          </button>
        </div>
        {saved && <Notice>{saved}</Notice>}
      </form>
    </section>
  );
}
