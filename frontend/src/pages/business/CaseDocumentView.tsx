// A business case's document, read-only, in sections: identity, market and segments,
// commercial policy, procedures and charter, catalogue. The trainee's « Mon entreprise » and
// the trainer's case page (its draft) show it the same way.
import type { BusinessCaseDocument } from "../../api/types";
import { InPageNav } from "../trainer/InPageNav";
import { LEGAL_FORMS, MARKET_KINDS } from "../../labels/businessCases";
import { SIZE_BANDS, label } from "../../labels/prospects";
import { CatalogueSection } from "./CatalogueSection";
import { PolicySection } from "./PolicySection";
import { ProceduresSection } from "./ProceduresSection";
import "./business.css";

export const CASE_PARTS = [
  { target: "cas-identite", label: "Identité" },
  { target: "cas-marche", label: "Marché et segments" },
  { target: "cas-politique", label: "Politique commerciale" },
  { target: "cas-procedures", label: "Procédures et charte" },
  { target: "cas-catalogue", label: "Catalogue" },
];

/** `nav`: the « Sur cette page » links (a page that has its own passes false). */
export function CaseDocumentView({ document: doc, nav = true }: { document: BusinessCaseDocument; nav?: boolean }) {
  const segmentLabel = (code: string) => doc.market.segments.find((s) => s.code === code)?.label ?? code;
  const familyLabel = (code: string) => doc.catalogue.families.find((f) => f.code === code)?.label ?? code;
  return (
    <div className="case-document">
      {nav && <InPageNav parts={CASE_PARTS} />}
      <IdentitySection doc={doc} />
      <MarketSection doc={doc} />
      <PolicySection policy={doc.policy} segmentLabel={segmentLabel} familyLabel={familyLabel} />
      <ProceduresSection policy={doc.policy} />
      <CatalogueSection catalogue={doc.catalogue} />
    </div>
  );
}

/** A list of short texts, or « — » when there is none. */
export function Texts({ items }: { items: readonly string[] | undefined }) {
  if (!items?.length) return <>—</>;
  return (
    <ul className="plain">
      {items.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
}

function IdentitySection({ doc }: { doc: BusinessCaseDocument }) {
  const id = doc.identity;
  const t = id.territory;
  return (
    <section className="card" aria-labelledby="cas-identite">
      <h2 id="cas-identite">Identité</h2>
      <dl className="details-grid">
        <dt>Raison sociale</dt>
        <dd>{id.name}</dd>
        <dt>Forme juridique</dt>
        <dd>{label(LEGAL_FORMS, id.legal_form)}</dd>
        <dt>SIREN</dt>
        <dd>{id.siren}</dd>
        <dt>SIRET</dt>
        <dd>{id.siret}</dd>
        <dt>N° de TVA</dt>
        <dd>{id.tva_number}</dd>
        <dt>Adresse</dt>
        <dd>
          {id.address.line}
          {id.address.line2 && (
            <>
              <br />
              {id.address.line2}
            </>
          )}
          <br />
          {id.address.postcode} {id.address.city}
        </dd>
        <dt>Code NAF</dt>
        <dd>{id.naf_code}</dd>
        <dt>Taille</dt>
        <dd>{label(SIZE_BANDS, id.size_band)}</dd>
        <dt>Valeurs</dt>
        <dd>
          <Texts items={id.values} />
        </dd>
        <dt>Positionnement</dt>
        <dd className="pre-wrap">{id.positioning}</dd>
        <dt>Territoire de vente</dt>
        <dd>
          {t.label && <>{t.label} : </>}
          {t.radius_km} km autour du point {t.centre.latitude.toLocaleString("fr-FR")},{" "}
          {t.centre.longitude.toLocaleString("fr-FR")}
          {t.postcodes?.length ? <>, plus les codes postaux {t.postcodes.join(", ")}</> : null}
          {t.communes?.length ? <> et les communes (code INSEE) {t.communes.join(", ")}</> : null}.
        </dd>
      </dl>
    </section>
  );
}

function MarketSection({ doc }: { doc: BusinessCaseDocument }) {
  return (
    <section className="card" aria-labelledby="cas-marche">
      <h2 id="cas-marche">Marché et segments</h2>
      <p>Marchés : {doc.market.kinds.map((k) => MARKET_KINDS[k]).join(", ")}.</p>
      <div className="scroll-x contained" tabIndex={0} role="region" aria-label="Tableau des segments">
        <table className="table wide-table">
          <caption className="sr-only">Segments de clientèle</caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col">Description</th>
              <th scope="col">Critères</th>
            </tr>
          </thead>
          <tbody>
            {doc.market.segments.map((s) => {
              const c = s.criteria;
              return (
                <tr key={s.code}>
                  <th scope="row">
                    {s.label}
                    <br />
                    <small className="muted">code {s.code}</small>
                  </th>
                  <td>{s.description || "—"}</td>
                  <td>
                    <ul className="plain">
                      <li>{MARKET_KINDS[c.kind]}</li>
                      {c.naf_prefixes?.length ? <li>Codes NAF : {c.naf_prefixes.join(", ")}</li> : null}
                      {c.size_bands?.length ? (
                        <li>Tailles : {c.size_bands.map((b) => SIZE_BANDS[b]).join(", ")}</li>
                      ) : null}
                      {c.postcodes?.length ? <li>Codes postaux : {c.postcodes.join(", ")}</li> : null}
                      {c.departments?.length ? <li>Départements : {c.departments.join(", ")}</li> : null}
                      {c.within_radius && <li>Dans le rayon du territoire</li>}
                      {c.personas?.length ? <li>Personas : {c.personas.join(", ")}</li> : null}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {doc.competitors?.length ? (
        <>
          <h3>Concurrents</h3>
          <Texts items={doc.competitors} />
        </>
      ) : null}
    </section>
  );
}
