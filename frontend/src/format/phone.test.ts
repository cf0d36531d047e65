import { describe, expect, it } from "vitest";
import { formatPhone, telHref } from "./phone";

describe("formatPhone", () => {
  it("shows a French number in the national format, in pairs", () => {
    expect(formatPhone("+33465710099")).toBe("04 65 71 00 99");
    expect(formatPhone("+33612345678")).toBe("06 12 34 56 78");
    expect(formatPhone("+33180000000")).toBe("01 80 00 00 00");
  });
  it("shows overseas numbers the way they are dialled in France", () => {
    expect(formatPhone("+262262123456")).toBe("02 62 12 34 56");
    expect(formatPhone("+262692123456")).toBe("06 92 12 34 56");
    expect(formatPhone("+590590123456")).toBe("05 90 12 34 56");
    expect(formatPhone("+596696123456")).toBe("06 96 12 34 56");
  });
  it("leaves other numbers and empty values readable", () => {
    expect(formatPhone("+442079460958")).toBe("+442079460958");
    expect(formatPhone("+269773123456")).toBe("+269773123456"); // the Comoros, not France
    expect(formatPhone("+3346571009")).toBe("+3346571009"); // too short for France: as given
    expect(formatPhone("04 65 71 00 99")).toBe("04 65 71 00 99");
    expect(formatPhone(null)).toBe("");
    expect(formatPhone(undefined)).toBe("");
  });
});

describe("telHref", () => {
  it("keeps E.164 in the link", () => {
    expect(telHref("+33465710099")).toBe("tel:+33465710099");
  });
});
