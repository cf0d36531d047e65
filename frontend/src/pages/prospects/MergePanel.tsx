// Merge two duplicate records: choose the one kept, see field by field which value wins
// (the server's dry run decides; a click picks the other value), what moves with the
// merge and what is merged by rule (RGPD), then confirm. Stale versions are reported.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { ProspectOut as Prospect } from "../../api/types";
import { Busy, ErrorBanner } from "../../components/ui";
import { MERGE_FIELDS, MOVED_LABELS, mergeValue } from "./bulk";
import { isStaleVersion } from "../../api/problem";

type Side = "survivor" | "duplicate";

export function MergePanel({ first, second, onMerged }: { first: Prospect; second: Prospect; onMerged: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [survivorId, setSurvivorId] = useState(first.id);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const survivor = survivorId === first.id ? first : second;
  const duplicate = survivorId === first.id ? second : first;
  const body = { duplicate_id: duplicate.id, version: survivor.version, duplicate_version: duplicate.version, choices };
  const preview = useQuery({
    ...prospectQueries.mergePreview(survivor, duplicate, body),
    retry: false,
  });
  const merge = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/prospects/{prospect_id}/merge", {
          params: { path: { prospect_id: survivor.id } },
          body,
        }),
      ),
    onSuccess: (report) => {
      prospectsChanged.list(queryClient);
      onMerged();
      navigate(`/prospects/${report.prospect.id}`);
    },
  });
  const [confirming, setConfirming] = useState(false);
  const report = preview.data;
  const stale = isStaleVersion(preview.error) || isStaleVersion(merge.error);
  return (
    <section className="card" aria-labelledby="merge-title">
      <h2 id="merge-title">Fusionner deux fiches en double</h2>
      <fieldset className="plain-fieldset">
        <legend>Fiche conservée</legend>
        {[first, second].map((p) => (
          <label key={p.id} className="check">
            <input
              type="radio"
              name="merge-survivor"
              checked={survivorId === p.id}
              onChange={() => {
                setSurvivorId(p.id);
                setChoices({});
                setConfirming(false);
              }}
            />
            {p.name} (n° {p.id}
            {p.city ? `, ${p.city}` : ""})
          </label>
        ))}
        <p className="muted">
          L'autre fiche est supprimée après la fusion ; tout ce qu'elle contient est rattaché à la fiche conservée.
        </p>
      </fieldset>
      {stale && (
        <div role="alert" className="alert alert-error">
          L'une des deux fiches a été modifiée entre-temps. Rechargez la liste, puis sélectionnez-les à nouveau.{" "}
          <button
            type="button"
            onClick={() => {
              prospectsChanged.list(queryClient);
              onMerged();
            }}
          >
            Recharger la liste
          </button>
        </div>
      )}
      {!stale && <ErrorBanner error={preview.error} />}
      {preview.isPending && <Busy label="Comparaison…" />}
      {report && (
        <>
          <div className="scroll-x">
            <table className="table merge-table">
              <caption>Valeur retenue, champ par champ (cliquez pour choisir l'autre)</caption>
              <thead>
                <tr>
                  <th scope="col">Champ</th>
                  <th scope="col">{survivor.name} (conservée)</th>
                  <th scope="col">{duplicate.name} (doublon)</th>
                </tr>
              </thead>
              <tbody>
                {report.fields.map((f) => {
                  const same = mergeValue(f.field, f.survivor) === mergeValue(f.field, f.duplicate);
                  return (
                    <tr key={f.field}>
                      <th scope="row">{MERGE_FIELDS[f.field] ?? f.field}</th>
                      {(["survivor", "duplicate"] as const).map((side) => (
                        <td key={side} className={f.kept === side ? "kept" : undefined}>
                          {same ? (
                            mergeValue(f.field, f[side])
                          ) : (
                            <label className="check">
                              <input
                                type="radio"
                                name={`merge-${f.field}`}
                                checked={f.kept === side}
                                onChange={() => {
                                  setChoices((c) => ({ ...c, [f.field]: side }));
                                  setConfirming(false);
                                }}
                              />
                              {mergeValue(f.field, f[side])}
                              {f.kept === side && <span className="sr-only"> (retenue)</span>}
                            </label>
                          )}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <h3>Sans choix à faire</h3>
          <ul>
            {report.rules.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <p>
            Rattachés à la fiche conservée :{" "}
            {Object.entries(report.moved)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${n} ${MOVED_LABELS[k] ?? k}`)
              .join(", ") || "rien d'autre"}
            .
          </p>
          {!confirming ? (
            <div className="form-actions">
              <button type="button" className="primary" onClick={() => setConfirming(true)}>
                Fusionner…
              </button>
            </div>
          ) : (
            <div role="group" aria-label="Confirmer la fusion" className="confirm">
              <span>
                Fusionner « {duplicate.name} » dans « {survivor.name} » ? La fiche « {duplicate.name} » sera supprimée.
              </span>
              <button type="button" className="danger" disabled={merge.isPending} onClick={() => merge.mutate()}>
                {merge.isPending ? "Fusion…" : "Oui, fusionner"}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Annuler
              </button>
            </div>
          )}
          {!isStaleVersion(merge.error) && <ErrorBanner error={merge.error} />}
        </>
      )}
    </section>
  );
}
