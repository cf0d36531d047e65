// The offer builder (CP8.1, CP8.2, CT2): to one customer (or every customer of an RFM
// segment), catalogue products with a discount each, a validity, a channel and conditions.
// While it is written the server checks it (POST /offers/check, nothing recorded): the rule
// it falls under or why none applies, the channel allowed, whether the manager's approval is
// needed (then the request is written here). Opened from a recommendation
// (`?client=…&produit=…`), the offer says so (`recommended`). A refusal (409) shows the
// rule and every finding.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { ApiError, describeError, fieldErrorsOf } from "../../api/problem";
import { businessCaseQueries } from "../../api/queries/businessCases";
import type { Schemas as S } from "../../api/types";
import { TraineeOnly } from "../../components/Staff";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { EmptyState, Field, Notice, Options, PageFrame, RequiredNote, SaveError } from "../../components/ui";
import { CHANNELS, RFM_SEGMENTS } from "../../labels/loyalty";
import { isoToday } from "../../labels/prospects";
import { euros } from "../../labels/sales";
import { FindingsList } from "./Findings";
import {
  EMPTY_OFFER_LINE,
  checkable,
  offerDraft,
  offerFields,
  offerPayload,
  offerRefusalOf,
  type OfferDraft,
  type OfferLineDraft,
} from "./logic";
import { LoyaltyNav } from "./LoyaltyNav";
import { CheckResult } from "./OfferCheck";
import { loyaltyChanged, loyaltyQueries } from "./queries";
import "../followup/followup.css";
import "./loyalty.css";
import { useDebounced } from "../../components/useDebounced";

const TITLE = "Nouvelle offre de fidélisation";

export function OfferBuilderPage() {
  const active = useQuery(businessCaseQueries.active());
  return (
    <TraineeOnly title={TITLE}>
      <PageFrame title={TITLE} operations={["create_offer"]}>
        <LoyaltyNav />
        <p>
          <Link to="/fidelisation/offres">← Offres</Link>
        </p>
        <QueryState query={active} busyLabel="Chargement du catalogue…">
          {(a) => <OfferBuilder products={a.document.catalogue.products} />}
        </QueryState>
      </PageFrame>
    </TraineeOnly>
  );
}

type Product = { reference: string; label: string; family?: string | null; price_ht: string };

