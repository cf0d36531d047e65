import { describe, expect, it } from "vitest";
import { ApiError, hasFieldErrors, fieldErrorsOf, isStaleVersion } from "../../api/problem";
import { allowedStatuses, channelRefusal } from "./problems";

const refusal = new ApiError({
  type: "urn:capvente:problem:channel-policy:b2c-phone-requires-consent",
  title: "Contact refusé par la politique RGPD",
  status: 409,
  detail:
    "Depuis le 11 août 2026 (loi 2025-594), le démarchage téléphonique d'un particulier exige son consentement préalable.",
  rule: "b2c-phone-requires-consent",
  channel: "phone",
  allowed_channels: ["postal", "visit"],
});

describe("fieldErrorsOf", () => {
  it("maps body fields, and nested ones on their head too", () => {
    const error = new ApiError({
      title: "Données invalides",
      status: 422,
      errors: [
        { location: "body", field: "siret", message: "SIRET invalide : la clé de contrôle ne correspond pas." },
        { location: "body", field: "postcodes.0", message: "Code postal invalide." },
        { location: "body", field: "steps.1.text", message: "Trop court." },
        { location: "body", field: "siret", message: "second message ignored" },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual({
      siret: "SIRET invalide : la clé de contrôle ne correspond pas.",
      "postcodes.0": "Code postal invalide.",
      postcodes: "Code postal invalide.",
      "steps.1.text": "Trop court.",
      steps: "Trop court.",
    });
    expect(hasFieldErrors(error)).toBe(true);
  });

  it("leaves out query errors and anything that is not an ApiError", () => {
    const error = new ApiError({
      title: "x",
      status: 422,
      errors: [{ location: "query", field: "sort", message: "Tri impossible" }],
    });
    expect(fieldErrorsOf(error)).toEqual({});
    expect(fieldErrorsOf(new Error("boom"))).toEqual({});
    expect(hasFieldErrors(null)).toBe(false);
  });
});

describe("channelRefusal", () => {
  it("reads the rule, the French detail and the channels left", () => {
    expect(channelRefusal(refusal)).toEqual({
      rule: "b2c-phone-requires-consent",
      channel: "phone",
      detail: refusal.problem.detail,
      allowedChannels: ["postal", "visit"],
    });
  });

  it("falls back on the type for the rule, and ignores other conflicts", () => {
    const bare = new ApiError({ type: "urn:capvente:problem:channel-policy:objection", title: "Refusé", status: 409 });
    expect(channelRefusal(bare)).toEqual({ rule: "objection", channel: null, detail: "Refusé", allowedChannels: [] });
    expect(
      channelRefusal(new ApiError({ type: "urn:capvente:problem:stale-version", title: "x", status: 409 })),
    ).toBeNull();
    expect(channelRefusal(new Error("x"))).toBeNull();
  });
});

describe("allowedStatuses and isStaleVersion", () => {
  it("lists the allowed moves of an invalid transition", () => {
    const error = new ApiError({
      type: "urn:capvente:problem:invalid-transition",
      title: "Changement de statut impossible",
      status: 409,
      allowed: ["prospect", "lost"],
    });
    expect(allowedStatuses(error)).toEqual(["prospect", "lost"]);
    expect(allowedStatuses(refusal)).toBeNull();
  });

  it("recognises a stale version", () => {
    expect(isStaleVersion(new ApiError({ type: "urn:capvente:problem:stale-version", title: "x", status: 409 }))).toBe(
      true,
    );
    expect(isStaleVersion(refusal)).toBe(false);
  });
});
