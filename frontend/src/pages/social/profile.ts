// A professional profile as its editor keeps it (the contact settings as the selects hold
// them: "" not set, "true"/"false" for a yes/no) and as the API takes it.
import type { Schemas as S } from "../../api/types";
import { NETWORKS } from "../../labels/social";

export type Experience = S["SocialExperienceIn"] & { company: string; current: boolean; description: string };

export type ProfileDraft = {
  headline: string;
  summary: string;
  experience: Experience[];
  featured: string[];
  photo: Record<string, boolean>;
  contact: Record<string, string>;
};

export const emptyExperience = (): Experience => ({ title: "", company: "", current: false, description: "" });

export function isNetwork(value: string | undefined): value is S["SocialNetwork"] {
  return value !== undefined && value in NETWORKS;
}

export function draftOfProfile(profile: S["SocialProfileOut"] | null): ProfileDraft {
  if (!profile) return { headline: "", summary: "", experience: [], featured: [], photo: {}, contact: {} };
  return {
    headline: profile.headline,
    summary: profile.summary,
    experience: profile.experience.map((e) => ({ ...e })),
    featured: [...profile.featured],
    photo: { ...profile.photo },
    contact: Object.fromEntries(Object.entries(profile.contact).map(([code, value]) => [code, String(value)])),
  };
}

/** The PUT's body: the version read to replace a profile, none to create it. */
export function profileBody(d: ProfileDraft, version: number | null): S["SocialProfileIn"] {
  const contact: Record<string, string | boolean> = {};
  for (const [code, value] of Object.entries(d.contact)) {
    if (value === "") continue;
    contact[code] = code === "open_to_work" ? value === "true" : value;
  }
  return {
    version,
    headline: d.headline,
    summary: d.summary,
    experience: d.experience,
    featured: d.featured.filter((f) => f.trim() !== ""),
    photo: d.photo,
    contact,
  };
}
