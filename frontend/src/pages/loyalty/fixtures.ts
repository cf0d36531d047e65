// The loyalty records of the component tests, as the API sends them.
const cell = (r: number, f: number, customers: number, amount = "0.00") => ({ r, f, customers, amount });

export const SEGMENTS = {
  on: "2026-12-07",
  customers: 6,
  segments: [
    {
      code: "champions",
      label: "Champions",
      description: "Achats récents, fréquents et élevés.",
      customers: 2,
      share: "33.3",
      amount: "7566.00",
      mean_recency_days: "23.0",
      warning: "Segment « Champions » : 2 clients, trop peu pour que les scores aient un sens.",
    },
    {
      code: "at_risk",
      label: "À risque",
      description: "Bons clients sans commande depuis longtemps.",
      customers: 4,
      share: "66.7",
      amount: "9440.00",
      mean_recency_days: "325.3",
      warning: null,
    },
  ],
  // Only the cells with customers: the others count nobody.
  grid: [cell(5, 5, 2, "7566.00"), cell(1, 3, 3, "5000.00"), cell(1, 4, 1, "4440.00")],
  warnings: ["6 clients : moins de 20, les quintiles d'une poignée de clients ont peu de sens."],
  clv_method: "Valeur vie client historique = panier moyen HT × commandes par an × durée de relation attendue (3 ans).",
  clv_total_ht: "90395.10",
};

export const customer = (id: number, name: string, r: number, f: number, patch: object = {}) => ({
  prospect_id: id,
  name,
  kind: "company",
  status: "customer",
  market_segments: ["restaurateurs"],
  orders: 3,
  amount_ht: "1000.00",
  first_order_on: "2025-05-29",
  last_order_on: "2025-12-02",
  recency_days: 370,
  usual_interval_days: "93.5",
  frequency_per_year: "1.97",
  rfm: {
    r,
    f,
    m: 3,
    code: `${r}${f}3`,
    segment: r === 5 ? "champions" : "at_risk",
    segment_label: r === 5 ? "Champions" : "À risque",
  },
  clv_ht: "2000.00",
  clv_margin: null,
  inactive: r === 1,
  inactivity_basis: r === 1 ? "rhythm" : null,
  limit_days: 187,
  overdue_days: r === 1 ? 183 : -40,
  ...patch,
});

export const CUSTOMERS = {
  items: [
    customer(10, "Hôtel Chapuis SARL", 1, 3),
    customer(11, "Le Bouchon du Haut-Forez", 5, 5),
    customer(12, "Daniel Traiteur EURL", 1, 4),
    customer(13, "Boulangerie Boyer", 1, 3),
  ],
  total: 4,
  limit: 200,
  offset: 0,
};

export const CUSTOMER_DETAIL = {
  ...customer(10, "Hôtel Chapuis SARL", 1, 3, { clv_margin: "3009.87" }),
  products: [{ reference: "CAISSE-TACT-15", label: "Caisse tactile 15 pouces", family: "caisses", lines: 3 }],
  families: ["caisses"],
  recommendations: [
    {
      antecedents: ["CAISSE-TACT-15"],
      consequent: "LOG-NF525",
      consequent_label: "Logiciel de caisse certifié NF525",
      support: "0.0385",
      confidence: "0.2222",
      lift: "1.926",
      customers: 2,
      explanation:
        "Les clients qui ont acheté Caisse tactile 15 pouces achètent aussi Logiciel de caisse certifié NF525 : 22 %, lift 1,9",
    },
  ],
  clv_method: "Valeur vie client historique = panier moyen HT × commandes par an × durée de relation attendue (3 ans).",
};

export const INACTIVE = {
  items: [
    {
      customer: customer(12, "Daniel Traiteur EURL", 1, 4, { usual_interval_days: "119.0", limit_days: 238 }),
      detection: null,
    },
    {
      customer: customer(13, "Boulangerie Boyer", 1, 3, {
        inactivity_basis: "threshold",
        usual_interval_days: null,
        limit_days: 180,
        overdue_days: 20,
      }),
      detection: {
        id: 7,
        prospect_id: 13,
        detected_on: "2026-12-01",
        last_order_on: "2025-11-20",
        basis: "threshold",
        limit_days: 180,
        usual_interval_days: null,
        task_id: 77,
        reactivated_on: null,
      },
    },
  ],
  total: 2,
  limit: 20,
  offset: 0,
};