export function OfferBuilder({ products }: { products: readonly Product[] }) {
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const produit = params.get("produit");
  const { values, set, setValues, submitWith } = useForm<OfferDraft>(() =>
    offerDraft(isoToday(), {
      client: params.get("client"),
      produit,
      label: products.find((p) => p.reference === produit)?.label,
    }),
  );
  const customers = useQuery(loyaltyQueries.customers({ sort: "name", limit: 200 }));
  const settled = useDebounced(values, 400);
  const checkBody = { prospect_id: Number(settled.prospect_id), ...offerFields(settled) };
  const check = useQuery({
    queryKey: ["offer-check", checkBody],
    queryFn: () => unwrap(api.POST("/api/v1/offers/check", { body: checkBody })),
    enabled: checkable(settled),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const save = useMutation({
    mutationFn: (d: OfferDraft) => unwrap(api.POST("/api/v1/offers", { body: offerPayload(d) })),
    onSuccess: () => loyaltyChanged.offers(queryClient),
  });
  // The recipient is checked here: the server's refusal of a missing one names no field.
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const refusal = offerRefusalOf(save.error);
  const approvalAsked =
    (values.target === "customer" && check.data?.needs_approval === true) ||
    (save.error instanceof ApiError && String(save.error.problem.type).endsWith("approval-required"));
  const setLine = (i: number, patch: Partial<OfferLineDraft>) =>
    setValues((v) => ({ ...v, lines: v.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  const productLabel = (ref: string) => products.find((p) => p.reference === ref)?.label ?? ref;

  if (save.data)
    return (
      <Created
        result={save.data}
        names={new Map((customers.data?.items ?? []).map((c) => [c.prospect_id, c.name]))}
        onAgain={() => save.reset()}
      />
    );

  return (
    <div className="offer-layout">
      <form
        className="card form-grid"
        aria-label="Offre"
        noValidate
        onSubmit={submitWith((d) => {
          const missing: Record<string, string> = {};
          if (d.target === "customer" && !d.prospect_id) missing.prospect_ids = "Choisissez le client.";
          if (d.target === "segment" && !d.rfm_segment) missing.rfm_segment = "Choisissez le segment.";
          setLocal(missing);
          if (Object.keys(missing).length === 0) save.mutate(d);
        })}
      >
        <h2 className="wide">L'offre</h2>
        <RequiredNote />
        <fieldset className="wide choice-group">
          <legend>Destinataire</legend>
          <label>
            <input
              type="radio"
              name="offer-target"
              checked={values.target === "customer"}
              onChange={() => set("target", "customer")}
            />
            Un client
          </label>
          <label>
            <input
              type="radio"
              name="offer-target"
              checked={values.target === "segment"}
              onChange={() => set("target", "segment")}
            />
            Chaque client d'un segment RFM
          </label>
        </fieldset>
        {values.target === "customer" ? (
          <Field label="Client" error={errors.prospect_ids} required>
            {(p) => (
              <select {...p} value={values.prospect_id} onChange={(e) => set("prospect_id", e.target.value)}>
                <option value="">Choisir un client</option>
                {(customers.data?.items ?? []).map((c) => (
                  <option key={c.prospect_id} value={c.prospect_id}>
                    {c.name} ({c.rfm.segment_label})
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field label="Segment RFM" error={errors.rfm_segment} required>
            {(p) => (
              <select
                {...p}
                value={values.rfm_segment}
                onChange={(e) => set("rfm_segment", e.target.value as OfferDraft["rfm_segment"])}
              >
                <option value="">Choisir un segment</option>
                <Options labels={RFM_SEGMENTS} />
              </select>
            )}
          </Field>
        )}
        <Field label="Objet de l'offre" error={errors.title} required>
          {(p) => <input {...p} maxLength={200} value={values.title} onChange={(e) => set("title", e.target.value)} />}
        </Field>
        <div className="wide">
          <h3>Lignes</h3>
          {errors.lines && !errors["lines.0.product_reference"] && <p className="field-error">{errors.lines}</p>}
          <ol className="step-list" aria-label="Lignes de l'offre">
            {values.lines.map((l, i) => (
              <li key={i}>
                <fieldset>
                  <legend>Ligne {i + 1}</legend>
                  <div className="wide">
                    <Field label={`Produit (ligne ${i + 1})`} error={errors[`lines.${i}.product_reference`]} required>
                      {(p) => (
                        <select
                          {...p}
                          value={l.product_reference}
                          onChange={(e) => setLine(i, { product_reference: e.target.value })}
                        >
                          <option value="">Choisir un produit du catalogue</option>
                          {products.map((x) => (
                            <option key={x.reference} value={x.reference}>
                              {x.reference} — {x.label} ({euros(x.price_ht)} HT)
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  </div>
                  <Field label={`Quantité (ligne ${i + 1})`} error={errors[`lines.${i}.quantity`]}>
                    {(p) => (
                      <input
                        {...p}
                        inputMode="decimal"
                        value={l.quantity}
                        onChange={(e) => setLine(i, { quantity: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field label={`Remise en % (ligne ${i + 1})`} error={errors[`lines.${i}.discount`]}>
                    {(p) => (
                      <input
                        {...p}
                        inputMode="decimal"
                        value={l.discount}
                        onChange={(e) => setLine(i, { discount: e.target.value })}
                      />
                    )}
                  </Field>
                  {values.lines.length > 1 && (
                    <div className="step-tools">
                      <button
                        type="button"
                        onClick={() => setValues((v) => ({ ...v, lines: v.lines.filter((_, j) => j !== i) }))}
                      >
                        Retirer la ligne {i + 1}
                        {l.product_reference && <span className="sr-only"> ({productLabel(l.product_reference)})</span>}
                      </button>
                    </div>
                  )}
                </fieldset>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => set("lines", [...values.lines, { ...EMPTY_OFFER_LINE }])}>
            Ajouter une ligne
          </button>
        </div>
        <Field label="Valable jusqu'au" error={errors.valid_until} required>
          {(p) => (
            <input {...p} type="date" value={values.valid_until} onChange={(e) => set("valid_until", e.target.value)} />
          )}
        </Field>
        <Field label="Canal" error={errors.channel} hint="Vide : le canal préféré du client, s'il est permis.">
          {(p) => (
            <select
              {...p}
              value={values.channel}
              onChange={(e) => set("channel", e.target.value as OfferDraft["channel"])}
            >
              <option value="">Le mieux adapté au client</option>
              <Options labels={CHANNELS} />
            </select>
          )}
        </Field>
        <div className="wide">
          <Field label="Conditions" error={errors.conditions}>
            {(p) => (
              <textarea {...p} rows={2} value={values.conditions} onChange={(e) => set("conditions", e.target.value)} />
            )}
          </Field>
        </div>
        {values.recommended && (
          <p className="wide hint">Offre issue d'une recommandation de co-achat : elle le signale (CP8.2).</p>
        )}
        {approvalAsked && (
          <div className="wide">
            <Field
              label="Demande d'accord au responsable"
              error={errors.approval_request}
              hint="La remise dépasse votre délégation : dites pourquoi elle se justifie."
              required
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={values.approval_request}
                  onChange={(e) => set("approval_request", e.target.value)}
                />
              )}
            </Field>
          </div>
        )}
        <div className="wide">
          {refusal ? (
            <div role="alert" className="alert alert-error">
              <p>
                <strong>Offre refusée{refusal.rule ? ` (règle : ${refusal.rule})` : ""}.</strong> {refusal.detail}
              </p>
              <FindingsList findings={refusal.findings} label="Constats du refus" />
            </div>
          ) : Object.keys(local).length > 0 ? (
            <Notice>Corrigez les champs signalés.</Notice>
          ) : (
            <SaveError error={save.error} />
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? "Envoi…" : approvalAsked ? "Demander l'accord et proposer" : "Proposer l'offre"}
          </button>
        </div>
      </form>
      <section className="card" aria-labelledby="offer-check" aria-live="polite">
        <h2 id="offer-check">Vérification en direct</h2>
        {values.target === "segment" ? (
          <p>
            Pour un segment, chaque client est vérifié à l'envoi : ceux que la politique exclut sont listés, les autres
            reçoivent l'offre.
          </p>
        ) : !checkable(settled) ? (
          <p className="muted">
            Choisissez un client, un objet, une validité et un produit par ligne pour vérifier l'offre.
          </p>
        ) : check.error ? (
          <p>
            Vérification impossible : {describeError(check.error)}
            {check.error instanceof ApiError &&
              (check.error.problem.errors ?? []).map((e) => (
                <span key={e.field}>
                  {" "}
                  ({e.field} : {e.message})
                </span>
              ))}
          </p>
        ) : check.data ? (
          <>
            {check.isFetching && <p className="muted">Vérification…</p>}
            <CheckResult check={check.data} />
          </>
        ) : (
          <p className="muted">Vérification…</p>
        )}
      </section>
    </div>
  );
}

function Created(props: { result: S["OffersCreatedOut"]; names: Map<number, string>; onAgain: () => void }) {
  const { result, names } = props;
  const name = (id: number) => names.get(id) ?? `Client n° ${id}`;
  return (
    <section className="card" aria-labelledby="offer-created">
      <h2 id="offer-created">Offre enregistrée</h2>
      {result.offers.length === 0 ? (
        <EmptyState title="Aucune offre créée." />
      ) : (
        <Notice>
          {result.offers.length === 1
            ? `Offre « ${result.offers[0].title} » ${result.offers[0].status === "pending_approval" ? "en attente de l'accord du responsable" : `proposée à ${result.offers[0].prospect_name} (${CHANNELS[result.offers[0].channel]})`}.`
            : `${result.offers.length} offres créées.`}{" "}
          <Link to="/fidelisation/offres">Voir les offres</Link>
        </Notice>
      )}
      {result.excluded.length > 0 && (
        <>
          <h3>Clients exclus par la politique</h3>
          <ul className="log">
            {result.excluded.map((x) => (
              <li key={x.prospect_id}>
                <p>{name(x.prospect_id)}</p>
                <FindingsList findings={x.findings} label={`Constats pour ${name(x.prospect_id)}`} />
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={props.onAgain}>
        Faire une autre offre
      </button>
    </section>
  );
}
