"""The demo prospect files: the French texts of a history.

Interaction notes by outcome and channel, next steps, the qualification answers (authority,
timing), accessibility needs and adaptations, the reasons a prospect is lost or put aside,
and the fairs where people were met.
"""

from __future__ import annotations

from app.models import Outcome
from seed.prospects.data import C, O

# Notes by outcome; "pro:" ones only for companies, "perso:" ones only for individuals.
NOTES: dict[Outcome, tuple[str, ...]] = {
    O.NO_ANSWER: (
        "Messagerie, pas de message laissé.",
        "Pas de réponse ; nouvelle tentative prévue.",
        "Messagerie : message court laissé avec mon numéro direct.",
        "Ligne occupée à deux reprises.",
    ),
    O.GATEKEEPER: (
        "Barrage du standard : {contact} est en rendez-vous extérieur, rappeler en fin de matinée.",
        "L'assistante filtre les appels et demande un e-mail de présentation avant de transmettre.",
        "Secrétariat : le dirigeant n'est joignable qu'en fin de journée.",
        "Standard : « il est sur un chantier », pas de ligne directe communiquée.",
    ),
    O.CALLBACK: (
        "Intéressé mais occupé, demande à être rappelé.",
        "pro:Échange bref avec {contact} : veut en parler à son associé avant d'aller plus loin.",
        "perso:Intéressé, veut en parler en famille avant d'aller plus loin.",
        "Bon accueil ; souhaite une proposition chiffrée avant d'en reparler.",
        "pro:Pas le bon moment (clôture du mois), rappel convenu.",
        "perso:Pas disponible ce soir, préfère être rappelé en fin de semaine.",
    ),
    O.INFO_SENT: (
        "Documentation sur {produit} envoyée comme convenu.",
        "Grille tarifaire et références de clients de la région envoyées.",
        "pro:Plaquette envoyée ; {contact} la transmettra à la direction.",
        "Devis indicatif envoyé après l'échange.",
    ),
    O.OBJECTION: (
        "Objection prix : « c'est trop cher » — reformulé sur le coût global ; à retravailler.",
        "Objection « déjà équipé » : contrat en cours ; comparaison sans engagement proposée.",
        "Objection « pas le temps » : proposé un rendez-vous de 20 minutes à l'heure choisie.",
        "Objection confiance (mauvaise expérience avec un démarcheur) : avis clients et "
        "certifications envoyés.",
    ),
    O.APPOINTMENT: (
        "Rendez-vous fixé le {rdv} pour présenter {produit}.",
        "Accepte une démonstration sur place le {rdv}.",
        "pro:Rendez-vous pris le {rdv} avec {contact}, confirmation envoyée.",
        "perso:Rendez-vous pris à domicile le {rdv}, confirmation envoyée.",
    ),
    O.QUALIFIED: (
        "pro:Découverte complète : besoin confirmé, budget identifié, décideur rencontré.",
        "Entretien de découverte mené (BANT) : projet réel, calendrier précisé.",
        "Qualification faite : le besoin et le budget sont validés, en attente de proposition.",
    ),
    O.NOT_INTERESTED: (
        "Pas intéressé : vient de s'engager avec un concurrent.",
        "Pas de besoin : aucun projet prévu cette année.",
        "Refus net, ne souhaite pas donner suite.",
    ),
    O.WRONG_TARGET: (
        "pro:Hors cible : activité en cours de cession.",
        "pro:Hors cible : ne décide pas de ce type d'achat (décision prise au siège).",
        "perso:Hors cible : locataire, ne décide pas de ce type d'achat.",
        "Hors cible : besoin sans rapport avec notre offre.",
    ),
}
NO_REPLY_NOTES = (
    "Pas de réponse à ce jour.",
    "Sans retour pour l'instant ; relance prévue.",
    "Message resté sans réponse.",
)
MEETING_NOTES = {
    O.QUALIFIED: "Rendez-vous réalisé : visite faite, besoins et budget validés avec {contact}.",
    O.INFO_SENT: "Rendez-vous réalisé : démonstration faite, proposition à envoyer.",
    O.CALLBACK: "Rendez-vous réalisé : intéressé, souhaite réfléchir avant de s'engager.",
    O.OBJECTION: "Rendez-vous réalisé : bloque sur le prix, solution de financement à préparer.",
}
CUSTOMER_NOTES = (
    "Point de suivi : client satisfait de la mise en service.",
    "Suivi du contrat : question sur la facturation, réglée pendant l'échange.",
    "Proposition d'une option complémentaire au contrat en cours.",
    "Bilan annuel avec le client ; pas de réclamation.",
)
INBOUND_NOTES = {
    C.PHONE: (
        "Appel entrant : {contact} rappelle suite à notre message.",
        "Appel entrant après la visite de notre site.",
    ),
    C.EMAIL: (
        "E-mail entrant : demande d'informations complémentaires.",
        "Réponse par e-mail à notre dernier message.",
    ),
    C.SMS: ("SMS entrant : demande à être recontacté.",),
    C.VISIT: ("Passage spontané à l'agence.",),
}
NEXT_STEPS = {
    O.NO_ANSWER: "Nouvelle tentative à un autre moment de la journée",
    O.GATEKEEPER: "Rappeler en direct en fin de journée",
    O.CALLBACK: "Rappeler pour fixer un rendez-vous",
    O.INFO_SENT: "Relancer après lecture de la documentation",
    O.OBJECTION: "Préparer une réponse chiffrée à l'objection",
    O.QUALIFIED: "Envoyer la proposition commerciale",
}
AUTHORITY_B2B = (
    "Décide seul (dirigeant)",
    "Décision conjointe avec l'associé",
    "Validation du DAF au-delà de 10 000 €",
    "Le responsable prescrit, la direction signe",
)
AUTHORITY_B2C = ("Décision du couple", "Décide seul", "Décision avec un enfant, qui l'aide")
TIMINGS = (
    "Avant la fin de l'année",
    "Au premier trimestre 2027",
    "Pour le printemps 2027",
    "Au renouvellement du contrat actuel, mi-2027",
    "Dès que possible",
)
ACCESSIBILITY = (
    (
        "Malentendant : préfère les échanges écrits.",
        "Échanges par e-mail et SMS ; au rendez-vous, support écrit et visage bien visible.",
    ),
    (
        "Se déplace en fauteuil roulant.",
        "Rendez-vous dans un local de plain-pied, place de stationnement réservée vérifiée.",
    ),
    (
        "Malvoyante : lit difficilement les petits caractères.",
        "Documents envoyés en gros caractères (corps 18) et version numérique lisible par "
        "synthèse vocale.",
    ),
    (
        "Difficultés de compréhension de l'écrit.",
        "Explications orales reformulées, documents simplifiés avec pictogrammes.",
    ),
)
LOST_REASONS = (
    "Prix jugé trop élevé",
    "A choisi un concurrent",
    "Pas de besoin avant 2028",
    "Projet abandonné faute de budget",
    "Injoignable après plusieurs relances",
)
OBJECTION_REASON = "Opposition à la prospection (RGPD art. 21)"
INACTIVE_REASONS = (
    "Sans projet à court terme : relancer dans six mois",
    "Injoignable depuis plusieurs semaines",
    "Projet reporté à l'an prochain",
)
ENDED_REASONS = ("Contrat non renouvelé", "Client parti à la concurrence", "Activité cédée")
EVENTS_FR = (
    "Salon des entrepreneurs de Lyon",
    "Foire internationale de Lyon",
    "Foire de Grenoble",
    "Salon de l'habitat de Saint-Étienne",
    "Forum des artisans de l'Ain",
)
