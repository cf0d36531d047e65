// French labels of the social-selling codes (networks, post objectives and statuses, the
// kinds and outcomes of social actions), shared by the social pages and the prospect page.
import type { Schemas as S } from "../api/types";

export const NETWORKS: Record<S["SocialNetwork"], string> = {
  linkedin: "LinkedIn",
  facebook: "Facebook",
  instagram: "Instagram",
  x: "X",
  youtube: "YouTube",
  tiktok: "TikTok",
};

export const POST_OBJECTIVES: Record<S["PostObjective"], string> = {
  awareness: "Notoriété",
  engagement: "Engagement",
  lead: "Génération de contacts",
  event: "Événement",
  recruitment: "Recrutement",
};

export const POST_STATUSES: Record<S["PostStatus"], string> = {
  draft: "Brouillon",
  approved: "Validée",
  published: "Publiée",
  cancelled: "Annulée",
};

export const ACTION_KINDS: Record<S["SocialActionKind"], string> = {
  connection_request: "Demande de connexion",
  message: "Message",
  comment: "Commentaire",
  shared_content: "Contenu partagé",
  event_invitation: "Invitation à un événement",
};

export const ACTION_OUTCOMES: Record<S["SocialActionOutcome"], string> = {
  pending: "En attente",
  accepted: "Acceptée",
  replied: "Réponse reçue",
  declined: "Refusée",
  ignored: "Sans suite",
  lead: "Contact qualifié",
  appointment: "Rendez-vous obtenu",
};

/** The photo guidelines a profile confirms (app/social/checks.py PHOTO_GUIDELINES). */
export const PHOTO_GUIDELINES: Record<string, string> = {
  professional: "Photo en tenue professionnelle",
  face_visible: "Visage bien visible, de face",
  neutral_background: "Arrière-plan neutre",
  recent: "Photo récente (moins de 2 ans)",
  alone: "Seul sur la photo",
};

/** The contact settings of a profile and the values each takes (app/social/checks.py
 * CONTACT_SETTINGS); `open_to_work` is a yes/no, sent as a boolean. */
export const CONTACT_SETTINGS: Record<string, { label: string; values: Record<string, string> }> = {
  email_visibility: {
    label: "Qui voit votre adresse e-mail",
    values: { public: "Tout le monde", connections: "Mes relations", hidden: "Personne" },
  },
  phone_visibility: {
    label: "Qui voit votre numéro de téléphone",
    values: { public: "Tout le monde", connections: "Mes relations", hidden: "Personne" },
  },
  messages_from: {
    label: "Qui peut vous envoyer un message",
    values: { everyone: "Tout le monde", connections: "Mes relations" },
  },
  open_to_work: {
    label: "Affiché « ouvert aux opportunités »",
    values: { false: "Non", true: "Oui" },
  },
};

/** A check's verdicts, in words. */
export const SEVERITIES: Record<string, string> = {
  ok: "Respecté",
  warning: "Conseil",
  error: "À corriger",
};

/** The rules of a post's confidentiality check (the others are its consistency with the
 * charter): app/social/checks.py CONFIDENTIALITY_RULES. */
export const CONFIDENTIALITY_RULES: ReadonlySet<string> = new Set([
  "personal_name",
  "personal_email",
  "email_address",
  "personal_phone",
  "cost_price",
  "discount",
  "confidential_term",
  "customer_company",
  "confidentiality",
]);

/** The fields of a post, as the findings name them. */
export const POST_FIELDS: Record<string, string> = {
  network: "Réseau",
  planned_on: "Jour prévu",
  objective: "Objectif",
  interlocutor: "Cible visée",
  theme: "Thème",
  text: "Texte",
  media_description: "Description du visuel",
};
