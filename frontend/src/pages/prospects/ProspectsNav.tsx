import { NavLink } from "react-router-dom";

/** The prospect area's tabs: the file, the personas, the call scripts, the campaigns. */
export function ProspectsNav() {
  return (
    <nav className="tabs" aria-label="Prospection">
      <NavLink to="/prospects" end>
        Fichier prospects
      </NavLink>
      <NavLink to="/prospects/personas">Personas</NavLink>
      <NavLink to="/prospects/scripts">Scripts d'appel</NavLink>
      <NavLink to="/prospects/campagnes">Campagnes</NavLink>
    </nav>
  );
}
