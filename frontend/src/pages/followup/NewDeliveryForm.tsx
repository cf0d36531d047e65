// « Prévoir une livraison »: the day promised, the carrier, and what the delivery carries —
// all that is left to ship (the server computes it), or the lines ticked with their
// quantities, each checked before sending: above zero, at most what is left to plan (ordered
// less what the order's deliveries already carry).
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged } from "../../api/queries/followUp";
import type { OrderDetail } from "../../api/types";
import { useForm } from "../../components/useForm";
import { Field, RequiredNote, SaveError } from "../../components/ui";
import { quantity } from "../../labels/followUp";
import { isoToday } from "../../labels/prospects";
import { partialLines, type DeliverableLine, type PartialDraft } from "./logic";

type Draft = PartialDraft & {
  promised_on: string;
  carrier: string;
  tracking: string;
  notes: string;
  mode: "all" | "chosen";
};

export function NewDeliveryForm({ order, lines }: { order: OrderDetail; lines: DeliverableLine[] }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { values, set, submitWith } = useForm<Draft>({
    promised_on: isoToday(),
    carrier: "",
    tracking: "",
    notes: "",
    mode: "all",
    chosen: {},
    quantities: Object.fromEntries(lines.map((l) => [l.orderLineId, quantity(l.remaining)])),
  });
  // What to correct before sending (a partial delivery's lines), checked on submit.
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: ({ v, chosen }: { v: Draft; chosen: { order_line_id: number; quantity: string }[] }) =>
      unwrap(
        api.POST("/api/v1/orders/{order_id}/deliveries", {
          params: { path: { order_id: order.id } },
          body: { promised_on: v.promised_on, carrier: v.carrier, tracking: v.tracking, notes: v.notes, lines: chosen },
        }),
      ),
    onSuccess: async (saved) => {
      await followUpChanged.delivery(queryClient, saved.id, order.id);
      navigate(`/livraisons/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  // The server names a line by its place among those sent.
  const sent = save.variables?.chosen.map((l) => l.order_line_id) ?? [];
  const lineError = (id: number) =>
    problems[id] ?? (sent.includes(id) ? errors[`lines.${sent.indexOf(id)}.quantity`] : undefined);
  const submit = submitWith((v) => {
    if (v.mode === "all") {
      setProblems({});
      save.mutate({ v, chosen: [] });
      return;
    }
    const checked = partialLines(lines, v);
    setProblems(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate({ v, chosen: checked.lines });
  });
  return (
    <form className="form-grid" aria-label="Nouvelle livraison" noValidate onSubmit={submit}>
      <RequiredNote />
      <Field label="Date de livraison promise" error={errors.promised_on} required>
        {(p) => (
          <input {...p} type="date" value={values.promised_on} onChange={(e) => set("promised_on", e.target.value)} />
        )}
      </Field>
      <Field label="Transporteur" error={errors.carrier}>
        {(p) => (
          <input {...p} maxLength={120} value={values.carrier} onChange={(e) => set("carrier", e.target.value)} />
        )}
      </Field>
      <Field label="N° de suivi" error={errors.tracking}>
        {(p) => (
          <input {...p} maxLength={120} value={values.tracking} onChange={(e) => set("tracking", e.target.value)} />
        )}
      </Field>
      <fieldset className="wide">
        <legend>Ce que porte la livraison</legend>
        <label className="check">
          <input
            type="radio"
            name="delivery-mode"
            checked={values.mode === "all"}
            onChange={() => set("mode", "all")}
          />
          Tout ce qui reste à livrer
        </label>
        <label className="check">
          <input
            type="radio"
            name="delivery-mode"
            checked={values.mode === "chosen"}
            onChange={() => set("mode", "chosen")}
          />
          Certaines lignes (livraison partielle)
        </label>
        {values.mode === "chosen" && (
          <ul className="delivery-lines" aria-label="Lignes à livrer">
            {lines.map((l) => (
              <li key={l.orderLineId}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={Boolean(values.chosen[l.orderLineId])}
                    onChange={(e) => set("chosen", { ...values.chosen, [l.orderLineId]: e.target.checked })}
                  />
                  Livrer : {l.label}
                </label>
                {values.chosen[l.orderLineId] && (
                  <Field
                    label={`Quantité à livrer : ${l.label}`}
                    hint={`Au plus ${quantity(l.remaining)} (reste à prévoir).`}
                    error={lineError(l.orderLineId)}
                    required
                  >
                    {(p) => (
                      <input
                        {...p}
                        inputMode="decimal"
                        value={values.quantities[l.orderLineId] ?? ""}
                        onChange={(e) => set("quantities", { ...values.quantities, [l.orderLineId]: e.target.value })}
                      />
                    )}
                  </Field>
                )}
              </li>
            ))}
          </ul>
        )}
        {(problems.lines ?? errors.lines) && (
          <small className="field-error" role="alert">
            {problems.lines ?? errors.lines}
          </small>
        )}
      </fieldset>
      <div className="wide">
        <Field label="Notes" error={errors.notes}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={2000}
              value={values.notes}
              onChange={(e) => set("notes", e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Prévoir la livraison
        </button>
      </div>
    </form>
  );
}
