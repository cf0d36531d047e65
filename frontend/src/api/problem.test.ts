import { ApiError, describeError, toProblem } from "./problem";

describe("the API's errors", () => {
  it("names each field's first message", () => {
    const error = new ApiError({
      status: 422,
      title: "Données invalides",
      errors: [
        { field: "siret", message: "SIRET invalide (clé de contrôle)." },
        { field: "siret", message: "Deuxième message." },
        { field: "email", message: "Adresse e-mail invalide." },
      ],
    });
    expect(error.fieldErrors()).toEqual({
      siret: "SIRET invalide (clé de contrôle).",
      email: "Adresse e-mail invalide.",
    });
    expect(error.status).toBe(422);
  });

  it("keeps a problem document and its extra members", () => {
    const problem = toProblem(409, {
      type: "urn:capvente:problem:channel-policy:bloctel",
      title: "Canal refusé",
      detail: "Ce numéro est inscrit sur Bloctel.",
      allowed_channels: ["email"],
    });
    expect(problem.status).toBe(409);
    expect(problem.allowed_channels).toEqual(["email"]);
    expect(describeError(new ApiError(problem))).toBe("Canal refusé : Ce numéro est inscrit sur Bloctel.");
  });

  it("explains a server that cannot be reached or answers without a problem", () => {
    expect(describeError(new ApiError(toProblem(0, null)))).toMatch(/Serveur injoignable/);
    expect(toProblem(502, "<html>Bad gateway</html>").title).toBe("Erreur 502");
    expect(describeError(new Error("boom"))).toBe("boom");
    expect(describeError(undefined)).toBe("Erreur inconnue.");
  });
});
