import { describe, expect, it } from "vitest";
import { clock, fmtDuration, fmtKm, longDate, savingSentence, savingsOf, summarySavings } from "./format";

const norm = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

describe("figures", () => {
  it("formats km, durations and clock times in French", () => {
    expect(norm(fmtKm(1234.56))).toBe("1 234,6 km");
    expect(fmtDuration(45)).toBe("45 min");
    expect(fmtDuration(108.4)).toBe("1 h 48");
    expect(fmtDuration(120)).toBe("2 h");
    expect(clock("2026-12-01T08:05:00+01:00")).toBe("08:05");
    expect(longDate("2026-12-01")).toBe("mardi 1 décembre 2026");
  });
});

describe("savingSentence", () => {
  it("shows a saving as minus figures against the trainee's order", () => {
    expect(savingSentence({ km: 12.44, co2_kg: 1.77, percent: 18.04 })).toBe(
      "\u221212,4 km (\u221218 %) et \u22121,8 kg CO₂ par rapport à votre ordre",
    );
  });
  it("shows a longer plan with plus signs and an equal one in words", () => {
    expect(savingSentence({ km: -2, co2_kg: -0.3, percent: -5 })).toBe(
      "+2 km (+5 %) et +0,3 kg CO₂ par rapport à votre ordre",
    );
    expect(savingSentence({ km: 0, co2_kg: 0, percent: 0 })).toMatch(/Même distance/);
  });
});

describe("savings", () => {
  it("computes a day's saving from its totals and baseline", () => {
    const plan = { km: 80, driving_minutes: 96, visiting_minutes: 180, co2_kg: 11.36, co2_usage_kg: null };
    const baseline = { ...plan, km: 100, co2_kg: 14.2 };
    const s = savingsOf(plan, baseline);
    expect(s.km).toBeCloseTo(20);
    expect(s.co2_kg).toBeCloseTo(2.84);
    expect(s.percent).toBeCloseTo(20);
  });
  it("derives a summary's CO2 saving from its km and the mode's factor", () => {
    const s = summarySavings({ total_km: "279.557", baseline_km: "281.578", co2_total_kg: "39.697" });
    expect(s.km).toBeCloseTo(2.021, 3);
    expect(s.co2_kg).toBeCloseTo(0.287, 2);
    expect(s.percent).toBeCloseTo(0.72, 2);
  });
});
