// The run's market, to work on: the prospects of the simulated market (tagged « marché
// simulé » in the trainee's file), searched by name or town and by kind, each with « Appeler »
// and « Envoyer un e-mail »; the form of the chosen action opens beneath, with the market's
// answer. Each prospect's page holds the same record (its timeline, its consents).
import { useEffect, useRef, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { MARKET_TAG, exerciseQueries } from "../../api/queries/exercises";
import type { ExerciseRunOut, ProspectKind, ProspectOut } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { EmptyState, Field } from "../../components/ui";
import { useDebounced } from "../../components/useDebounced";
import { useFilters } from "../../components/useFilters";
import { KINDS, STATUSES, label } from "../../labels/prospects";
import { shortDay } from "./format";
import { MarketActionForm } from "./MarketActionForm";

const LIMIT = 10;

type Action = { prospect: ProspectOut; channel: "phone" | "email" };

export function MarketPanel({ run }: { run: ExerciseRunOut }) {
  const { filters, filter, offset, setOffset } = useFilters({ q: "", kind: "" as ProspectKind | "" });
  const q = useDebounced(filters.q.trim(), 300);
  const prospects = useQuery({
    ...exerciseQueries.marketProspects({
      q: q || undefined,
      kind: filters.kind || undefined,
      // A run's people enter the file together (one creation time), after those of any
      // earlier run: the newest first puts this run's market at the top, by name.
      sort: "-created_at,name",
      limit: LIMIT,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const [action, setAction] = useState<Action | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  // The chosen action's form takes the focus (its heading).
  useEffect(() => {
    if (action) formRef.current?.querySelector<HTMLElement>("h3")?.focus();
  }, [action]);
  const searched = Boolean(q || filters.kind);
  return (
    <section className="card" aria-labelledby="run-market">
      <h2 id="run-market">Votre marché : appeler, écrire</h2>
      <p className="hint">
        Les {run.people} personnes de votre marché simulé sont dans vos prospects, avec l'étiquette « {MARKET_TAG} ». Le
        marché répond à vos appels et à vos e-mails ; la politique des canaux (RGPD) décide d'abord : un particulier
        sans consentement préalable ne s'appelle pas. Les personnes de ce marché viennent en premier ; celles d'un
        exercice précédent portent la même étiquette, mais ce marché-ci ne répond pas pour elles.
      </p>
      <form className="filters" role="search" aria-label="Chercher dans le marché" onSubmit={(e) => e.preventDefault()}>
        <Field label="Nom ou ville">
          {(p) => <input {...p} type="search" value={filters.q} onChange={(e) => filter("q", e.target.value)} />}
        </Field>
        <FilterSelect label="Type" all="Tous" value={filters.kind} labels={KINDS} onChange={(v) => filter("kind", v)} />
      </form>
      <QueryState
        query={prospects}
        busyLabel="Chargement du marché…"
        empty={
          <EmptyState title={searched ? "Personne ne répond à ces critères." : "Aucun prospect du marché simulé."}>
            {searched ? "Changez la recherche ou le type." : "Le marché entre dans vos prospects quand vous démarrez."}
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Prospects du marché simulé"
            region="Prospects du marché simulé"
            headers={["Prospect", "Type", "Ville", "Statut", "Prochain contact", { label: "Actions", srOnly: true }]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset, label: "Pages du marché" }}
          >
            {data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/prospects/${p.id}`}>{p.name}</Link>
                </th>
                <td>{label(KINDS, p.kind)}</td>
                <td>{p.city ?? "—"}</td>
                <td>{label(STATUSES, p.status)}</td>
                <td>{shortDay(p.next_contact_on)}</td>
                <td className="row-actions market-row-actions">
                  <button
                    type="button"
                    aria-label={`Appeler ${p.name}`}
                    aria-pressed={action?.prospect.id === p.id && action.channel === "phone"}
                    onClick={() => setAction({ prospect: p, channel: "phone" })}
                  >
                    Appeler
                  </button>
                  <button
                    type="button"
                    aria-label={`Envoyer un e-mail à ${p.name}`}
                    aria-pressed={action?.prospect.id === p.id && action.channel === "email"}
                    onClick={() => setAction({ prospect: p, channel: "email" })}
                  >
                    Envoyer un e-mail
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      <div ref={formRef}>
        {action && (
          <MarketActionForm
            key={`${action.prospect.id}-${action.channel}`}
            runId={run.id}
            prospect={action.prospect}
            channel={action.channel}
            onClose={() => setAction(null)}
          />
        )}
      </div>
    </section>
  );
}
