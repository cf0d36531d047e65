// A competitor's card, to create or to edit (every field the API keeps, the positioning
// matrix's axes included), with the server's field errors beside their fields.
import { useForm } from "../../components/useForm";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { watchChanged } from "../../api/queries/watch";
import type { CompetitorCreate, CompetitorOut as Competitor } from "../../api/types";
import { Field, Options } from "../../components/ui";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { fieldErrorsOf } from "../../api/problem";
import { PRICE_LEVELS } from "../../labels/watch";

/** The form's values: every field as the inputs hold it (channels as one line of text). */
export type CompetitorDraft = Required<Omit<CompetitorCreate, "channels" | "website" | "price_level">> & {
  website: string;
  price_level: CompetitorCreate["price_level"];
  channels: string;
};

const TEXTS: [keyof CompetitorDraft, string, string?][] = [
  ["quality", "Qualité (produits, service)"],
  ["target_customers", "Clientèle cible"],
  ["offers", "Offres"],
  ["strengths", "Forces"],
  ["weaknesses", "Faiblesses"],
  ["differentiation", "Nos points de différenciation"],
];

export function draftOf(c?: Competitor): CompetitorDraft {
  return {
    name: c?.name ?? "",
    website: c?.website ?? "",
    price_level: c?.price_level ?? null,
    quality: c?.quality ?? "",
    channels: (c?.channels ?? []).join(", "),
    target_customers: c?.target_customers ?? "",
    offers: c?.offers ?? "",
    strengths: c?.strengths ?? "",
    weaknesses: c?.weaknesses ?? "",
    differentiation: c?.differentiation ?? "",
  };
}

/** The payload of a draft: channels split on commas (blanks dropped), no website as null. */
export function payloadOf(draft: CompetitorDraft): CompetitorCreate {
  return {
    ...draft,
    website: draft.website.trim() || null,
    channels: draft.channels
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export function CompetitorForm({ competitor, onDone }: { competitor?: Competitor; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values: form, set, submitWith } = useForm<CompetitorDraft>(() => draftOf(competitor));
  const save = useMutation({
    mutationFn: (body: CompetitorCreate) =>
      competitor
        ? unwrap(
            api.PATCH("/api/v1/competitors/{competitor_id}", {
              params: { path: { competitor_id: competitor.id } },
              body: { ...body, version: competitor.version },
            }),
          )
        : unwrap(api.POST("/api/v1/competitors", { body })),
    onSuccess: () => {
      watchChanged.competitor(queryClient);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const title = competitor ? `Modifier « ${competitor.name} »` : "Nouveau concurrent";
  return (
    <form
      className="card form-grid"
      onSubmit={submitWith((v) => save.mutate(payloadOf(v)))}
      aria-label={title}
      noValidate
    >
      <h2 className="wide">{title}</h2>
      <Field label="Nom" error={errors.name}>
        {(p) => <input {...p} value={form.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <Field label="Site web" error={errors.website}>
        {(p) => <input {...p} type="url" value={form.website} onChange={(e) => set("website", e.target.value)} />}
      </Field>
      <Field label="Niveau de prix" error={errors.price_level}>
        {(p) => (
          <select
            {...p}
            value={form.price_level ?? ""}
            onChange={(e) => set("price_level", (e.target.value || null) as CompetitorDraft["price_level"])}
          >
            <option value="">Non renseigné</option>
            <Options labels={PRICE_LEVELS} />
          </select>
        )}
      </Field>
      <Field
        label="Canaux de vente"
        error={errors.channels}
        hint="Séparés par des virgules : magasin, site web, réseau de commerciaux…"
      >
        {(p) => <input {...p} value={form.channels} onChange={(e) => set("channels", e.target.value)} />}
      </Field>
      {TEXTS.map(([key, label]) => (
        <Field key={key} label={label} error={errors[key]}>
          {(p) => <textarea {...p} value={String(form[key] ?? "")} onChange={(e) => set(key, e.target.value)} />}
        </Field>
      ))}
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale={changedMeanwhile("Ce concurrent")}
        submitLabel={competitor ? "Enregistrer les modifications" : "Enregistrer"}
        onReload={() => {
          watchChanged.matrix(queryClient);
          onDone();
        }}
        onCancel={onDone}
      />
    </form>
  );
}
