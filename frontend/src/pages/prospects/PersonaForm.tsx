// Create or edit a persona: the customers it describes (kind, sectors, sizes), where
// (postcodes or a radius around a point) and their potential.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { prospectsChanged } from "../../api/queries/prospects";
import type { PersonaCreate, PersonaOut as Persona, SizeBand } from "../../api/types";
import { Field, Options } from "../../components/ui";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { useForm } from "../../components/useForm";
import { KINDS, SIZE_BANDS } from "../../labels/prospects";
import { fieldErrorsOf } from "../../api/problem";
import { parseNumber, splitTags } from "./prospectForm";
import { FormCard } from "./FormCard";

interface Values {
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

function fromPersona(p?: Persona): Values {
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

function toBody(f: Values): PersonaCreate {
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

export function PersonaForm({ persona, onDone }: { persona?: Persona; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values: form, set, submitWith } = useForm<Values>(() => fromPersona(persona));
  const save = useMutation({
    mutationFn: (f: Values) =>
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
  return (
    <FormCard
      id="persona-form-title"
      title={persona ? `Modifier le persona « ${persona.name} »` : "Nouveau persona"}
      onSubmit={submitWith((v) => save.mutate(v))}
    >
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
          <input {...p} inputMode="decimal" value={form.radius_km} onChange={(e) => set("radius_km", e.target.value)} />
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
        stale={changedMeanwhile("Ce persona")}
        submitLabel={persona ? "Enregistrer les modifications" : "Créer le persona"}
        onReload={() => {
          prospectsChanged.personas(queryClient);
          onDone();
        }}
        onCancel={onDone}
      />
    </FormCard>
  );
}
