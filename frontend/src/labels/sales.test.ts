// The server's amounts shown as computed: digits untouched, French separators.
import { describe, expect, it } from "vitest";
import { decimalFr, euros, percent } from "./sales";

describe("sales labels", () => {
  it("shows the server's decimal strings in French without a float", () => {
    expect(euros("165.90")).toBe("165,90 €");
    expect(euros("1234567.05")).toBe("1\u202f234\u202f567,05 €");
    expect(euros("-7.35")).toBe("−7,35 €");
    expect(euros(null)).toBe("—");
    expect(decimalFr("0.1")).toBe("0,1");
    // 0.1 + 0.2 in a float would show 0.30000000000000004: the string is shown as it is.
    expect(euros("0.30")).toBe("0,30 €");
  });

  it("shows rates without trailing zeros", () => {
    expect(percent("20.00")).toBe("20 %");
    expect(percent("5.50")).toBe("5,5 %");
    expect(percent("33.33")).toBe("33,33 %");
    expect(percent("100")).toBe("100 %");
    expect(percent(null)).toBe("—");
  });
});
