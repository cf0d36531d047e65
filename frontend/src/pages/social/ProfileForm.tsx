// A professional profile's editor: headline, summary, experiences, featured content, photo
// guidelines and contact settings, each with the findings of the last save about it (the
// charter's check runs at each save). Staff read it, every control disabled.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { fieldErrorsOf } from "../../api/problem";
import { profileChanged } from "../../api/queries/social";
import type { Schemas as S } from "../../api/types";
import { FormFooter } from "../../components/FormFooter";
import { Field } from "../../components/ui";
import { useForm } from "../../components/useForm";
import { NETWORKS } from "../../labels/social";
import { FindingsList, MarkedText } from "./Findings";
import { findingsOf, type Finding } from "./findings";
import { draftOfProfile, profileBody, type ProfileDraft } from "./profile";
import { ExperienceList, FeaturedList } from "./ProfileLists";
import { ContactSettings, PhotoGuidelines } from "./ProfileSettings";

type Profile = S["SocialProfileOut"];

/** Whether a finding is shown beside a field of the form (else: with the others). */
function placed(f: Finding, d: ProfileDraft): boolean {
  const field = f.field ?? "";
  const [head, index] = field.split(".");
  if (["network", "headline", "summary", "photo", "contact"].includes(head)) return true;
  if (head === "experience") return Number(index) < d.experience.length;
  if (head === "featured") return Number(index) < d.featured.length;
  return f.rule === "contact";
}

/** Whether findings point at places of a field's text (worth a highlighted preview). */
function marked(findings: readonly Finding[], field: string): boolean {
  return findings.some((f) => f.field === field && f.severity !== "ok" && f.start != null && f.end != null);
}

export function ProfileForm(props: { network: S["SocialNetwork"]; profile: Profile | null; readOnly: boolean }) {
  const { network, profile, readOnly } = props;
  const queryClient = useQueryClient();
  const { values, set, submitWith } = useForm<ProfileDraft>(() => draftOfProfile(profile));
  const save = useMutation({
    mutationFn: (d: ProfileDraft) =>
      unwrap(
        api.PUT("/api/v1/social/profiles/{network}", {
          params: { path: { network } },
          body: profileBody(d, profile?.version ?? null),
        }),
      ),
    onSuccess: () => profileChanged(queryClient),
  });
  const errors = fieldErrorsOf(save.error);
  const findings = profile?.findings ?? [];
  const others = findings.filter((f) => !placed(f, values));
  return (
    <form className="card" aria-label={`Profil ${NETWORKS[network]}`} noValidate onSubmit={submitWith(save.mutate)}>
      <fieldset className="bare-fieldset" disabled={readOnly}>
        <legend className="sr-only">Profil {NETWORKS[network]}</legend>
        <FindingsList findings={findingsOf(findings, "network")} label="Contrôle : réseau" />
        <div className="form-grid">
          <div className="wide">
            <Field
              label="Titre du profil"
              error={errors.headline}
              hint="Votre fonction et l'entreprise que vous représentez."
            >
              {(p) => <input {...p} value={values.headline} onChange={(e) => set("headline", e.target.value)} />}
            </Field>
            {profile && marked(findings, "headline") && (
              <MarkedText
                text={profile.headline}
                findings={findings}
                field="headline"
                label="Titre enregistré, les endroits signalés surlignés"
              />
            )}
            <FindingsList findings={findingsOf(findings, "headline")} label="Contrôle : Titre du profil" />
          </div>
          <div className="wide">
            <Field label="Résumé" error={errors.summary}>
              {(p) => (
                <textarea {...p} rows={6} value={values.summary} onChange={(e) => set("summary", e.target.value)} />
              )}
            </Field>
            {profile && marked(findings, "summary") && (
              <MarkedText
                text={profile.summary}
                findings={findings}
                field="summary"
                label="Résumé enregistré, les endroits signalés surlignés"
              />
            )}
            <FindingsList findings={findingsOf(findings, "summary")} label="Contrôle : Résumé" />
          </div>
          <ExperienceList
            items={values.experience}
            onChange={(items) => set("experience", items)}
            findings={findings}
            errors={errors}
            readOnly={readOnly}
          />
          <FeaturedList
            items={values.featured}
            onChange={(items) => set("featured", items)}
            findings={findings}
            errors={errors}
            readOnly={readOnly}
          />
          <PhotoGuidelines photo={values.photo} onChange={(photo) => set("photo", photo)} findings={findings} />
          <ContactSettings
            contact={values.contact}
            onChange={(contact) => set("contact", contact)}
            findings={findings}
            errors={errors}
          />
        </div>
        {others.length > 0 && (
          <>
            <h2>Autres points du contrôle</h2>
            <FindingsList findings={others} label="Contrôle : autres points" />
          </>
        )}
      </fieldset>
      {!readOnly && (
        <FormFooter
          error={save.error}
          pending={save.isPending}
          stale="Ce profil a été modifié entre-temps (dans un autre onglet ?) : rechargez la page pour partir de sa version actuelle."
          submitLabel={profile ? "Enregistrer le profil" : "Créer le profil"}
        />
      )}
    </form>
  );
}
