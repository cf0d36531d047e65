// A draft quote's form: its lines (from the catalogue or free), chained line discounts, the
// document's reductions in order, the escompte, the segment and validity. Saved whole; the
// figures shown beside it are the server's answer. A discount beyond the limits is refused
// (409) until the save carries a request for the manager's approval.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { ApiError, describeError, fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { businessCaseQueries } from "../../api/queries/businessCases";
import { salesChanged } from "../../api/queries/sales";
import type { QuoteDetail, QuoteLineIn, ReductionIn } from "../../api/types";
import { useForm } from "../../components/useForm";
import { ErrorBanner, Field } from "../../components/ui";
import { REDUCTION_KINDS, TVA_RATES, euros } from "../../labels/sales";
import { listEditors } from "./listEditors";
import { useDebounced } from "../../components/useDebounced";

type LineDraft = {
  product_reference: string;
  label: string;
  quantity: string;
  unit_price_ht: string;
  tva_rate: string;
  unit_cost_ht: string;
  discounts: string;
};
type ReductionDraft = { kind: ReductionIn["kind"]; mode: "rate" | "amount"; value: string };
type Draft = {
  title: string;
  valid_until: string;
  escompte_rate: string;
  segment_code: string;
  off_premises: boolean;
  notes: string;
  lines: LineDraft[];
  reductions: ReductionDraft[];
  approval_request: string;
};

const EMPTY_LINE: LineDraft = {
  product_reference: "",
  label: "",
  quantity: "1",
  unit_price_ht: "",
  tva_rate: "20",
  unit_cost_ht: "",
  discounts: "",
};

export function draftOf(q: QuoteDetail): Draft {
  return {
    title: q.title,
    valid_until: q.valid_until,
    escompte_rate: q.escompte_rate,
    segment_code: q.segment_code ?? "",
    off_premises: q.off_premises,
    notes: q.notes,
    lines: q.figures.lines.map((l) => ({
      product_reference: l.product_reference ?? "",
      label: l.product_reference ? "" : l.label,
      quantity: l.quantity,
      unit_price_ht: l.unit_price_ht,
      tva_rate: l.tva_rate.replace(/\.?0+$/, ""),
      unit_cost_ht: l.product_reference ? "" : (l.unit_cost_ht ?? ""),
      discounts: l.discounts.join(" puis "),
    })),
    reductions: q.reductions.map((r) => ({
      kind: r.kind as ReductionIn["kind"],
      mode: r.rate !== undefined ? "rate" : "amount",
      value: String(r.rate ?? r.amount ?? ""),
    })),
    approval_request: "",
  };
}

/** "5 puis 2", "5; 2", "5,5" → ["5", "2"], ["5.5"] (the server checks each). */
export function discountsOf(text: string): string[] {
  return text
    .split(/puis|[;+/]/)
    .map((x) => x.trim().replace(",", "."))
    .filter((x) => x !== "");
}

const decimal = (x: string) => x.trim().replace(/\s/g, "").replace(",", ".");

export function payloadOf(d: Draft, withApproval: boolean) {
  const lines: QuoteLineIn[] = d.lines.map((l) =>
    l.product_reference
      ? {
          product_reference: l.product_reference,
          quantity: decimal(l.quantity),
          unit_price_ht: l.unit_price_ht ? decimal(l.unit_price_ht) : null,
          discounts: discountsOf(l.discounts),
        }
      : {
          label: l.label || null,
          quantity: decimal(l.quantity),
          unit_price_ht: l.unit_price_ht ? decimal(l.unit_price_ht) : null,
          tva_rate: l.tva_rate || null,
          unit_cost_ht: l.unit_cost_ht ? decimal(l.unit_cost_ht) : null,
          discounts: discountsOf(l.discounts),
        },
  );
  return {
    title: d.title,
    valid_until: d.valid_until,
    escompte_rate: decimal(d.escompte_rate || "0"),
    segment_code: d.segment_code || null,
    off_premises: d.off_premises,
    notes: d.notes,
    lines,
    reductions: d.reductions.map((r) =>
      r.mode === "rate" ? { kind: r.kind, rate: decimal(r.value) } : { kind: r.kind, amount: decimal(r.value) },
    ),
    ...(withApproval && d.approval_request.trim() ? { approval_request: d.approval_request } : {}),
  };
}

function isOverLimit(error: unknown): boolean {
  return error instanceof ApiError && String(error.problem.type).endsWith("discount-over-limit");
}

/** The totals of the form as it is, computed by the server (POST /quotes/compute, nothing
 * saved) a moment after the last keystroke. */
