import { NavLink } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";

/** The RGPD area's tabs: a trainee works their own file; staff follow requests, admins audit. */
export function RgpdNav() {
  const { me } = useAuth();
  if (!isStaff(me)) {
    return (
      <nav className="tabs" aria-label="RGPD">
        <NavLink to="/rgpd" end>
          Consentements
        </NavLink>
        <NavLink to="/rgpd/demandes">Demandes des personnes</NavLink>
        <NavLink to="/rgpd/bloctel">Bloctel</NavLink>
        <NavLink to="/rgpd/registre">Registre des traitements</NavLink>
      </nav>
    );
  }
  return (
    <nav className="tabs" aria-label="RGPD">
      <NavLink to="/rgpd" end>
        Demandes des personnes
      </NavLink>
      <NavLink to="/rgpd/registre">Registre des traitements</NavLink>
      {me?.role === "admin" && <NavLink to="/rgpd/journal">Journal des accès</NavLink>}
      {me?.role === "admin" && <NavLink to="/rgpd/conservation">Durée de conservation</NavLink>}
    </nav>
  );
}
