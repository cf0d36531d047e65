// An information campaign's draft (CP8.3): what it is (a new product, a promotion, news),
// the products it is about, whom it goes to (RFM segments and market segments: every
// customer when none is ticked), its subject and message written with the template's
// variables. Sent once, from its page.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { businessCaseQueries } from "../../api/queries/businessCases";
import type { LoyaltyCampaignOut, RfmSegment, Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { useForm } from "../../components/useForm";
import { Field, Options, RequiredNote } from "../../components/ui";
import { CAMPAIGN_KINDS, RFM_SEGMENTS } from "../../labels/loyalty";
import { unknownVariables } from "./logic";
import { loyaltyChanged } from "./queries";
import { TemplateVariables } from "./TemplateVariables";

type Draft = {
  title: string;
  kind: S["CampaignKind"];
  product_references: string[];
  rfm_segments: RfmSegment[];
  market_segments: string[];
  subject: string;
  body: string;
};

function draftOf(c?: LoyaltyCampaignOut): Draft {
  return c
    ? {
        title: c.title,
        kind: c.kind,
        product_references: [...c.product_references],
        rfm_segments: [...c.rfm_segments],
        market_segments: [...c.market_segments],
        subject: c.subject,
        body: c.body,
      }
    : {
        title: "",
        kind: "new_product",
        product_references: [],
        rfm_segments: [],
        market_segments: [],
        subject: "",
        body: "Bonjour {{ contact }},\n\n\n\n{{ commercial }}",
      };
}

const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

const STALE = "Cette campagne a été modifiée entre-temps : rechargez la page pour partir de sa version actuelle.";

export function CampaignForm(props: {
  campaign?: LoyaltyCampaignOut;
  onSaved: (c: LoyaltyCampaignOut) => void;
  onCancel?: () => void;
}) {
  const queryClient = useQueryClient();
  const active = useQuery(businessCaseQueries.active());
  const doc = active.data?.document;
  const { values, set, submitWith } = useForm<Draft>(() => draftOf(props.campaign));
  const save = useMutation({
    mutationFn: (d: Draft) =>
      props.campaign
        ? unwrap(
            api.PATCH("/api/v1/loyalty-campaigns/{loyalty_campaign_id}", {
              params: { path: { loyalty_campaign_id: props.campaign.id } },
              body: { ...d, version: props.campaign.version },
            }),
          )
        : unwrap(api.POST("/api/v1/loyalty-campaigns", { body: d })),
    onSuccess: async (saved) => {
      await loyaltyChanged.campaign(queryClient, saved.id);
      props.onSaved(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const unknown = unknownVariables(`${values.subject} ${values.body}`);
  const title = props.campaign ? `Modifier la campagne « ${props.campaign.title} »` : "Nouvelle campagne d'information";
  return (
    <form className="card form-grid" aria-label={title} noValidate onSubmit={submitWith((d) => save.mutate(d))}>
      <h2 className="wide">{title}</h2>
      <RequiredNote />
      <Field label="Titre de la campagne" error={errors.title} required>
        {(p) => <input {...p} maxLength={200} value={values.title} onChange={(e) => set("title", e.target.value)} />}
      </Field>
      <Field label="Nature" error={errors.kind} required>
        {(p) => (
          <select {...p} value={values.kind} onChange={(e) => set("kind", e.target.value as S["CampaignKind"])}>
            <Options labels={CAMPAIGN_KINDS} />
          </select>
        )}
      </Field>
      <fieldset className="wide choice-group">
        <legend>Segments RFM visés (aucun coché : tous les clients)</legend>
        {(Object.keys(RFM_SEGMENTS) as RfmSegment[]).map((code) => (
          <label key={code}>
            <input
              type="checkbox"
              checked={values.rfm_segments.includes(code)}
              onChange={(e) => set("rfm_segments", toggle(values.rfm_segments, code, e.target.checked))}
            />
            {RFM_SEGMENTS[code]}
          </label>
        ))}
        {errors.rfm_segments && <p className="field-error">{errors.rfm_segments}</p>}
      </fieldset>
      {doc && doc.market.segments.length > 0 && (
        <fieldset className="wide choice-group">
          <legend>Segments de marché visés (aucun coché : tous)</legend>
          {doc.market.segments.map((s) => (
            <label key={s.code}>
              <input
                type="checkbox"
                checked={values.market_segments.includes(s.code)}
                onChange={(e) => set("market_segments", toggle(values.market_segments, s.code, e.target.checked))}
              />
              {s.label}
            </label>
          ))}
          {errors.market_segments && <p className="field-error">{errors.market_segments}</p>}
        </fieldset>
      )}
      {doc && (
        <fieldset className="wide choice-group">
          <legend>Produits dont parle la campagne</legend>
          {doc.catalogue.products.map((p) => (
            <label key={p.reference}>
              <input
                type="checkbox"
                checked={values.product_references.includes(p.reference)}
                onChange={(e) =>
                  set("product_references", toggle(values.product_references, p.reference, e.target.checked))
                }
              />
              {p.label}
            </label>
          ))}
          {errors.product_references && <p className="field-error">{errors.product_references}</p>}
        </fieldset>
      )}
      <div className="wide">
        <TemplateVariables />
      </div>
      <div className="wide">
        <Field label="Objet du message" error={errors.subject} required>
          {(p) => (
            <input {...p} maxLength={200} value={values.subject} onChange={(e) => set("subject", e.target.value)} />
          )}
        </Field>
      </div>
      <div className="wide">
        <Field
          label="Message"
          error={errors.body}
          required
          hint={
            unknown.length > 0
              ? `Variable inconnue : ${unknown.map((u) => `{{ ${u} }}`).join(", ")} (voir les variables permises).`
              : "Chaque client reçoit le message par le canal qui lui convient et que la politique permet."
          }
        >
          {(p) => <textarea {...p} rows={6} value={values.body} onChange={(e) => set("body", e.target.value)} />}
        </Field>
      </div>
      <FormFooter
        error={save.error}
        pending={save.isPending}
        stale={STALE}
        submitLabel={props.campaign ? "Enregistrer le brouillon" : "Créer le brouillon"}
        onCancel={props.onCancel}
      />
    </form>
  );
}