function LivePreview({ quote, draft }: { quote: QuoteDetail; draft: Draft }) {
  const settled = useDebounced(draft, 400);
  const body = payloadOf(settled, false);
  const preview = useQuery({
    queryKey: ["quote-preview", quote.id, body],
    queryFn: () =>
      unwrap(
        api.POST("/api/v1/quotes/compute", {
          body: {
            opportunity_id: quote.opportunity_id,
            segment_code: body.segment_code,
            escompte_rate: body.escompte_rate,
            reductions: body.reductions,
            lines: body.lines,
          },
        }),
      ),
    retry: false,
    placeholderData: (previous) => previous,
  });
  return (
    <p className="live-preview" aria-live="polite">
      {preview.error ? (
        <>Aperçu indisponible : {describeError(preview.error)}</>
      ) : preview.data ? (
        <>
          Aperçu (non enregistré) : net commercial {euros(preview.data.net_commercial_ht)} HT, total{" "}
          {euros(preview.data.total_ttc)} TTC
          {preview.data.over_limit.length > 0 && (
            <> — remise au-delà de la limite (ligne {preview.data.over_limit.join(", ")})</>
          )}
        </>
      ) : (
        "Aperçu en cours de calcul…"
      )}
    </p>
  );
}

export function QuoteEditor({ quote }: { quote: QuoteDetail }) {
  const queryClient = useQueryClient();
  const active = useQuery(businessCaseQueries.active());
  const products = active.data?.document.catalogue.products ?? [];
  const { values, set, setValues, submitWith } = useForm<Draft>(() => draftOf(quote));
  const save = useMutation({
    mutationFn: (args: { draft: Draft; approval: boolean }) =>
      unwrap(
        api.PATCH("/api/v1/quotes/{quote_id}", {
          params: { path: { quote_id: quote.id } },
          body: { version: quote.version, ...payloadOf(args.draft, args.approval) },
        }),
      ),
    onSuccess: (saved) => salesChanged.quote(queryClient, saved.id, saved.opportunity_id),
  });
  const errors = fieldErrorsOf(save.error);
  const overLimit = isOverLimit(save.error);
  const { edit, remove, add } = listEditors(setValues);
  const setLine = (i: number, patch: Partial<LineDraft>) => edit("lines", i, patch);
  const setReduction = (i: number, patch: Partial<ReductionDraft>) => edit("reductions", i, patch);
  return (
    <form
      className="card quote-editor"
      aria-label="Brouillon du devis"
      noValidate
      onSubmit={submitWith((draft) => save.mutate({ draft, approval: false }))}
    >
      <h2>Brouillon</h2>
      <div className="form-grid">
        <Field label="Objet" error={errors.title}>
          {(p) => <input {...p} value={values.title} onChange={(e) => set("title", e.target.value)} maxLength={200} />}
        </Field>
        <Field label="Valable jusqu'au" error={errors.valid_until}>
          {(p) => (
            <input {...p} type="date" value={values.valid_until} onChange={(e) => set("valid_until", e.target.value)} />
          )}
        </Field>
        <Field label="Segment du client" error={errors.segment_code} hint="Il fixe la remise maximale.">
          {(p) => (
            <select {...p} value={values.segment_code} onChange={(e) => set("segment_code", e.target.value)}>
              <option value="">Aucun</option>
              {quote.segments.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Escompte (%)" error={errors.escompte_rate}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={values.escompte_rate}
              onChange={(e) => set("escompte_rate", e.target.value)}
            />
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={values.off_premises} onChange={(e) => set("off_premises", e.target.checked)} />{" "}
        Vente à un particulier hors établissement (droit de rétractation de 14 jours)
      </label>

      <h3>Lignes</h3>
      {errors.lines && <p className="field-error">{errors.lines}</p>}
      <ol className="quote-lines">
        {values.lines.map((l, i) => (
          <li key={i}>
            <fieldset>
              <legend>Ligne {i + 1}</legend>
              <Field label={`Article de la ligne ${i + 1}`} error={errors[`lines.${i}.product_reference`]}>
                {(p) => (
                  <select
                    {...p}
                    value={l.product_reference}
                    onChange={(e) => setLine(i, { product_reference: e.target.value })}
                  >
                    <option value="">Ligne libre</option>
                    {products.map((x) => (
                      <option key={x.reference} value={x.reference}>
                        {x.reference} — {x.label} ({euros(x.price_ht)} HT)
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {!l.product_reference && (
                <Field label={`Libellé de la ligne ${i + 1}`} error={errors[`lines.${i}.label`]}>
                  {(p) => (
                    <input
                      {...p}
                      value={l.label}
                      onChange={(e) => setLine(i, { label: e.target.value })}
                      maxLength={200}
                    />
                  )}
                </Field>
              )}
              <Field label={`Quantité de la ligne ${i + 1}`} error={errors[`lines.${i}.quantity`]}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={l.quantity}
                    onChange={(e) => setLine(i, { quantity: e.target.value })}
                  />
                )}
              </Field>
              <Field
                label={`Prix unitaire HT de la ligne ${i + 1}`}
                error={errors[`lines.${i}.unit_price_ht`]}
                hint={l.product_reference ? "Vide : le prix du catalogue." : undefined}
              >
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={l.unit_price_ht}
                    onChange={(e) => setLine(i, { unit_price_ht: e.target.value })}
                  />
                )}
              </Field>
              {!l.product_reference && (
                <>
                  <Field label={`TVA de la ligne ${i + 1}`} error={errors[`lines.${i}.tva_rate`]}>
                    {(p) => (
                      <select {...p} value={l.tva_rate} onChange={(e) => setLine(i, { tva_rate: e.target.value })}>
                        {TVA_RATES.map((r) => (
                          <option key={r} value={r}>
                            {r.replace(".", ",")} %
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label={`Coût HT de la ligne ${i + 1}`} error={errors[`lines.${i}.unit_cost_ht`]}>
                    {(p) => (
                      <input
                        {...p}
                        inputMode="decimal"
                        value={l.unit_cost_ht}
                        onChange={(e) => setLine(i, { unit_cost_ht: e.target.value })}
                      />
                    )}
                  </Field>
                </>
              )}
              <Field
                label={`Remises de la ligne ${i + 1} (%)`}
                error={errors[`lines.${i}.discounts`] ?? errors[`lines.${i}.discounts.0`]}
                hint="En cascade : « 5 puis 2 »."
              >
                {(p) => (
                  <input {...p} value={l.discounts} onChange={(e) => setLine(i, { discounts: e.target.value })} />
                )}
              </Field>
              {values.lines.length > 1 && (
                <button type="button" onClick={() => remove("lines", i)}>
                  Retirer la ligne {i + 1}
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => add("lines", { ...EMPTY_LINE })}>
        Ajouter une ligne
      </button>

      <h3>Réductions de pied de devis (dans l'ordre)</h3>
      <ol className="quote-lines">
        {values.reductions.map((r, i) => (
          <li key={i}>
            <fieldset>
              <legend>Réduction {i + 1}</legend>
              <Field label={`Type de la réduction ${i + 1}`}>
                {(p) => (
                  <select
                    {...p}
                    value={r.kind}
                    onChange={(e) => setReduction(i, { kind: e.target.value as ReductionDraft["kind"] })}
                  >
                    {Object.entries(REDUCTION_KINDS).map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={`En taux ou en montant (réduction ${i + 1})`}>
                {(p) => (
                  <select
                    {...p}
                    value={r.mode}
                    onChange={(e) => setReduction(i, { mode: e.target.value as ReductionDraft["mode"] })}
                  >
                    <option value="rate">Taux (%)</option>
                    <option value="amount">Montant (€ HT)</option>
                  </select>
                )}
              </Field>
              <Field
                label={`Valeur de la réduction ${i + 1}`}
                error={errors[`reductions.${i}.rate`] ?? errors[`reductions.${i}.amount`] ?? errors[`reductions.${i}`]}
              >
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={r.value}
                    onChange={(e) => setReduction(i, { value: e.target.value })}
                  />
                )}
              </Field>
              <button type="button" onClick={() => remove("reductions", i)}>
                Retirer la réduction {i + 1}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      {values.reductions.length < 5 && (
        <button type="button" onClick={() => add("reductions", { kind: "remise", mode: "rate", value: "" })}>
          Ajouter une réduction
        </button>
      )}
      <Field label="Remarques" error={errors.notes}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={values.notes}
            onChange={(e) => set("notes", e.target.value)}
            maxLength={5000}
          />
        )}
      </Field>

      {overLimit && (
        <div role="alert" className="alert alert-error">
          <p>{(save.error as ApiError).problem.detail}</p>
          <Field label="Motif de la demande d'accord au manager">
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={values.approval_request}
                onChange={(e) => set("approval_request", e.target.value)}
                maxLength={2000}
              />
            )}
          </Field>
          <button
            type="button"
            onClick={() => save.mutate({ draft: values, approval: true })}
            disabled={!values.approval_request.trim()}
          >
            Enregistrer et demander l'accord
          </button>
        </div>
      )}
      {isStaleVersion(save.error) && (
        <p role="alert" className="alert alert-error">
          Ce devis a été modifié entre-temps : rechargez la page pour partir de sa version actuelle.
        </p>
      )}
      {!overLimit && !isStaleVersion(save.error) && Object.keys(errors).length === 0 && (
        <ErrorBanner error={save.error} />
      )}
      <LivePreview quote={quote} draft={values} />
      <button type="submit" className="primary" disabled={save.isPending}>
        Enregistrer et recalculer
      </button>
    </form>
  );
}
