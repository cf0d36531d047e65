import { Link } from "react-router-dom";

export function NotFoundPage() {
  return (
    <section className="page">
      <h1>Page introuvable</h1>
      <p>Cette adresse ne correspond à aucune page de CapVente.</p>
      <p>
        <Link to="/">Revenir au tableau de bord</Link>
      </p>
    </section>
  );
}
