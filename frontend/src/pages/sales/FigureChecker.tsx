// The trainee's own figures checked by the server: for each, right or wrong, the expected
// value and the step where it went wrong.
import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { FiguresOut } from "../../api/types";
import { useForm } from "../../components/useForm";
import { ErrorBanner, Field } from "../../components/ui";
import { CHECKABLE, percent } from "../../labels/sales";

export function FigureChecker({ quoteId, figures }: { quoteId: number; figures: FiguresOut }) {
  const codes = [
    ...CHECKABLE,
    ...figures.tva.map((t) => ({ code: `tva.${t.rate.replace(/\.?0+$/, "")}`, label: `TVA à ${percent(t.rate)}` })),
  ];
  const { values, set, submitWith } = useForm<Record<string, string>>({});
  const check = useMutation({
    mutationFn: (v: Record<string, string>) =>
      unwrap(
        api.POST("/api/v1/quotes/{quote_id}/check", {
          params: { path: { quote_id: quoteId } },
          body: {
            figures: Object.fromEntries(
              Object.entries(v)
                .filter(([, x]) => x.trim() !== "")
                .map(([k, x]) => [k, x.trim().replace(/\s/g, "").replace(",", ".")]),
            ),
          },
        }),
      ),
  });
  return (
    <section aria-labelledby="checker-title" className="card">
      <h2 id="checker-title">Vérifier mes calculs</h2>
      <p className="muted">
        Calculez à la main, saisissez vos résultats (au centime ; les taux en %, deux décimales) : le serveur dit
        lesquels sont justes et, pour les autres, l'attendu et l'étape où l'erreur s'est produite.
      </p>
      <form noValidate aria-label="Mes calculs" onSubmit={submitWith((v) => check.mutate(v))}>
        <div className="checker-grid">
          {codes.map((c) => (
            <Field key={c.code} label={c.label}>
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={values[c.code] ?? ""}
                  onChange={(e) => set(c.code, e.target.value)}
                />
              )}
            </Field>
          ))}
        </div>
        <button type="submit" className="primary" disabled={check.isPending}>
          Vérifier
        </button>
      </form>
      <ErrorBanner error={check.error} />
      {check.data && (
        <div role="status">
          <p>
            {check.data.right} juste{check.data.right > 1 ? "s" : ""}, {check.data.wrong} faux.
          </p>
          <ul className="verdicts">
            {check.data.verdicts.map((v) => (
              <li key={v.code} className={v.right ? "verdict-right" : "verdict-wrong"}>
                <strong>{v.label}</strong> : {v.right ? "juste" : "faux"}
                {!v.right && <> — {v.explanation}</>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
