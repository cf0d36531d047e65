// Personas (CP2): the typical customers the trainee targets; each prospect of the file gets
// a 0–100 match score against one (shown in the file when a persona is chosen).
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { prospectQueries } from "../../api/queries/prospects";
import type { PersonaOut as Persona, SizeBand } from "../../api/types";
import { EmptyState, PageFrame } from "../../components/ui";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { KINDS, SIZE_BANDS, formatEuros, label } from "../../labels/prospects";
import { EditorSlot, NewButton, type Editing } from "./editing";
import { PersonaForm } from "./PersonaForm";
import { ProspectsNav } from "./ProspectsNav";
import "./prospects.css";

const LIMIT = 20;

export function PersonasPage() {
  const [offset, setOffset] = useState(0);
  // null: no form; "new": creating; a persona: editing it.
  const [editing, setEditing] = useState<Editing<Persona>>(null);
  const personas = useQuery({
    ...prospectQueries.personas(LIMIT, offset),
    placeholderData: keepPreviousData,
  });
  return (
    <PageFrame
      title="Personas"
      operations={["list_personas", "create_persona", "update_persona"]}
      actions={
        <NewButton editing={editing} onEdit={setEditing}>
          Nouveau persona
        </NewButton>
      }
    >
      <ProspectsNav />
      <EditorSlot editing={editing}>
        {(persona) => <PersonaForm persona={persona} onDone={() => setEditing(null)} />}
      </EditorSlot>
      <QueryState
        query={personas}
        empty={
          <EmptyState title="Aucun persona.">
            Décrivez votre client type (secteurs, taille, zone, potentiel) avec « Nouveau persona » : le fichier
            prospects calculera l'adéquation de chaque fiche.
          </EmptyState>
        }
      >
        {(data) => (
          <DataTable
            caption="Personas"
            headers={["Persona", "Type", "Secteurs", "Tailles", "Zone", "Potentiel", "Actions"]}
            pager={{ offset, limit: LIMIT, total: data.total, onOffset: setOffset }}
          >
            {data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {p.name}
                  {p.description && (
                    <>
                      <br />
                      <small className="muted">{p.description}</small>
                    </>
                  )}
                </th>
                <td>{p.kind ? KINDS[p.kind] : "Tous"}</td>
                <td>{p.sectors.length ? p.sectors.join(", ") : "Tous"}</td>
                <td>
                  {p.size_bands.length
                    ? p.size_bands.map((s) => label(SIZE_BANDS, s as SizeBand)).join(", ")
                    : "Toutes"}
                </td>
                <td>{zone(p)}</td>
                <td>{potentialRange(p)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => setEditing(p)} aria-label={`Modifier le persona ${p.name}`}>
                    Modifier
                  </button>
                  <Link to={`/prospects?persona=${p.id}`} aria-label={`Prospects correspondants au persona ${p.name}`}>
                    Prospects correspondants
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </PageFrame>
  );
}

function zone(p: Persona): string {
  const parts: string[] = [];
  if (p.postcodes.length) parts.push(`codes postaux ${p.postcodes.join(", ")}`);
  if (p.radius_km && p.center_latitude !== null && p.center_longitude !== null) {
    parts.push(`${p.radius_km} km autour de (${p.center_latitude}, ${p.center_longitude})`);
  }
  return parts.join(" ; ") || "Partout";
}

function potentialRange(p: Persona): string {
  if (p.potential_min && p.potential_max) return `${formatEuros(p.potential_min)} à ${formatEuros(p.potential_max)}`;
  if (p.potential_min) return `au moins ${formatEuros(p.potential_min)}`;
  if (p.potential_max) return `au plus ${formatEuros(p.potential_max)}`;
  return "Tous";
}
