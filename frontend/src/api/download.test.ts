import { describe, expect, it } from "vitest";
import { filenameFrom } from "./download";

describe("filenameFrom", () => {
  it("reads the server's file name, the encoded form first", () => {
    expect(filenameFrom('attachment; filename="portfolio-yanis-moreau.md"', "x.md")).toBe("portfolio-yanis-moreau.md");
    expect(filenameFrom("attachment; filename=plain.html", "x.html")).toBe("plain.html");
    expect(filenameFrom('attachment; filename="tournee-14.gpx"', "x.gpx")).toBe("tournee-14.gpx");
    expect(filenameFrom("attachment; filename=\"a.md\"; filename*=UTF-8''portfolio-%C3%A9lodie.md", "x.md")).toBe(
      "portfolio-élodie.md",
    );
  });

  it("falls back when there is no usable name", () => {
    expect(filenameFrom(null, "portfolio.md")).toBe("portfolio.md");
    expect(filenameFrom("attachment", "portfolio.md")).toBe("portfolio.md");
  });
});
