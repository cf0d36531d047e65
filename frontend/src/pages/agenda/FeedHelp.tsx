// How to subscribe from a calendar application, in French (the calendar feed's page).
export function FeedHelp() {
  return (
    <section className="card" aria-labelledby="feed-help-title">
      <h2 id="feed-help-title">Voir votre agenda dans votre application de calendrier</h2>
      <p>
        Une adresse d'abonnement secrète met votre agenda CapVente (rendez-vous, tournées, prochains contacts, tâches et
        actions du plan, de 30 jours en arrière à 6 mois en avant) dans l'application de calendrier de votre téléphone
        ou de votre ordinateur. L'application le relit d'elle-même, environ toutes les heures ; elle ne peut rien y
        modifier.
      </p>
      <ol className="feed-steps">
        <li>Créez une adresse ci-dessous, nommée d'après l'appareil ou l'application (« Téléphone », « Outlook »).</li>
        <li>Copiez-la aussitôt : elle n'est affichée qu'une fois.</li>
        <li>
          Ajoutez-la à votre application :
          <ul>
            <li>
              Google Agenda (sur ordinateur) : « Autres agendas », « + », puis « À partir de l'URL » ; collez l'adresse.
            </li>
            <li>Outlook : « Ajouter un calendrier », puis « S'abonner à partir du web » ; collez l'adresse.</li>
            <li>
              Calendrier d'Apple : « Fichier », puis « Nouvel abonnement à un calendrier » (Mac), ou Réglages,
              Calendrier, Comptes, « Ajouter un calendrier avec abonnement » (iPhone) ; le lien « webcal » l'ouvre
              directement.
            </li>
            <li>Thunderbird : « Nouvel agenda », puis « Sur le réseau » ; collez l'adresse.</li>
          </ul>
        </li>
      </ol>
      <p className="alert alert-warn">
        L'adresse suffit pour lire votre agenda, sans mot de passe : ne la partagez pas. Si elle a pu être vue par
        quelqu'un d'autre, ou si vous n'utilisez plus l'appareil, révoquez-la : elle cesse aussitôt de fonctionner.
      </p>
    </section>
  );
}
