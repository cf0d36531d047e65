// A presentation and its variants side by side (CP5.2 the interlocutor, CP5.3 the channel):
// each with its text, the places the check found highlighted, its verdicts and where it was
// used; a variant is rewritten in an editor checked live by the server (nothing saved until
// « Enregistrer »), another is drafted for a new interlocutor or channel.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { businessCaseQueries } from "../../api/queries/businessCases";
import { presentationChanged, presentationQueries } from "../../api/queries/presentations";
import type { Schemas as S } from "../../api/types";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, ErrorBanner, Field, Options, PageFrame } from "../../components/ui";
import { useDebounced } from "../../components/useDebounced";
import { useForm } from "../../components/useForm";
import { CHANNELS, INTERLOCUTORS, KINDS, SEVERITIES, duration } from "../../labels/presentations";
import { Marked } from "../../components/Marked";
import "./presentations.css";

type Presentation = S["PresentationOut"];
type Variant = S["VariantOut"];
type Finding = S["CheckFinding"];

export function PresentationPage() {
  const id = Number(useParams().id);
  const query = useQuery(presentationQueries.one(id));
  const [adding, setAdding] = useState(false);
  return (
    <PageFrame
      title={query.data ? query.data.title : "Présentation"}
      operations={["add_variant", "rewrite_variant"]}
      actions={
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
          Ajouter une variante
        </DisclosureButton>
      }
    >
      <p>
        <Link to="/presentations">← Toutes les présentations</Link>
      </p>
      <QueryState query={query} isEmpty={() => false}>
        {(p) => (
          <>
            <p className="lead">
              {KINDS[p.kind]}
              {p.references.length > 0 && <> — produits : {p.references.join(", ")}</>} — {p.passed_count} variante(s)
              sur {p.variants.length} réussissent leur contrôle.
            </p>
            {adding && <NewVariant presentation={p} onDone={() => setAdding(false)} />}
            <div className="variants">
              {p.variants.map((v) => (
                <VariantCard key={`${v.id}-${v.version}`} presentation={p} variant={v} />
              ))}
            </div>
            <DeletePresentation presentation={p} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

type Audience = { interlocutor: S["Interlocutor"]; channel: S["PresentationChannel"] };

/** Whom a variant speaks to and where: the new variant's form and the editor's. */
function AudienceFields<T extends Audience>({
  values,
  set,
  errors,
}: {
  values: T;
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <Field label="Interlocuteur" error={errors.interlocutor}>
        {(p) => (
          <select
            {...p}
            value={values.interlocutor}
            onChange={(e) => set("interlocutor", e.target.value as T["interlocutor"])}
          >
            <Options labels={INTERLOCUTORS} />
          </select>
        )}
      </Field>
      <Field label="Canal" error={errors.channel}>
        {(p) => (
          <select {...p} value={values.channel} onChange={(e) => set("channel", e.target.value as T["channel"])}>
            <Options labels={CHANNELS} />
          </select>
        )}
      </Field>
    </>
  );
}

function NewVariant({ presentation, onDone }: { presentation: Presentation; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm<Audience>({
    interlocutor: "buyer",
    channel: "phone",
  });
  const add = useMutation({
    mutationFn: (v: typeof values) =>
      unwrap(
        api.POST("/api/v1/presentations/{presentation_id}/variants", {
          params: { path: { presentation_id: presentation.id } },
          body: v,
        }),
      ),
    onSuccess: async () => {
      await presentationChanged(queryClient, presentation.id);
      onDone();
    },
  });
  const errors = fieldErrorsOf(add.error);
  return (
    <form className="card form-grid" aria-label="Nouvelle variante" noValidate onSubmit={submitWith(add.mutate)}>
      <h2 className="wide">Nouvelle variante (rédigée d'après votre entreprise)</h2>
      <AudienceFields values={values} set={set} errors={errors} />
      <FormFooter
        error={add.error}
        pending={add.isPending}
        stale={changedMeanwhile("Cette présentation")}
        submitLabel="Rédiger la variante"
        onCancel={onDone}
      />
    </form>
  );
}

/** The text with the places the findings point to in <mark>s (their messages as titles and
 * in the list below, for those who cannot hover). */
function MarkedText({ text, findings }: { text: string; findings: Finding[] }) {
  const places = findings.filter((f) => f.severity !== "ok" && f.field === "text");
  return <Marked text={text} places={places} className="variant-text" />;
}

function Findings({ findings }: { findings: Finding[] }) {
  const order = { error: 0, warning: 1, ok: 2 } as Record<string, number>;
  const sorted = [...findings].sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3));
  return (
    <ul className="findings">
      {sorted.map((f, i) => (
        <li key={i} className={`finding-${f.severity}`}>
          <strong>{SEVERITIES[f.severity] ?? f.severity} :</strong> {f.message}
        </li>
      ))}
    </ul>
  );
}

function Measures({ measures }: { measures: S["VariantMeasures"] }) {
  return (
    <span className="muted">
      {measures.words} mots, {measures.characters} caractères
      {measures.spoken_seconds != null && <>, {duration(measures.spoken_seconds)} à voix haute</>}
    </span>
  );
}

function VariantCard({ presentation, variant }: { presentation: Presentation; variant: Variant }) {
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/presentations/{presentation_id}/variants/{variant_id}", {
          params: { path: { presentation_id: presentation.id, variant_id: variant.id } },
        }),
      ),
    onSuccess: () => presentationChanged(queryClient, presentation.id),
  });
  const title = `${INTERLOCUTORS[variant.interlocutor]} — ${CHANNELS[variant.channel].toLowerCase()}`;
  return (
    <article className="card" aria-label={title}>
      <h2>{title}</h2>
      <p>
        <strong className={variant.passed ? "status-ok" : "status-error"}>
          {variant.passed ? "Contrôle réussi" : "À corriger"}
        </strong>{" "}
        — <Measures measures={variant.measures} />
        {variant.outdated && <> — contrôlée à nouveau : votre cas d'entreprise a changé</>}
      </p>
      {editing ? (
        <VariantEditor presentation={presentation} variant={variant} onDone={() => setEditing(false)} />
      ) : (
        <>
          {variant.subject && (
            <p>
              <strong>Objet :</strong> {variant.subject}
            </p>
          )}
          <MarkedText text={variant.text} findings={variant.findings} />
          <h3>Contrôle</h3>
          <Findings findings={variant.findings} />
          {(variant.uses.interview_report_ids.length > 0 || variant.uses.campaign_ids.length > 0) && (
            <p className="muted">
              Utilisée dans {variant.uses.interview_report_ids.length} compte(s) rendu(s) d'entretien et{" "}
              {variant.uses.campaign_ids.length} campagne(s).
            </p>
          )}
          <div className="card-actions">
            <button type="button" onClick={() => setEditing(true)}>
              Réécrire
            </button>
            <ConfirmButton
              label="Supprimer"
              question={`Supprimer la variante « ${title} » ?`}
              pending={remove.isPending}
              onConfirm={() => remove.mutate()}
            />
          </div>
          <ErrorBanner error={remove.error} />
        </>
      )}
    </article>
  );
}