export const RUN = (patch: object = {}) => ({
  id: 4,
  business_case_id: 3,
  status: "running",
  progress: 40,
  step: "Recherche des ensembles fréquents",
  min_support: "0.0100",
  min_confidence: "0.2000",
  customers: 52,
  products: 13,
  rules: 0,
  error: "",
  created_at: "2026-12-07T09:00:00Z",
  finished_at: null,
  ...patch,
});

export const RULE = {
  antecedents: ["BALANCE-CERT", "TPE-4G"],
  consequent: "IMPR-TICKET",
  support: "0.0192",
  confidence: "1.0000",
  lift: "8.667",
  customers: 1,
  explanation:
    "Les clients qui ont acheté Balance poids-prix et Terminal de paiement achètent aussi Imprimante ticket : 100 %, lift 8,7",
};

export const PLAN = {
  id: 9,
  owner_id: 13,
  name: "Reconquête des comptes inactifs",
  description: "Un e-mail, un appel, puis un courrier.",
  steps: [
    { position: 0, channel: "email", delay_days: 0, subject: "{{ client }}, nous avons pensé à vous", body: "Bonjour" },
    { position: 1, channel: "phone", delay_days: 7, subject: "Appel de relance", body: "Appeler {{ contact }}" },
  ],
  stop_on_order: true,
  stop_on_refusal: true,
  product_references: [],
  enrolments: 0,
  active: 0,
  recorded: 0,
  refused: 0,
  created_at: "2026-12-07T09:00:00Z",
  updated_at: "2026-12-07T09:00:00Z",
  version: 1,
};

export const message = (id: number, patch: object = {}) => ({
  id,
  owner_id: 13,
  prospect_id: 12,
  prospect_name: "Daniel Traiteur EURL",
  source: "relaunch_plan",
  source_id: 1,
  step: 0,
  channel: "email",
  sent_on: "2026-12-07",
  status: "recorded",
  rule: "b2b-email-opt-out",
  rule_detail: "E-mail à un professionnel sur son activité : permis s'il a été informé et peut s'y opposer.",
  analogous: true,
  subject: "Daniel Traiteur EURL, nous avons pensé à vous",
  body: "Bonjour Manuel Benoît,",
  ...patch,
});

export const REFUSED = message(2, {
  prospect_id: 13,
  prospect_name: "Boulangerie Boyer",
  status: "refused",
  rule: "objection",
  rule_detail: "La personne s'est opposée à la prospection commerciale (RGPD art. 21).",
  subject: "Boulangerie Boyer, nous avons pensé à vous",
  body: "Bonjour Mathieu Laurent,",
});

export const ACTIVE_CASE = {
  business_case_id: 3,
  name: "CaissePlus Lyon",
  version_id: 3,
  version_number: 1,
  assigned_through: "cohort",
  document: {
    identity: { name: "CaissePlus Lyon" },
    market: { segments: [{ code: "restaurateurs", label: "Restaurateurs indépendants" }] },
    catalogue: {
      families: [],
      products: [
        { reference: "TPE-4G", label: "Terminal de paiement portable 4G", family: "paiement", price_ht: "349.00" },
        { reference: "LOG-NF525", label: "Logiciel de caisse certifié NF525", family: "caisses", price_ht: "39.00" },
      ],
    },
    policy: {},
  },
};

export const CHECK = (patch: object = {}) => ({
  prospect_id: 10,
  rfm_segment: "at_risk",
  market_segments: ["restaurateurs"],
  allowed: true,
  needs_approval: false,
  rule: "Reconquête des clients à risque",
  gross_ht: "39.00",
  value_ht: "1.95",
  channel: "phone",
  channel_rule: "b2b-phone-opt-out",
  findings: [
    {
      ok: false,
      code: "loyalty-not-eligible",
      rule: "Avantage fidélité",
      message: "Règle « Avantage fidélité » : réservée aux clients Champions (le client : À risque).",
    },
    {
      ok: true,
      code: "loyalty-rule",
      rule: "Reconquête des clients à risque",
      message: "Dans la politique : règle « Reconquête des clients à risque » (remise de reconquête)",
    },
    {
      ok: true,
      code: "channel-policy:b2b-phone-opt-out",
      rule: "b2b-phone-opt-out",
      message: "Appel d'un professionnel : permis s'il a été informé.",
    },
  ],
  ...patch,
});

