// The prospect record's form, to create or edit it (CP3.7): identifiers checked by the
// server (SIRET/SIREN, phone, e-mail), its messages shown next to each field; an edit
// carries the version read (optimistic lock) and a stale version says what to do.
import { useState, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { prospectsChanged } from "../../api/queries/prospects";
import { ErrorBanner, Field, Notice, Options, RequiredNote } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { KINDS, SIZE_BANDS, SOURCES, STATUSES } from "../../labels/prospects";
import { fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { EMPTY_FORM, fromProspect, toCreate, toUpdate, type ProspectFormState, type ProspectOut } from "./prospectForm";

/** Fields the form shows: other field errors go to a banner. */
const SHOWN = new Set([
  "kind",
  "status",
  "name",
  "siret",
  "siren",
  "naf_code",
  "sector",
  "size_band",
  "address",
  "postcode",
  "city",
  "latitude",
  "longitude",
  "website",
  "phone",
  "email",
  "source",
  "potential",
  "tags",
  "next_contact_on",
  "ongoing_contract",
]);

export function ProspectForm({
  prospect,
  onReload,
}: {
  prospect?: ProspectOut;
  onReload?: () => Promise<{ data?: ProspectOut }>;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const {
    values: form,
    setValues: setForm,
    set,
    submitWith,
  } = useForm<ProspectFormState>(prospect ? fromProspect(prospect) : EMPTY_FORM);
  // The version the form was filled from (a background refetch must not hide a conflict).
  const [version, setVersion] = useState(prospect?.version ?? 1);
  const save = useMutation({
    mutationFn: (f: ProspectFormState) =>
      prospect
        ? unwrap(
            api.PATCH("/api/v1/prospects/{prospect_id}", {
              params: { path: { prospect_id: prospect.id } },
              body: toUpdate(f, version),
            }),
          )
        : unwrap(api.POST("/api/v1/prospects", { body: toCreate(f) })),
    onSuccess: (saved) => {
      prospectsChanged.saved(queryClient, saved);
      navigate(`/prospects/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const unshown = Object.keys(errors).filter((k) => !SHOWN.has(k.split(".")[0]));
  const stale = isStaleVersion(save.error);
  const company = form.kind === "company";

  async function reload() {
    const result = await onReload?.();
    if (result?.data) {
      setForm(fromProspect(result.data));
      setVersion(result.data.version);
      save.reset();
    }
  }

  const input = (
    key: keyof ProspectFormState,
    labelText: string,
    extra: {
      type?: string;
      hint?: string;
      required?: boolean;
      autoComplete?: string;
      inputMode?: "numeric" | "decimal" | "tel" | "email";
    } = {},
  ) => (
    <Field label={labelText} error={errors[key]} hint={extra.hint} required={extra.required}>
      {(p) => (
        <input
          {...p}
          type={extra.type ?? "text"}
          autoComplete={extra.autoComplete}
          inputMode={extra.inputMode}
          value={String(form[key])}
          onChange={(e) => set(key, e.target.value as never)}
        />
      )}
    </Field>
  );

  return (
    <form
      className="card form-grid"
      onSubmit={submitWith((v) => save.mutate(v))}
      aria-label={prospect ? "Modifier le prospect" : "Nouveau prospect"}
      noValidate
    >
      <RequiredNote />
      {stale && (
        <div role="alert" className="alert alert-error wide">
          <strong>Cette fiche a été modifiée entre-temps</strong> (dans un autre onglet ou par un import) : vos
          modifications n'ont pas été enregistrées. Rechargez la fiche pour partir de sa version actuelle, puis refaites
          vos modifications.{" "}
          <button type="button" onClick={reload}>
            Recharger la fiche
          </button>
        </div>
      )}
      <Section title="Identité">
        {prospect ? (
          <p className="wide">
            Type : <strong>{KINDS[prospect.kind]}</strong>
          </p>
        ) : (
          <Field label="Type" error={errors.kind}>
            {(p) => (
              <select
                {...p}
                value={form.kind}
                onChange={(e) => set("kind", e.target.value as ProspectFormState["kind"])}
              >
                <Options labels={KINDS} />
              </select>
            )}
          </Field>
        )}
        {input("name", company ? "Raison sociale ou enseigne" : "Nom et prénom", {
          autoComplete: "off",
          required: true,
        })}
        {!prospect && (
          <Field label="Statut initial" error={errors.status}>
            {(p) => (
              <select
                {...p}
                value={form.status}
                onChange={(e) => set("status", e.target.value as ProspectFormState["status"])}
              >
                {(["suspect", "prospect", "qualified", "customer"] as const).map((k) => (
                  <option key={k} value={k}>
                    {STATUSES[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {company && input("siret", "SIRET", { hint: "14 chiffres ; le SIREN en est déduit.", inputMode: "numeric" })}
        {company &&
          input("siren", "SIREN", { hint: "9 chiffres, facultatif si le SIRET est saisi.", inputMode: "numeric" })}
        {company && input("naf_code", "Code NAF", { hint: "Par exemple 56.10A." })}
        {input("sector", "Secteur d'activité")}
        {company && (
          <Field label="Taille" error={errors.size_band}>
            {(p) => (
              <select {...p} value={form.size_band} onChange={(e) => set("size_band", e.target.value)}>
                <option value="">Non renseignée</option>
                <Options labels={SIZE_BANDS} />
              </select>
            )}
          </Field>
        )}
      </Section>
      <Section title="Coordonnées">
        {input("phone", "Téléphone", {
          type: "tel",
          hint: "Format national ou international (+33…).",
          autoComplete: "off",
        })}
        {input("email", "E-mail", { type: "email", autoComplete: "off" })}
        {input("website", "Site web", { type: "url" })}
        {input("address", "Adresse")}
        {input("postcode", "Code postal", { inputMode: "numeric" })}
        {input("city", "Ville")}
        {input("latitude", "Latitude", { inputMode: "decimal", hint: "Facultative, avec la longitude (tournées)." })}
        {input("longitude", "Longitude", { inputMode: "decimal" })}
      </Section>
      <Section title="Suivi commercial">
        <Field label="Origine" error={errors.source}>
          {(p) => (
            <select {...p} value={form.source} onChange={(e) => set("source", e.target.value)}>
              <option value="">Non renseignée</option>
              <Options labels={SOURCES} />
            </select>
          )}
        </Field>
        {input("potential", "Potentiel annuel estimé (€ HT)", {
          inputMode: "decimal",
          hint: "Détermine la priorité A, B ou C.",
        })}
        {input("next_contact_on", "Date du prochain contact", { type: "date" })}
        {input("tags", "Étiquettes", { hint: "Séparées par des virgules." })}
        <div className={`field${errors.ongoing_contract ? " field-invalid" : ""}`}>
          <label className="check">
            <input
              type="checkbox"
              checked={form.ongoing_contract}
              onChange={(e) => set("ongoing_contract", e.target.checked)}
            />
            Contrat en cours avec nous
          </label>
          {errors.ongoing_contract && <small className="field-error">{errors.ongoing_contract}</small>}
        </div>
      </Section>
      {Object.keys(errors).length > 0 && <Notice>Corrigez les champs signalés, puis enregistrez de nouveau.</Notice>}
      {save.error && !stale && (Object.keys(errors).length === 0 || unshown.length > 0) && (
        <ErrorBanner error={save.error} />
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Enregistrement…" : prospect ? "Enregistrer les modifications" : "Créer le prospect"}
        </button>
        <button type="button" onClick={() => navigate(prospect ? `/prospects/${prospect.id}` : "/prospects")}>
          Annuler
        </button>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="plain-fieldset">
      <legend>{title}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}
