// A complaint received (CP7.2): the client (and the order it is about, if any), the channel,
// the category and severity, the day received, the subject, what happened and what the
// client asks for. The server sets the response and resolution due dates and opens the
// complaint's case.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { followUpChanged, followUpQueries } from "../../api/queries/followUp";
import type { ProspectOut, Schemas as S } from "../../api/types";
import { useForm } from "../../components/useForm";
import { Field, Options, RequiredNote, SaveError } from "../../components/ui";
import { CHANNELS, COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES } from "../../labels/followUp";
import { isoToday } from "../../labels/prospects";
import { ProspectPicker } from "../privacy/PersonPicker";

type Draft = {
  order_id: string;
  channel: S["Channel"];
  category: S["ComplaintCategory"];
  severity: S["ComplaintSeverity"];
  received_on: string;
  subject: string;
  description: string;
  client_request: string;
};

export function ComplaintForm(props: { prospect: ProspectOut | null; orderId: number | null }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [prospect, setProspect] = useState<ProspectOut | null>(props.prospect);
  const orders = useQuery({
    ...followUpQueries.orders({ prospect_id: prospect?.id, sort: "-ordered_on", limit: 100 }),
    enabled: prospect !== null,
  });
  const { values, set, submitWith } = useForm<Draft>({
    order_id: props.orderId ? String(props.orderId) : "",
    channel: "phone",
    category: "delay",
    severity: "medium",
    received_on: isoToday(),
    subject: "",
    description: "",
    client_request: "",
  });
  const save = useMutation({
    mutationFn: (v: Draft) =>
      unwrap(
        api.POST("/api/v1/complaints", {
          body: {
            prospect_id: prospect?.id ?? 0,
            order_id: v.order_id ? Number(v.order_id) : null,
            channel: v.channel,
            category: v.category,
            severity: v.severity,
            received_on: v.received_on || null,
            subject: v.subject,
            description: v.description,
            client_request: v.client_request,
          },
        }),
      ),
    onSuccess: async (saved) => {
      await followUpChanged.complaint(queryClient, saved.id);
      navigate(`/reclamations/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const text = (key: "description" | "client_request") => (p: object) => (
    <textarea {...p} rows={3} value={values[key]} onChange={(e) => set(key, e.target.value)} />
  );
  return (
    <form
      className="card form-grid"
      aria-label="Nouvelle réclamation"
      noValidate
      onSubmit={submitWith((v) => save.mutate(v))}
    >
      <h2 className="wide">Nouvelle réclamation</h2>
      <RequiredNote />
      <div className="wide">
        <ProspectPicker
          label="Client"
          selected={prospect}
          onSelect={(p) => {
            setProspect(p);
            set("order_id", "");
          }}
          error={errors.prospect_id}
        />
      </div>
      <Field label="Commande concernée" error={errors.order_id}>
        {(p) => (
          <select {...p} value={values.order_id} onChange={(e) => set("order_id", e.target.value)} disabled={!prospect}>
            <option value="">Aucune (le compte en général)</option>
            {(orders.data?.items ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.number}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Reçue par" error={errors.channel} required>
        {(p) => (
          <select {...p} value={values.channel} onChange={(e) => set("channel", e.target.value as S["Channel"])}>
            <Options labels={CHANNELS} />
          </select>
        )}
      </Field>
      <Field label="Catégorie" error={errors.category} required>
        {(p) => (
          <select
            {...p}
            value={values.category}
            onChange={(e) => set("category", e.target.value as S["ComplaintCategory"])}
          >
            <Options labels={COMPLAINT_CATEGORIES} />
          </select>
        )}
      </Field>
      <Field label="Gravité" error={errors.severity} required>
        {(p) => (
          <select
            {...p}
            value={values.severity}
            onChange={(e) => set("severity", e.target.value as S["ComplaintSeverity"])}
          >
            <Options labels={COMPLAINT_SEVERITIES} />
          </select>
        )}
      </Field>
      <Field label="Reçue le" error={errors.received_on} required>
        {(p) => (
          <input {...p} type="date" value={values.received_on} onChange={(e) => set("received_on", e.target.value)} />
        )}
      </Field>
      <div className="wide">
        <Field label="Objet" error={errors.subject} required>
          {(p) => (
            <input {...p} maxLength={200} value={values.subject} onChange={(e) => set("subject", e.target.value)} />
          )}
        </Field>
      </div>
      <div className="wide">
        <Field label="Ce qui s'est passé" error={errors.description}>
          {text("description")}
        </Field>
      </div>
      <div className="wide">
        <Field label="Ce que demande le client" error={errors.client_request}>
          {text("client_request")}
        </Field>
      </div>
      <div className="wide">
        <SaveError error={save.error} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Enregistrer la réclamation
        </button>
      </div>
    </form>
  );
}
