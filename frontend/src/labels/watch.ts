// French labels of the watch's enumerations.
export const TOPICS: Record<string, string> = {
  competitor: "Concurrence",
  market: "Marché",
  offer: "Offre",
  customer_behaviour: "Comportement client",
  regulation: "Réglementation",
  sales_tools: "Outils de vente",
};

export const KINDS: Record<string, string> = {
  rss: "Flux RSS",
  atom: "Flux Atom",
  web_page: "Page web",
  review_site: "Site d'avis",
  social_account: "Réseau social",
  newsletter: "Lettre d'information",
  influencer: "Influenceur",
  regulation: "Réglementation",
  trade_fair: "Salon",
};

export const CADENCES: Record<string, string> = {
  daily: "Quotidienne",
  weekly: "Hebdomadaire",
  monthly: "Mensuelle",
};

export const FRESHNESS: Record<string, string> = {
  never: "Jamais lue",
  on_time: "À jour",
  late: "En retard",
};

export const STATUSES: Record<string, string> = { ok: "OK", error: "En erreur", paused: "En pause" };

export const CLASSIFICATIONS: Record<string, string> = { fact: "Fait", opinion: "Opinion" };

export const PRICE_LEVELS: Record<string, string> = {
  low: "Bas",
  medium: "Moyen",
  high: "Élevé",
  premium: "Premium",
};

/** Kinds the server reads itself (they need an address). */
export const FETCHED_KINDS = new Set(["rss", "atom", "web_page", "review_site"]);

export const SENTIMENTS: Record<string, string> = {
  positive: "Positive",
  neutral: "Neutre",
  negative: "Négative",
};
