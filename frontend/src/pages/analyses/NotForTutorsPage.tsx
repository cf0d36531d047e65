// What a company tutor sees at any address that is not theirs (a prospect, a tour…): the API
// would refuse them (403), so the page says so and sends them to what they may read.
import { Link } from "react-router-dom";

export function NotForTutorsPage() {
  return (
    <section className="page">
      <h1>Page réservée</h1>
      <div role="alert" className="alert alert-error">
        Cette page n'est pas ouverte aux tuteurs en entreprise : vous lisez les analyses, les notes de synthèse et les
        portfolios de vos alternants, et vous commentez leurs notes.
      </div>
      <ul>
        <li>
          <Link to="/notes/a-lire">Notes à lire</Link>
        </li>
        <li>
          <Link to="/analyses">Analyses de vos alternants</Link>
        </li>
        <li>
          <Link to="/alternants">Vos alternants</Link>
        </li>
      </ul>
    </section>
  );
}
