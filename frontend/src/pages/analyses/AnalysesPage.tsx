// The gap analyses (CP4.1): a trainee's own, with a new analysis (a plan's period or two
// dates); staff and company tutors read their trainees' (filtered by trainee).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { analysisQueries } from "../../api/queries/analyses";
import { DataTable } from "../../components/DataTable";
import { FilterSelect } from "../../components/FilterSelect";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, EmptyState, PageFrame, formatDate } from "../../components/ui";
import { NOTE_STATUSES } from "../../labels/analyses";
import { period } from "./format";
import { NewAnalysisForm } from "./NewAnalysisForm";
import { useReaderScope } from "./scope";
import "./analyses.css";

const LIMIT = 20;

export function AnalysesPage() {
  const scope = useReaderScope();
  const navigate = useNavigate();
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const analyses = useQuery({
    ...analysisQueries.list({ owner_id: scope.traineeId, limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  const chosen = scope.trainees.find((t) => t.id === scope.traineeId);
  return (
    <PageFrame
      title={scope.writer ? "Analyse des écarts" : "Analyses des écarts des stagiaires"}
      operations={scope.writer ? ["list_analyses", "create_analysis", "list_plans"] : ["list_analyses"]}
      actions={
        scope.writer && (
          <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
            Nouvelle analyse
          </DisclosureButton>
        )
      }
    >
      {scope.writer ? (
        <p className="muted">
          Comparez vos résultats aux objectifs d'un plan (ou d'une période), cherchez les causes des écarts, proposez
          des actions correctives réalisables, puis rédigez la note de synthèse pour votre formateur et votre tuteur.
        </p>
      ) : (
        <form className="filters" aria-label="Filtrer les analyses" onSubmit={(e) => e.preventDefault()}>
          <FilterSelect
            label="Stagiaire"
            all="Tous"
            value={scope.traineeId ? String(scope.traineeId) : ""}
            items={scope.trainees}
            onChange={(v) => {
              setOffset(0);
              scope.setTraineeId(v ? Number(v) : undefined);
            }}
          />
        </form>
      )}
      {adding && (
        <NewAnalysisForm
          onDone={(saved) => {
            setAdding(false);
            if (saved) navigate(`/analyses/${saved.id}`);
          }}
        />
      )}
      <QueryState
        query={analyses}
        busyLabel="Chargement des analyses…"
        empty={
          scope.writer ? (
            <EmptyState title="Aucune analyse pour l'instant.">
              Lancez la première avec « Nouvelle analyse » : choisissez le plan dont la période est écoulée.
            </EmptyState>
          ) : (
            <EmptyState title={chosen ? `${chosen.name} n'a pas encore d'analyse.` : "Aucune analyse à lire."}>
              Les analyses apparaissent ici dès que vos stagiaires les créent.
            </EmptyState>
          )
        }
      >
        {(data) => (
          <DataTable
            caption={scope.writer ? "Mes analyses" : "Analyses des stagiaires"}
            headers={[
              "Analyse",
              !scope.writer && "Stagiaire",
              "Période",
              "Diagnostic",
              { label: "Causes confirmées", className: "num" },
              { label: "Actions acceptées", className: "num" },
              "Note de synthèse",
            ]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset, label: "Pages des analyses" }}
          >
            {data.items.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={`/analyses/${a.id}`}>{a.title}</Link>
                </th>
                {!scope.writer && <td>{a.owner_name}</td>}
                <td>{period(a.starts_on, a.ends_on)}</td>
                <td>{a.diagnosed_at ? `fait le ${formatDate(a.diagnosed_at)}` : "à faire"}</td>
                <td className="num">{a.causes_confirmed}</td>
                <td className="num">{a.actions_accepted}</td>
                <td>
                  {a.note_id ? (
                    <Link to={`/notes/${a.note_id}`}>
                      Note ({a.note_status ? NOTE_STATUSES[a.note_status] : "brouillon"})
                    </Link>
                  ) : (
                    "pas encore rédigée"
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}
