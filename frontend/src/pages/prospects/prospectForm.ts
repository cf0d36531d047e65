// The create/edit form's state (strings, as the inputs hold them) and the API bodies made
// from it: empty means null, numbers parsed, tags split on commas.
import type { Schemas as S } from "../../api/types";
import { formatPhone } from "../../format/phone";

export type ProspectOut = S["ProspectOut"];
export type ProspectCreate = S["ProspectCreate"];
export type ProspectUpdate = S["ProspectUpdate"];

export interface ProspectFormState {
  kind: S["ProspectKind"];
  status: S["ProspectStatus"];
  name: string;
  siret: string;
  siren: string;
  naf_code: string;
  sector: string;
  size_band: string;
  address: string;
  postcode: string;
  city: string;
  latitude: string;
  longitude: string;
  website: string;
  phone: string;
  email: string;
  source: string;
  potential: string;
  tags: string;
  next_contact_on: string;
  ongoing_contract: boolean;
}

export const EMPTY_FORM: ProspectFormState = {
  kind: "company",
  status: "suspect",
  name: "",
  siret: "",
  siren: "",
  naf_code: "",
  sector: "",
  size_band: "",
  address: "",
  postcode: "",
  city: "",
  latitude: "",
  longitude: "",
  website: "",
  phone: "",
  email: "",
  source: "",
  potential: "",
  tags: "",
  next_contact_on: "",
  ongoing_contract: false,
};

export function fromProspect(p: ProspectOut): ProspectFormState {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  return {
    kind: p.kind,
    status: p.status,
    name: p.name,
    siret: s(p.siret),
    siren: s(p.siren),
    naf_code: s(p.naf_code),
    sector: s(p.sector),
    size_band: s(p.size_band),
    address: s(p.address),
    postcode: s(p.postcode),
    city: s(p.city),
    latitude: s(p.latitude),
    longitude: s(p.longitude),
    website: s(p.website),
    phone: formatPhone(p.phone),
    email: s(p.email),
    source: s(p.source),
    potential: s(p.potential),
    tags: p.tags.join(", "),
    next_contact_on: s(p.next_contact_on),
    ongoing_contract: p.ongoing_contract,
  };
}

const text = (v: string): string | null => (v.trim() ? v.trim() : null);

/** A number typed in French ("12 500,50") or null; unparsable text is sent as is (the server says why). */
export function parseNumber(v: string): number | string | null {
  const t = v.trim();
  if (!t) return null;
  const n = Number(t.replace(/[\s\u00a0\u202f]/g, "").replace(",", "."));
  return Number.isNaN(n) ? t : n;
}

export function splitTags(v: string): string[] {
  return [
    ...new Set(
      v
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** The fields both bodies share; a private person's company identifiers are left out. */
function common(f: ProspectFormState) {
  const company = f.kind === "company";
  // Unparsable text goes as is: the server answers "Nombre attendu." on that field.
  const coordinate = (v: string) => parseNumber(v) as number | null;
  return {
    name: f.name.trim(),
    siret: company ? text(f.siret) : null,
    siren: company ? text(f.siren) : null,
    naf_code: company ? text(f.naf_code) : null,
    size_band: company && f.size_band ? (f.size_band as S["SizeBand"]) : null,
    sector: text(f.sector),
    address: text(f.address),
    postcode: text(f.postcode),
    city: text(f.city),
    latitude: coordinate(f.latitude),
    longitude: coordinate(f.longitude),
    website: text(f.website),
    phone: text(f.phone),
    email: text(f.email),
    source: f.source ? (f.source as S["ProspectSource"]) : null,
    potential: parseNumber(f.potential),
    tags: splitTags(f.tags),
    next_contact_on: f.next_contact_on || null,
    ongoing_contract: f.ongoing_contract,
  };
}

export function toCreate(f: ProspectFormState): ProspectCreate {
  return { kind: f.kind, status: f.status, ...common(f) };
}

export function toUpdate(f: ProspectFormState, version: number): ProspectUpdate {
  return { version, ...common(f) };
}
