import { describe, expect, it } from "vitest";
import { positionLabel } from "./tours";

const at = { latitude: 45.76124, longitude: 4.85184 };

describe("positionLabel", () => {
  it("says how close a geocoded position is and where it comes from", () => {
    expect(
      positionLabel({
        ...at,
        geocode_precision: "address",
        geocode_provider: "addok",
        geocoded_at: "2026-12-05T09:00:00Z",
      }),
    ).toBe("adresse — Base Adresse Nationale");
    expect(
      positionLabel({
        ...at,
        geocode_precision: "street",
        geocode_provider: "openrouteservice",
        geocoded_at: "2026-12-05T09:00:00Z",
      }),
    ).toBe("rue — openrouteservice");
    expect(
      positionLabel({
        ...at,
        geocode_precision: "commune",
        geocode_provider: "offline",
        geocoded_at: "2026-12-05T09:00:00Z",
      }),
    ).toBe("commune (centre) — liste des communes");
  });

  it("marks the commune's centre provisional while an online geocoder has not answered", () => {
    expect(positionLabel({ ...at, geocode_precision: "commune", geocode_provider: "offline", geocoded_at: null })).toBe(
      "commune (centre) — liste des communes, provisoire",
    );
  });

  it("tells typed and older positions apart, and has nothing to say without one", () => {
    expect(positionLabel({ ...at, geocode_provider: "user" })).toBe("saisie");
    expect(positionLabel({ ...at, geocode_provider: "demo" })).toBe("fictive (démo)");
    expect(positionLabel({ ...at })).toBe("fournie");
    expect(positionLabel({ latitude: null, longitude: null, geocode_provider: null })).toBeNull();
  });
});
