// The privacy settings to apply on each network (CP5.6): a checklist per network of the
// charter (and per other network the trainee adds), each setting with what to set, where,
// and why; a checklist is complete when every setting is applied. Staff read it.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { privacyChanged, socialQueries } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { EmptyState, ErrorBanner, Options, formatDate } from "../../components/ui";
import { NETWORKS } from "../../labels/social";
import { useScope } from "./scope";
import { SocialPage } from "./SocialPage";

type Checklist = S["SocialPrivacyOut"];

export function PrivacyPage() {
  const scope = useScope();
  const lists = useQuery({ ...socialQueries.privacy(scope.traineeId), enabled: !scope.missing });
  return (
    <SocialPage title="Confidentialité sur les réseaux" operations={["save_checklist"]}>
      {(s) => (
        <>
          <p className="lead">
            Vous parlez au nom de l'entreprise et vos relations sont ses clients : appliquez sur chaque réseau les
            réglages de confidentialité ci-dessous, puis cochez-les.
          </p>
          <QueryState
            query={lists}
            isEmpty={(l) => l.length === 0}
            empty={
              <EmptyState title="Aucune liste de réglages pour l'instant.">
                Les listes suivent les réseaux de la charte de l'entreprise
                {s.staff ? "." : " ; ajoutez-en une pour un autre réseau ci-dessous."}
              </EmptyState>
            }
          >
            {(list) => (
              <div className="social-grid">
                {list.map((c) => (
                  <ChecklistCard key={`${c.network}-${c.updated_at}`} checklist={c} readOnly={s.staff} />
                ))}
              </div>
            )}
          </QueryState>
          {!s.staff && lists.data && <AddNetwork present={lists.data.map((c) => c.network)} />}
        </>
      )}
    </SocialPage>
  );
}

function ChecklistCard({ checklist, readOnly }: { checklist: Checklist; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(checklist.items.map((i) => [i.code, i.done])),
  );
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT("/api/v1/social/privacy/{network}", {
          params: { path: { network: checklist.network } },
          body: { done },
        }),
      ),
    onSuccess: () => privacyChanged(queryClient),
  });
  const titleId = `privacy-${checklist.network}`;
  const changed = checklist.items.some((i) => i.done !== done[i.code]);
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {checklist.label}
        {checklist.in_charter && <span className="muted"> (réseau de la charte)</span>}
      </h2>
      <p>
        {checklist.complete ? (
          <strong className="status-ok">
            Liste complète{checklist.completed_at && <> depuis le {formatDate(checklist.completed_at)}</>}
          </strong>
        ) : (
          <strong className="status-error">
            {checklist.done_count} réglage{checklist.done_count > 1 ? "s" : ""} appliqué
            {checklist.done_count > 1 ? "s" : ""} sur {checklist.total}
          </strong>
        )}
      </p>
      <ul className="checklist">
        {checklist.items.map((item) => (
          <li key={item.code}>
            <label className="check">
              <input
                type="checkbox"
                disabled={readOnly}
                checked={done[item.code] ?? false}
                aria-describedby={`${titleId}-${item.code}-why`}
                onChange={(e) => setDone({ ...done, [item.code]: e.target.checked })}
              />{" "}
              {item.label}
            </label>
            <small id={`${titleId}-${item.code}-why`} className="hint">
              Pourquoi : {item.why}
            </small>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <button type="button" className="primary" disabled={!changed || save.isPending} onClick={() => save.mutate()}>
          {save.isPending ? "Enregistrement…" : `Enregistrer les réglages ${checklist.label}`}
        </button>
      )}
      <ErrorBanner error={save.error} />
    </section>
  );
}

/** A checklist for a network outside the charter (the trainee is present there too). */
function AddNetwork({ present }: { present: S["SocialNetwork"][] }) {
  const queryClient = useQueryClient();
  const others = Object.fromEntries(
    Object.entries(NETWORKS).filter(([n]) => !present.includes(n as S["SocialNetwork"])),
  );
  const [network, setNetwork] = useState("");
  const add = useMutation({
    mutationFn: (n: S["SocialNetwork"]) =>
      unwrap(api.PUT("/api/v1/social/privacy/{network}", { params: { path: { network: n } }, body: { done: {} } })),
    onSuccess: async () => {
      await privacyChanged(queryClient);
      setNetwork("");
    },
  });
  if (Object.keys(others).length === 0) return null;
  return (
    <form
      className="filters"
      aria-label="Ajouter un réseau"
      onSubmit={(e) => {
        e.preventDefault();
        if (network) add.mutate(network as S["SocialNetwork"]);
      }}
    >
      <label>
        Autre réseau où vous êtes présent{" "}
        <select value={network} onChange={(e) => setNetwork(e.target.value)}>
          <option value="">— Choisir —</option>
          <Options labels={others} />
        </select>
      </label>{" "}
      <button type="submit" disabled={!network || add.isPending}>
        Ajouter sa liste de réglages
      </button>
      <ErrorBanner error={add.error} />
    </form>
  );
}
