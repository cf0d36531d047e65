// The tabs of the administration area.
import { NavLink } from "react-router-dom";

export function AdminNav() {
  return (
    <nav className="tabs" aria-label="Administration">
      <NavLink to="/admin/utilisateurs">Utilisateurs</NavLink>
      <NavLink to="/admin/cohortes">Cohortes</NavLink>
    </nav>
  );
}
