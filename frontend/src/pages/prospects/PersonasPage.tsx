// Personas (CP2): the typical customers the trainee targets; each prospect of the file gets
// a 0–100 match score against one (shown in the file when a persona is chosen).
import { useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { prospectQueries, prospectsChanged } from "../../api/queries/prospects";
import type { PersonaCreate, PersonaOut as Persona, SizeBand } from "../../api/types";
import {
  Busy,
  EmptyState,
  ErrorBanner,
  Field,
  Options,
  PageFrame,
  Pager,
  RequiredNote,
  DisclosureButton,
} from "../../components/ui";
import { KINDS, SIZE_BANDS, formatEuros, label } from "../../labels/prospects";
import { FormFooter } from "../../components/FormFooter";
import { fieldErrorsOf } from "../../api/problem";
import { parseNumber, splitTags } from "./prospectForm";
import { ProspectsNav } from "./ProspectsNav";
import "./prospects.css";

const LIMIT = 20;

export function PersonasPage() {
  const [offset, setOffset] = useState(0);
  // null: no form; "new": creating; a persona: editing it.
  const [editing, setEditing] = useState<Persona | "new" | null>(null);
  const personas = useQuery({
    ...prospectQueries.personas(LIMIT, offset),
    placeholderData: keepPreviousData,
  });
  const items = personas.data?.items ?? [];
  return (
    <PageFrame
      title="Personas"
      operations={["list_personas", "create_persona", "update_persona"]}
      actions={
        <DisclosureButton
          open={editing === "new"}
          onToggle={() => setEditing(editing === "new" ? null : "new")}
          primary
        >
          Nouveau persona
        </DisclosureButton>
      }
    >
      <ProspectsNav />
      {editing !== null && (
        <PersonaForm
          key={editing === "new" ? "new" : editing.id}
          persona={editing === "new" ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <ErrorBanner error={personas.error} />
      {personas.isPending && <Busy />}
      {personas.data && items.length === 0 && (
        <EmptyState title="Aucun persona.">
          Décrivez votre client type (secteurs, taille, zone, potentiel) avec « Nouveau persona » : le fichier prospects
          calculera l'adéquation de chaque fiche.
        </EmptyState>
      )}
      {items.length > 0 && (
        <>
          <div className="scroll-x">
            <table className="table">
              <caption className="sr-only">Personas</caption>
              <thead>
                <tr>
                  <th scope="col">Persona</th>
                  <th scope="col">Type</th>
                  <th scope="col">Secteurs</th>
                  <th scope="col">Tailles</th>
                  <th scope="col">Zone</th>
                  <th scope="col">Potentiel</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
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
                      <Link
                        to={`/prospects?persona=${p.id}`}
                        aria-label={`Prospects correspondants au persona ${p.name}`}
                      >
                        Prospects correspondants
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} limit={LIMIT} total={personas.data?.total ?? 0} onOffset={setOffset} />
        </>
      )}
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

interface FormState {
  name: string;
  description: string;
  kind: string;
  sectors: string;
  size_bands: SizeBand[];
  postcodes: string;
  center_latitude: string;
  center_longitude: string;
  radius_km: string;
  potential_min: string;
  potential_max: string;
}

function fromPersona(p?: Persona): FormState {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return {
    name: p?.name ?? "",
    description: p?.description ?? "",
    kind: p?.kind ?? "",
    sectors: (p?.sectors ?? []).join(", "),
    size_bands: (p?.size_bands ?? []) as SizeBand[],
    postcodes: (p?.postcodes ?? []).join(", "),
    center_latitude: s(p?.center_latitude),
    center_longitude: s(p?.center_longitude),
    radius_km: s(p?.radius_km),
    potential_min: s(p?.potential_min),
    potential_max: s(p?.potential_max),
  };
}

function toBody(f: FormState): PersonaCreate {
  return {
    name: f.name.trim(),
    description: f.description.trim() || null,
    kind: (f.kind || null) as PersonaCreate["kind"],
    sectors: splitTags(f.sectors),
    size_bands: f.size_bands,
    postcodes: splitTags(f.postcodes),
    center_latitude: parseNumber(f.center_latitude) as number | null,
    center_longitude: parseNumber(f.center_longitude) as number | null,
    radius_km: parseNumber(f.radius_km) as number | null,
    potential_min: parseNumber(f.potential_min),
    potential_max: parseNumber(f.potential_max),
  };
}

function PersonaForm({ persona, onDone }: { persona?: Persona; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(fromPersona(persona));
  const save = useMutation({
    mutationFn: (f: FormState) =>
      persona
        ? unwrap(
            api.PATCH("/api/v1/personas/{persona_id}", {
              params: { path: { persona_id: persona.id } },
              body: { version: persona.version, ...toBody(f) },
            }),
          )
        : unwrap(api.POST("/api/v1/personas", { body: toBody(f) })),
    onSuccess: () => {
      prospectsChanged.persona(queryClient);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(form);
  }
  const title = persona ? `Modifier le persona « ${persona.name} »` : "Nouveau persona";
  return (
    <section className="card" aria-labelledby="persona-form-title">
      <h2 id="persona-form-title">{title}</h2>
      <form className="form-grid" onSubmit={submit} aria-labelledby="persona-form-title" noValidate>
        <RequiredNote />
        <Field label="Nom du persona" error={errors.name} required>
          {(p) => <input {...p} value={form.name} onChange={(e) => set("name", e.target.value)} />}
        </Field>
        <Field label="Type de clientèle" error={errors.kind}>
          {(p) => (
            <select {...p} value={form.kind} onChange={(e) => set("kind", e.target.value)}>
              <option value="">Entreprises et particuliers</option>
              <Options labels={KINDS} />
            </select>
          )}
        </Field>
        <Field
          label="Secteurs"
          error={errors.sectors}
          hint="Séparés par des virgules, par exemple « Restauration, Commerce de détail »."
        >
          {(p) => <input {...p} value={form.sectors} onChange={(e) => set("sectors", e.target.value)} />}
        </Field>
        <Field
          label="Codes postaux ou départements"
          error={errors.postcodes}
          hint="Séparés par des virgules : « 69 », « 38000 »…"
        >
          {(p) => <input {...p} value={form.postcodes} onChange={(e) => set("postcodes", e.target.value)} />}
        </Field>
        <fieldset className="plain-fieldset">
          <legend>Tailles d'entreprise</legend>
          {(Object.keys(SIZE_BANDS) as SizeBand[]).map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={form.size_bands.includes(s)}
                onChange={(e) =>
                  set("size_bands", e.target.checked ? [...form.size_bands, s] : form.size_bands.filter((x) => x !== s))
                }
              />
              {SIZE_BANDS[s]}
            </label>
          ))}
          {errors.size_bands && <small className="field-error">{errors.size_bands}</small>}
        </fieldset>
        <Field label="Latitude du centre" error={errors.center_latitude}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.center_latitude}
              onChange={(e) => set("center_latitude", e.target.value)}
            />
          )}
        </Field>
        <Field label="Longitude du centre" error={errors.center_longitude}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.center_longitude}
              onChange={(e) => set("center_longitude", e.target.value)}
            />
          )}
        </Field>
        <Field label="Rayon (km)" error={errors.radius_km}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.radius_km}
              onChange={(e) => set("radius_km", e.target.value)}
            />
          )}
        </Field>
        <Field label="Potentiel minimal (€)" error={errors.potential_min}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.potential_min}
              onChange={(e) => set("potential_min", e.target.value)}
            />
          )}
        </Field>
        <Field label="Potentiel maximal (€)" error={errors.potential_max}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={form.potential_max}
              onChange={(e) => set("potential_max", e.target.value)}
            />
          )}
        </Field>
        <div className="wide">
          <Field label="Description" error={errors.description}>
            {(p) => <textarea {...p} value={form.description} onChange={(e) => set("description", e.target.value)} />}
          </Field>
        </div>
        <FormFooter
          error={save.error}
          pending={save.isPending}
          subject="Ce persona"
          submitLabel={persona ? "Enregistrer les modifications" : "Créer le persona"}
          onReload={() => {
            prospectsChanged.personas(queryClient);
            onDone();
          }}
          onCancel={onDone}
        />
      </form>
    </section>
  );
}