type Draft = Audience & {
  subject: string;
  text: string;
  arguments: S["ArgumentRef"][];
};

function VariantEditor({
  presentation,
  variant,
  onDone,
}: {
  presentation: Presentation;
  variant: Variant;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const active = useQuery(businessCaseQueries.active());
  const { values, set, submitWith } = useForm<Draft>(() => ({
    interlocutor: variant.interlocutor,
    channel: variant.channel,
    subject: variant.subject,
    text: variant.text,
    arguments: variant.arguments,
  }));
  const settled = useDebounced(values, 500);
  const live = useQuery({
    queryKey: ["presentation-check", presentation.kind, settled],
    queryFn: () =>
      unwrap(
        api.POST("/api/v1/presentations/check", {
          body: { kind: presentation.kind, ...settled },
        }),
      ),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const save = useMutation({
    mutationFn: (v: Draft) =>
      unwrap(
        api.PUT("/api/v1/presentations/{presentation_id}/variants/{variant_id}", {
          params: { path: { presentation_id: presentation.id, variant_id: variant.id } },
          body: { ...v, version: variant.version },
        }),
      ),
    onSuccess: async () => {
      await presentationChanged(queryClient, presentation.id);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const products = (active.data?.document.catalogue.products ?? []).filter(
    (p) => presentation.references.length === 0 || presentation.references.includes(p.reference),
  );
  const chosen = (reference: string, index: number) =>
    values.arguments.some((a) => a.reference === reference && a.index === index);
  const toggle = (reference: string, index: number, on: boolean) =>
    set(
      "arguments",
      on
        ? [...values.arguments, { reference, index }]
        : values.arguments.filter((a) => !(a.reference === reference && a.index === index)),
    );
  return (
    <form aria-label="Réécrire la variante" noValidate onSubmit={submitWith(save.mutate)}>
      <div className="form-grid">
        <AudienceFields values={values} set={set} errors={errors} />
      </div>
      {values.channel === "email" && (
        <Field label="Objet de l'e-mail" error={errors.subject}>
          {(p) => <input {...p} value={values.subject} onChange={(e) => set("subject", e.target.value)} />}
        </Field>
      )}
      <Field label="Texte" error={errors.text}>
        {(p) => <textarea {...p} rows={8} value={values.text} onChange={(e) => set("text", e.target.value)} />}
      </Field>
      {products.length > 0 && (
        <fieldset>
          <legend>Arguments CAP utilisés</legend>
          {products.flatMap((product) =>
            (product.arguments ?? []).map((argument, index) => (
              <label key={`${product.reference}-${index}`} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen(product.reference, index)}
                  onChange={(e) => toggle(product.reference, index, e.target.checked)}
                />{" "}
                {product.label} : {argument.advantage}
              </label>
            )),
          )}
        </fieldset>
      )}
      <section aria-live="polite" aria-label="Contrôle en direct">
        <h3>Contrôle en direct (non enregistré)</h3>
        {live.error ? (
          <ErrorBanner error={live.error} title="Contrôle indisponible :" />
        ) : live.data ? (
          <>
            <p>
              <strong className={live.data.passed ? "status-ok" : "status-error"}>
                {live.data.passed ? "Le contrôle réussit" : "À corriger"}
              </strong>{" "}
              — <Measures measures={live.data.measures} />
            </p>
            <MarkedText text={settled.text} findings={live.data.findings} />
            <Findings findings={live.data.findings} />
          </>
        ) : (
          <p>Contrôle en cours…</p>
        )}
      </section>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale={changedMeanwhile("Cette variante")}
        submitLabel="Enregistrer"
        onCancel={onDone}
      />
    </form>
  );
}

function DeletePresentation({ presentation }: { presentation: Presentation }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/v1/presentations/{presentation_id}", {
          params: { path: { presentation_id: presentation.id } },
        }),
      ),
    onSuccess: async () => {
      await presentationChanged(queryClient);
      navigate("/presentations");
    },
  });
  return (
    <div className="card-actions">
      <ConfirmButton
        label="Supprimer la présentation"
        question={`Supprimer « ${presentation.title} » et ses ${presentation.variants.length} variante(s) ?`}
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
      <ErrorBanner error={remove.error} />
    </div>
  );
}
