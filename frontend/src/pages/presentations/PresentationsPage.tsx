// The presentation library (CP5.1–CP5.3): the trainee's presentations of the company and its
// offers, each with its variants per interlocutor and channel and how many pass their check;
// a new presentation is drafted from the business case, then rewritten by the trainee.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { businessCaseQueries } from "../../api/queries/businessCases";
import { presentationChanged, presentationQueries } from "../../api/queries/presentations";
import type { Schemas as S } from "../../api/types";
import { FormFooter, changedMeanwhile } from "../../components/FormFooter";
import { QueryState } from "../../components/QueryState";
import { DisclosureButton, EmptyState, Field, Options, PageFrame, Pager } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { CHANNELS, INTERLOCUTORS, KINDS } from "../../labels/presentations";

const LIMIT = 20;

export function PresentationsPage() {
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<S["PresentationKind"] | "">("");
  const [offset, setOffset] = useState(0);
  const list = useQuery(presentationQueries.list({ limit: LIMIT, offset, ...(kind ? { kind } : {}) }));
  return (
    <PageFrame
      title="Présentations de l'entreprise"
      operations={["create_presentation", "add_variant", "rewrite_variant"]}
      actions={
        <DisclosureButton open={adding} onToggle={() => setAdding(!adding)} primary>
          Nouvelle présentation
        </DisclosureButton>
      }
    >
      <p className="lead">
        Pitch, présentation téléphonique, en visite, sur un salon ou par e-mail : chaque présentation a ses variantes
        par interlocuteur et par canal, rédigées d'après votre cas d'entreprise puis réécrites par vous et contrôlées
        (points obligatoires, durée, mobiles d'achat, prix et conditions, charte).
      </p>
      {adding && <NewPresentation onDone={() => setAdding(false)} />}
      <div className="filters">
        <label>
          Type{" "}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as S["PresentationKind"] | "");
              setOffset(0);
            }}
          >
            <option value="">Tous</option>
            <Options labels={KINDS} />
          </select>
        </label>
      </div>
      <QueryState
        query={list}
        empty={
          <EmptyState title="Aucune présentation pour l'instant.">
            Créez votre première présentation : CapVente en rédige une variante d'après votre entreprise, à réécrire
            avec vos mots.
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <table className="table">
              <caption className="sr-only">Vos présentations</caption>
              <thead>
                <tr>
                  <th scope="col">Présentation</th>
                  <th scope="col">Type</th>
                  <th scope="col">Variantes</th>
                  <th scope="col">Contrôle réussi</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/presentations/${p.id}`}>{p.title}</Link>
                    </td>
                    <td>{KINDS[p.kind]}</td>
                    <td>
                      {p.variants
                        .map((v) => `${INTERLOCUTORS[v.interlocutor]} · ${CHANNELS[v.channel].toLowerCase()}`)
                        .join(" ; ")}
                    </td>
                    <td>
                      {p.passed_count} sur {p.variants.length}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
          </>
        )}
      </QueryState>
    </PageFrame>
  );
}

type Draft = {
  title: string;
  kind: S["PresentationKind"];
  references: string[];
  interlocutor: S["Interlocutor"];
};

function NewPresentation({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const active = useQuery(businessCaseQueries.active());
  const products = active.data?.document.catalogue.products ?? [];
  const { values, set, submitWith } = useForm<Draft>({
    title: "",
    kind: "elevator_pitch",
    references: [],
    interlocutor: "decision_maker",
  });
  const create = useMutation({
    mutationFn: (v: Draft) =>
      unwrap(
        api.POST("/api/v1/presentations", {
          body: {
            title: v.title,
            kind: v.kind,
            references: v.references,
            variant: { interlocutor: v.interlocutor },
          },
        }),
      ),
    onSuccess: async (created) => {
      await presentationChanged(queryClient);
      onDone();
      navigate(`/presentations/${created.presentation.id}`);
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <form className="card form-grid" aria-label="Nouvelle présentation" noValidate onSubmit={submitWith(create.mutate)}>
      <h2 className="wide">Nouvelle présentation</h2>
      <Field label="Titre" error={errors.title} required>
        {(p) => <input {...p} value={values.title} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <Field label="Type de présentation" error={errors.kind}>
        {(p) => (
          <select {...p} value={values.kind} onChange={(e) => set("kind", e.target.value as Draft["kind"])}>
            <Options labels={KINDS} />
          </select>
        )}
      </Field>
      <Field label="Première variante : interlocuteur" error={errors["variant.interlocutor"]}>
        {(p) => (
          <select
            {...p}
            value={values.interlocutor}
            onChange={(e) => set("interlocutor", e.target.value as Draft["interlocutor"])}
          >
            <Options labels={INTERLOCUTORS} />
          </select>
        )}
      </Field>
      <fieldset className="wide">
        <legend>Produits présentés (le premier du catalogue si aucun)</legend>
        {errors.references && <p className="field-error">{errors.references}</p>}
        {products.map((product) => (
          <label key={product.reference} className="checkbox">
            <input
              type="checkbox"
              checked={values.references.includes(product.reference)}
              onChange={(e) =>
                set(
                  "references",
                  e.target.checked
                    ? [...values.references, product.reference]
                    : values.references.filter((r) => r !== product.reference),
                )
              }
            />{" "}
            {product.label} <span className="muted">({product.reference})</span>
          </label>
        ))}
      </fieldset>
      <FormFooter
        error={create.error}
        pending={create.isPending}
        stale={changedMeanwhile("Cette présentation")}
        submitLabel="Rédiger la première variante"
        onCancel={onDone}
      />
    </form>
  );
}
