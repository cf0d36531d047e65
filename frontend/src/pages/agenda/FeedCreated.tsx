// The secret address of a feed just created, shown this once: a copy button, the webcal link
// for one-click subscription, and the warning that it will not be shown again.
import { useEffect, useRef, useState } from "react";
import type { Schemas as S } from "../../api/types";
import { Field } from "../../components/ui";

export function FeedCreated(props: { feed: S["CalendarFeedCreated"]; onClose: () => void }) {
  const { feed } = props;
  const [copied, setCopied] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopied("Adresse copiée : collez-la dans votre application de calendrier.");
    } catch {
      setCopied("La copie automatique n'a pas fonctionné : sélectionnez l'adresse dans le champ et copiez-la.");
    }
  }
  return (
    <section className="card feed-created" aria-labelledby="feed-created-title">
      <h2 id="feed-created-title" tabIndex={-1} ref={heading}>
        Adresse de l'abonnement « {feed.label} »
      </h2>
      <p className="alert alert-warn">
        <strong>Copiez cette adresse maintenant : elle ne sera plus affichée.</strong> Elle donne accès à votre agenda
        sans mot de passe ; si vous la perdez, révoquez cet abonnement et créez-en un autre.
      </p>
      <div className="feed-url">
        <Field label="Adresse secrète de l'abonnement">
          {(p) => <input {...p} readOnly value={feed.url} onFocus={(e) => e.target.select()} />}
        </Field>
        <button type="button" className="primary" onClick={() => void copy()}>
          Copier l'adresse
        </button>
      </div>
      <p role="status">{copied}</p>
      <p>
        <a href={feed.webcal_url}>Ouvrir dans l'application de calendrier (lien webcal)</a>
      </p>
      <button type="button" onClick={props.onClose}>
        J'ai copié l'adresse : la masquer
      </button>
    </section>
  );
}
