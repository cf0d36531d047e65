import { NavLink } from "react-router-dom";
import { scopeSearch, useScope } from "./scope";

/** The loyalty area's tabs: segments (and customers, recommendations), inactive accounts,
 * relaunch plans, information campaigns, offers, surveys, events. */
export function LoyaltyNav() {
  // Staff reading a trainee keep that trainee from tab to tab.
  const search = scopeSearch(useScope());
  return (
    <nav className="tabs" aria-label="Fidélisation">
      <NavLink to={`/fidelisation${search}`} end>
        Segments
      </NavLink>
      <NavLink to={`/fidelisation/inactifs${search}`}>Comptes inactifs</NavLink>
      <NavLink to={`/fidelisation/relances${search}`}>Plans de relance</NavLink>
      <NavLink to={`/fidelisation/campagnes${search}`}>Campagnes</NavLink>
      <NavLink to={`/fidelisation/offres${search}`}>Offres</NavLink>
      <NavLink to={`/fidelisation/enquetes${search}`}>Enquêtes</NavLink>
      <NavLink to={`/fidelisation/evenements${search}`}>Événements</NavLink>
    </nav>
  );
}
