// The social-selling records of the component tests, as the API sends them.
const finding = (
  rule: string,
  severity: string,
  message: string,
  field: string | null,
  start?: number,
  end?: number,
) => ({
  rule,
  severity,
  message,
  field,
  start: start ?? null,
  end: end ?? null,
});

export const THEME = "Raccordements fibre réalisés";
export const PHONE = "04 65 71 21 62";
export const BAD_TEXT = `Raccordement terminé à Meyzieu. Appelez le ${PHONE} pour en savoir plus.`;
const at = BAD_TEXT.indexOf(PHONE);

export const PHONE_FINDING = finding(
  "personal_phone",
  "error",
  `« ${PHONE} » : numéro d'une personne de votre fichier.`,
  "text",
  at,
  at + PHONE.length,
);

export const ACTIVE_CASE = {
  business_case_id: 1,
  name: "Rhône Télécom Services",
  version_id: 1,
  version_number: 1,
  document: {
    identity: { name: "Rhône Télécom Services" },
    policy: {
      social_media: {
        company_page: "Rhône Télécom Services",
        tone: "Professionnel, proche et concret.",
        themes: [THEME, "Vie de l'équipe technique"],
        networks: ["linkedin", "facebook"],
        forbidden_words: ["gratuit"],
      },
    },
  },
};

export function post(id: number, patch: object = {}) {
  return {
    id,
    owner_id: 13,
    network: "linkedin",
    planned_on: "2026-12-09",
    objective: "awareness",
    interlocutor: null,
    theme: THEME,
    text: BAD_TEXT,
    media_description: "",
    status: "draft",
    approved_at: null,
    published_on: null,
    url: "",
    findings: [finding("theme", "ok", `Thème de la charte : « ${THEME} ».`, "theme"), PHONE_FINDING],
    passed: false,
    checked_at: "2026-12-07T09:00:00Z",
    business_case_version_id: 1,
    figures: null,
    created_at: "2026-12-07T09:00:00Z",
    updated_at: "2026-12-07T09:00:00Z",
    version: 1,
    ...patch,
  };
}

export const CHECK = {
  passed: false,
  blocked: true,
  findings: [finding("theme", "ok", `Thème de la charte : « ${THEME} ».`, "theme"), PHONE_FINDING],
  posts_in_week: 1,
  business_case_version_id: 1,
};

export const POST_BLOCKED = {
  type: "urn:capvente:problem:post-blocked",
  title: "Publication bloquée par le contrôle de confidentialité",
  status: 409,
  detail: "Publication bloquée : 1 donnée(s) personnelle(s) ou confidentielle(s) à retirer avant de l'approuver.",
  findings: [PHONE_FINDING],
};

export const PROFILE = {
  id: 4,
  owner_id: 13,
  network: "linkedin",
  headline: "Conseiller commercial fibre",
  summary: "J'accompagne les commerçants. Suivez la page Rhône Télécom Services.",
  experience: [{ title: "Conseiller commercial", company: "Ailleurs SARL", current: true, description: "" }],
  featured: [],
  photo: { professional: true, face_visible: true, recent: true, alone: true },
  contact: { email_visibility: "connections", open_to_work: true },
  findings: [
    finding("company_name", "error", "Nommez l'entreprise « Rhône Télécom Services » dans votre titre.", "headline"),
    finding("company_page", "ok", "La page « Rhône Télécom Services » est citée.", "summary", 47, 69),
    finding("network", "ok", "LinkedIn est un réseau de la charte.", "network"),
    finding("photo", "error", "Arrière-plan neutre : à confirmer pour votre photo.", "photo.neutral_background"),
    finding("photo", "ok", "Photo en tenue professionnelle : confirmé.", "photo.professional"),
    finding(
      "contact",
      "error",
      "« Ouvert aux opportunités » : vous représentez l'entreprise, retirez-le.",
      "contact.open_to_work",
    ),
    finding("required_mention", "ok", "Aucune offre citée : pas de mention obligatoire.", null),
  ],
  passed: false,
  checked_at: "2026-12-07T09:00:00Z",
  business_case_version_id: 1,
  first_passed_at: null,
  created_at: "2026-12-07T09:00:00Z",
  updated_at: "2026-12-07T09:00:00Z",
  version: 2,
};

export const page = (items: unknown[]) => ({ items, total: items.length, total_exact: true, limit: 200, offset: 0 });
