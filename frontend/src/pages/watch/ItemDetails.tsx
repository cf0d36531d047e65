// An item's own judgement and links: relevance, rating, sentiment, theme, tags, notes, the
// competitor and the prospect it concerns — everything PATCH /watch/items/{id} keeps — and
// its deletion (CP1.4, CP1.5).
import { useState } from "react";
import { useForm } from "../../components/useForm";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { watchChanged } from "../../api/queries/watch";
import type { ItemOut as Item, ItemUpdate, ProspectOut as Prospect } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorBanner, Field, Options } from "../../components/ui";
import { ProspectPicker } from "../privacy/PersonPicker";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { fieldErrorsOf } from "../../api/problem";
import { SENTIMENTS, TOPICS } from "../../labels/watch";
import { CompetitorOptions } from "./CompetitorSelect";

export interface ItemDraft {
  topic: Item["topic"];
  relevance: string;
  rating: string;
  sentiment: string;
  tags: string;
  notes: string;
  competitor_id: string;
  prospect_id: number | null;
}

export function itemDraft(item: Item): ItemDraft {
  return {
    topic: item.topic,
    relevance: item.relevance == null ? "" : String(item.relevance),
    rating: item.rating == null ? "" : String(item.rating),
    sentiment: item.sentiment ?? "",
    tags: item.tags.join(", "),
    notes: item.notes,
    competitor_id: item.competitor_id == null ? "" : String(item.competitor_id),
    prospect_id: item.prospect_id,
  };
}

/** The PATCH body of a draft: empty choices are nulls, tags split on commas. */
export function itemChanges(draft: ItemDraft): Omit<ItemUpdate, "version"> {
  const num = (v: string) => (v === "" ? null : Number(v));
  return {
    topic: draft.topic,
    relevance: num(draft.relevance),
    rating: num(draft.rating),
    sentiment: (draft.sentiment || null) as ItemUpdate["sentiment"],
    tags: draft.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    notes: draft.notes,
    competitor_id: num(draft.competitor_id),
    prospect_id: draft.prospect_id,
  };
}

const SCALE = { "1": "1", "2": "2", "3": "3", "4": "4", "5": "5" };

export function ItemDetails({ item, onDone }: { item: Item; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values: form, set, submitWith } = useForm<ItemDraft>(() => itemDraft(item));
  const [picked, setPicked] = useState<Prospect | null>(null);
  const [picking, setPicking] = useState(false);
  const refresh = () => {
    watchChanged.item(queryClient);
  };
  const save = useMutation({
    mutationFn: (changes: Omit<ItemUpdate, "version">) =>
      unwrap(
        api.PATCH("/api/v1/watch/items/{item_id}", {
          params: { path: { item_id: item.id } },
          body: { version: item.version, ...changes },
        }),
      ),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/watch/items/{item_id}", { params: { path: { item_id: item.id } } })),
    onSuccess: refresh,
  });
  const errors = fieldErrorsOf(save.error);
  const scale = (key: "relevance" | "rating", label: string) => (
    <Field label={label} error={errors[key]}>
      {(p) => (
        <select {...p} value={form[key]} onChange={(e) => set(key, e.target.value)}>
          <option value="">Non évaluée</option>
          <Options labels={SCALE} />
        </select>
      )}
    </Field>
  );
  return (
    <form
      className="form-grid item-details"
      onSubmit={submitWith((v) => save.mutate(itemChanges(v)))}
      aria-label={`Détails de « ${item.title} »`}
    >
      <Field label="Thème" error={errors.topic}>
        {(p) => (
          <select {...p} value={form.topic} onChange={(e) => set("topic", e.target.value as Item["topic"])}>
            <Options labels={TOPICS} />
          </select>
        )}
      </Field>
      {scale("relevance", "Pertinence (1 à 5)")}
      {scale("rating", "Note (avis, 1 à 5)")}
      <Field label="Tonalité" error={errors.sentiment}>
        {(p) => (
          <select {...p} value={form.sentiment} onChange={(e) => set("sentiment", e.target.value)}>
            <option value="">Non renseignée</option>
            <Options labels={SENTIMENTS} />
          </select>
        )}
      </Field>
      <Field label="Étiquettes" hint="Séparées par des virgules." error={errors.tags}>
        {(p) => <input {...p} value={form.tags} onChange={(e) => set("tags", e.target.value)} />}
      </Field>
      <Field label="Concurrent concerné" error={errors.competitor_id}>
        {(p) => (
          <select {...p} value={form.competitor_id} onChange={(e) => set("competitor_id", e.target.value)}>
            <CompetitorOptions />
          </select>
        )}
      </Field>
      <div className="wide">
        {form.prospect_id !== null && !picking ? (
          <p>
            Prospect concerné :{" "}
            <Link to={`/prospects/${form.prospect_id}`}>{picked ? picked.name : `fiche n° ${form.prospect_id}`}</Link>{" "}
            <button type="button" className="link" onClick={() => setPicking(true)}>
              Changer
            </button>{" "}
            <button
              type="button"
              className="link"
              onClick={() => {
                set("prospect_id", null);
                setPicked(null);
              }}
            >
              Retirer le lien
            </button>
          </p>
        ) : (
          <ProspectPicker
            label="Prospect concerné (facultatif)"
            selected={null}
            error={errors.prospect_id}
            onSelect={(p) => {
              setPicked(p);
              set("prospect_id", p ? p.id : null);
              setPicking(false);
            }}
          />
        )}
      </div>
      <Field label="Notes personnelles" error={errors.notes}>
        {(p) => <textarea {...p} value={form.notes} onChange={(e) => set("notes", e.target.value)} />}
      </Field>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale={changedMeanwhile("Cet article")}
        submitLabel="Enregistrer"
        onReload={() => {
          refresh();
          onDone();
        }}
        onCancel={onDone}
      />
      <div className="wide card-actions">
        <ConfirmButton
          label="Supprimer l'article"
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          question={`Supprimer « ${item.title} » de votre veille ?`}
        />
        <ErrorBanner error={remove.error} />
      </div>
    </form>
  );
}