export const SURVEY = {
  id: 9,
  owner_id: 13,
  kind: "nps",
  title: "Satisfaction clients",
  question: "Recommanderiez-vous nos services à un confrère ?",
  sent_on: "2026-11-17",
  sent: 4,
  refused: 1,
  answers: 3,
  response_rate: "75.0",
  nps: { score: "33.3", promoters: 2, passives: 0, detractors: 1, distribution: [0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1] },
  csat: null,
  created_at: "2026-11-17T09:00:00Z",
  version: 1,
  responses: [
    {
      id: 1,
      prospect_id: 10,
      prospect_name: "Hôtel Chapuis SARL",
      channel: "email",
      score: 10,
      verbatim: "Très bon suivi.",
      answered_on: "2026-11-20",
      task_id: null,
      category: "promoter",
    },
    {
      id: 2,
      prospect_id: 12,
      prospect_name: "Daniel Traiteur EURL",
      channel: "email",
      score: 4,
      verbatim: "Délais trop longs.",
      answered_on: "2026-11-21",
      task_id: 55,
      category: "detractor",
    },
    {
      id: 3,
      prospect_id: 11,
      prospect_name: "Le Bouchon du Haut-Forez",
      channel: "phone",
      score: 9,
      verbatim: "",
      answered_on: "2026-11-22",
      task_id: null,
      category: "promoter",
    },
    {
      id: 4,
      prospect_id: 13,
      prospect_name: "Boulangerie Boyer",
      channel: "email",
      score: null,
      verbatim: "",
      answered_on: null,
      task_id: null,
      category: null,
    },
  ],
  refusals: [] as unknown[],
};

export const EVENT = {
  id: 9,
  owner_id: 13,
  kind: "open_day",
  title: "Journée portes ouvertes CaissePlus Lyon",
  description: "Démonstrations.",
  held_on: "2099-12-21",
  place: "Lyon",
  online: false,
  invited: 1,
  refused: 0,
  yes: 0,
  no: 0,
  maybe: 0,
  attended: 0,
  orders_after: 0,
  amount_after_ht: "0",
  created_at: "2026-12-07T09:00:00Z",
  updated_at: "2026-12-07T09:00:00Z",
  version: 1,
  invitations: [
    {
      id: 1,
      event_id: 9,
      prospect_id: 11,
      prospect_name: "Le Bouchon du Haut-Forez",
      channel: "email",
      invited_on: "2026-12-07",
      rsvp: null,
      attended: null,
      ordered_after: false,
    },
  ],
  refusals: [] as unknown[],
};

export const offer = (status: string) => ({
  id: 1,
  owner_id: 13,
  prospect_id: 12,
  prospect_name: "Daniel Traiteur EURL",
  batch: null,
  title: "Offre TPE",
  lines: [
    {
      product_reference: "TPE-4G",
      label: "Terminal de paiement portable 4G",
      family: "paiement",
      quantity: "1.000",
      unit_price_ht: "349.00",
      discount: "5.00",
    },
  ],
  conditions: "",
  valid_until: "2027-01-06",
  channel: "phone",
  segment_code: "restaurateurs",
  rfm_segment: "at_risk",
  rule_label: "Reconquête des clients à risque",
  recommended: true,
  gross_ht: "349.00",
  value_ht: "17.45",
  status,
  approval_status: status === "pending_approval" ? "pending" : "none",
  approval_reason: status === "pending_approval" ? "Client historique." : "",
  approval_comment: "",
  proposed_on: "2026-12-07",
  answered_on: null,
  quote_id: null,
  order_id: null,
  created_at: "2026-12-07T09:00:00Z",
  updated_at: "2026-12-07T09:00:00Z",
  version: 1,
});

export const CAMPAIGN = {
  id: 3,
  owner_id: 13,
  title: "Nouveau terminal",
  kind: "new_product",
  product_references: ["TPE-4G"],
  rfm_segments: ["loyal", "champions"],
  market_segments: [],
  subject: "Nouveau pour {{ client }}",
  body: "Bonjour {{ contact }}",
  sent_on: null as string | null,
  recorded: 0,
  refused: 0,
  created_at: "2026-12-07T09:00:00Z",
  updated_at: "2026-12-07T09:00:00Z",
  version: 1,
};

export const emptyPage = { items: [], total: 0, limit: 100, offset: 0 };
