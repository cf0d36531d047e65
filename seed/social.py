"""The demo's company image and social selling (issue 20): for each demo trainee under a
published business case with a social media charter, about a month of it around today:

- a professional profile on the charter's first network that passes the charter;
- a content calendar from four weeks ago to two weeks ahead, on the charter's themes, two
  posts a week at most on a network (the charter allows three): the past ones approved and
  published with their KPI measurements (the latest are the post's figures), two of them
  cross-posted on the charter's second network; the coming ones approved, then drafts; one
  cancelled (the client had not signed the agreement to show their site: it is planned again
  later as a draft). The texts name nobody of the trainee's file;
- the audience per network of the charter, measured every week from five weeks ago, growing;
- two privacy checklists: the first network's complete, another one (the charter's second
  network, else a personal Facebook account) half done;
- 7 or 8 social actions on prospects of the file: connection requests accepted, declined and
  pending, a message that qualifies a lead, one that sets an appointment, and some of a
  comment, a content shared, an event invitation;
- two presentations (an elevator pitch, an e-mail introduction), each with two variants.

Everything the domain checks is checked by its own functions, and what they found is stored
on the record as the services store it (``CheckedMixin.store_check``): the profile
(``social.checks.check_profile``), each post (``check_consistency`` with the posts of its
week, ``check_confidentiality``). The confidentiality check reads the people of the file
(``social.posts.personal_data``); it is run once on all of a trainee's texts together: when
it finds nothing, no text shows anybody of the file, and each post's own check needs no file
(what the file adds are names, addresses and numbers found in the text); otherwise each post
is checked against the file. The social actions go through the domain's service
(``social.actions.record_action``), so that the prospect file gets its exchange with its
rules (the channel policy, the next contact, the appointment set, the status reached), and
the presentations through the library (``presentations.library``), which drafts and checks
their variants.

The profile, the posts and their figures, the audience and the checklists are written as
rows: the posts' service checks each write against the whole file again, seconds per
trainee, where all of this must take a second or two. Everything is dated as it would have
been made: a post written a week before its day, approved two days before, published on it;
an action's exchange, appointment and status change when it happened. Each trainee's history
is shifted by up to three days (their last activity is not one same day). What the routes
would have journaled is journaled (app/social/README.md, "Evidence"), with their keys: a
profile that passes the first time, a post approved with both checks passed, a checklist
completed, a social action (with the criteria of the exchange it records); drafted
presentations, figures, drafts and cancellations show nothing.

Deterministic (a generator seeded per trainee; dates relative to ``today``, which a test may
pin) and idempotent: a trainee who has a social profile is left alone."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from app.business_cases import segments
from app.business_cases import service as business_cases
from app.business_cases.document import BusinessCaseDocument, SocialMediaCharter
from app.common.findings import Finding
from app.competences.catalogue import get_catalogue
from app.competences.evidence import evidence_key
from app.config import get_settings, today_local
from app.core.principal import Principal
from app.models import (
    ApiScope,
    Appointment,
    Cohort,
    Contact,
    EvidenceLink,
    EvidenceRecord,
    Interaction,
    Interlocutor,
    Organisation,
    PostObjective,
    PostStatus,
    Presentation,
    PresentationKind,
    PresentationVariant,
    Prospect,
    ProspectKind,
    ProspectStatus,
    ProspectStatusChange,
    Role,
    SocialAction,
    SocialActionKind,
    SocialActionOutcome,
    SocialNetwork,
    SocialNetworkStat,
    SocialPost,
    SocialPostKpi,
    SocialPrivacyCheck,
    SocialProfile,
    User,
)
from app.presentations import library
from app.presentations.schemas import PresentationCreate, VariantCreate
from app.prospects.schemas import AppointmentDraft
from app.social import actions, privacy
from app.social.checks import (
    PHOTO_GUIDELINES,
    Experience,
    PersonalData,
    PostDraft,
    ProfileDraft,
    check_confidentiality,
    check_consistency,
    check_profile,
)
from app.social.posts import iso_week, personal_data
from app.social.schemas import SocialActionCreate
from seed.evidence import operations
from seed.prospects.dates import is_working_day, paris
from seed.prospects.writer import trainee_number

RANDOM_SEED = 2026
O = PostObjective  # noqa: E741
I = Interlocutor  # noqa: E741
K = SocialActionKind
R = SocialActionOutcome


def today() -> date:
    """The day the history is built around: the application's today (a test pins it, to
    seed a second database as the first)."""
    return today_local()


# ----------------------------------------------------------------- what the posts say


@dataclass(frozen=True)
class ThemePosts:
    """A charter theme's posts: their objective, the target, what the visual shows, and
    three texts (none names anybody: the people of a file are not published)."""

    objective: PostObjective
    interlocutor: Interlocutor | None
    media: str
    texts: tuple[str, str, str]


#: The themes of the six demo charters (seed/data/business_cases), by their name.
THEMES: dict[str, ThemePosts] = {
    # Mutuelle Confluence
    "Prévention santé": ThemePosts(O.ENGAGEMENT, I.CONSUMER,
        "Illustration : une famille en promenade, banque d'images libre de droits.", (
        "La prévention se prépare toute l'année : examens recommandés selon l'âge, vaccins à "
        "jour, bilan de vue. Nos conseillers vous aident à faire le point, simplement. Quelle "
        "habitude de prévention avez-vous adoptée cette année ?",
        "Au bureau aussi, la prévention compte : pauses actives, écran à bonne hauteur, sommeil "
        "préservé. Nous avons animé cette semaine un atelier sur le mal de dos dans une PME du "
        "Rhône, à sa demande. Et dans votre entreprise, comment en parlez-vous ?",
        "Marcher trente minutes par jour : une recommandation simple et utile. Notre équipe "
        "relève le défi des pas ce mois-ci et vous invite à partager vos astuces pour bouger "
        "davantage au quotidien.")),
    "Comprendre ses remboursements": ThemePosts(O.AWARENESS, I.CONSUMER,
        "Infographie maison : un décompte de remboursement annoté, montants fictifs.", (
        "Base de remboursement, ticket modérateur, dépassement d'honoraires : trois notions "
        "pour lire un décompte. Nous les expliquons en images dans notre guide, disponible en "
        "agence.",
        "Sur un tableau de garanties, un remboursement exprimé en pourcentage de la base "
        "s'applique au tarif de la Sécurité sociale, pas au prix payé. Un exemple vaut mieux "
        "qu'un long discours : posez-nous vos questions en commentaire.",
        "Avant de vous engager pour des lunettes ou des soins dentaires, demandez un devis "
        "détaillé : nous vous aidons à le lire ligne par ligne et à savoir ce qui restera à "
        "votre charge, selon votre contrat.")),
    "Protection des indépendants": ThemePosts(O.LEAD, I.DECISION_MAKER,
        "Photo de l'équipe de l'agence de Saint-Étienne, prise avec l'accord de chacun.", (
        "Artisan, commerçant, profession libérale : un arrêt de travail touche aussi votre "
        "activité. Faisons le point ensemble sur vos besoins de prévoyance, sans jargon et à "
        "votre rythme.",
        "Nous étions cette semaine à la rencontre des artisans de la Loire, lors d'une matinée "
        "d'information organisée avec leur chambre consulaire. Merci pour vos questions très "
        "concrètes sur la protection du conjoint collaborateur.",
        "Indépendant, savez-vous ce que vous percevriez en cas d'arrêt de travail ? Les règles "
        "ont évolué : nos conseillers vous aident à l'estimer à partir de vos revenus "
        "déclarés.")),
    "Actions de la mutuelle sur le territoire": ThemePosts(O.AWARENESS, None,
        "Photo de la remise du chèque à l'association, prise avec l'accord de ses membres.", (
        "Nous soutenons cette saison une association sportive de Saint-Étienne qui accueille "
        "des jeunes en situation de handicap. Une fierté pour toute l'équipe de l'agence.",
        "Nos adhérents élisent leurs délégués : c'est le principe d'une mutuelle sans "
        "actionnaires. L'assemblée générale se tiendra à Lyon, et chaque adhérent peut y "
        "faire entendre sa voix.",
        "Collecte de sang dans nos locaux lyonnais ce mois-ci : merci aux collaborateurs et aux "
        "voisins venus donner. Prochain rendez-vous au printemps.")),
    # CaissePlus Lyon
    "Installations chez des commerçants (avec leur accord)": ThemePosts(O.AWARENESS, I.USER,
        "Photo du comptoir équipé, prise avec l'accord écrit du commerçant, écran sur des "
        "données fictives.", (
        "Nouvelle installation cette semaine dans une boulangerie de la Croix-Rousse : caisse, "
        "balance et formation de l'équipe le même matin, avant le coup de feu de midi. Merci à "
        "la gérante d'avoir accepté que nous partagions ces photos.",
        "Un bistrot du Vieux-Lyon passe à l'encaissement à table : l'équipe prend les commandes "
        "sur tablette et les envoie en cuisine sans ressaisie. Photos publiées avec l'accord "
        "écrit du patron.",
        "Ouverture réussie pour une épicerie fine de Villeurbanne : trois jours de préparation, "
        "une heure de formation, et une caisse prête pour le premier client. Merci à l'équipe "
        "pour sa confiance et son accord pour ces images.")),
    "Conformité fiscale des caisses expliquée": ThemePosts(O.AWARENESS, I.DECISION_MAKER,
        "Fiche pratique maison en trois points, sans logo de client.", (
        "Un commerçant assujetti à la TVA qui enregistre ses ventes sur un logiciel doit "
        "utiliser un système certifié. Que vérifie l'administration, et quel document "
        "conserver ? Nous répondons en trois points dans notre fiche pratique.",
        "L'attestation de conformité de votre logiciel de caisse : où la trouver, et pourquoi "
        "la garder à portée de main ? Nous l'expliquons simplement, sans jargon.",
        "Clôture journalière, archivage, inaltérabilité des données : trois mots qui "
        "impressionnent et qui sont pourtant simples à comprendre. Nos techniciens vous les "
        "expliquent en deux minutes de vidéo.")),
    "Astuces de caisse": ThemePosts(O.ENGAGEMENT, I.USER,
        "Capture d'écran d'une caisse de démonstration, données fictives.", (
        "Astuce du mardi : créez des touches rapides pour vos dix produits les plus vendus. "
        "Vos clients attendent moins et votre équipe gagne en sérénité au moment du rush.",
        "Astuce : consultez chaque soir le rapport des ventes par heure. Vous saurez quand "
        "renforcer l'équipe et quand lancer la préparation du lendemain.",
        "Astuce : un ticket dématérialisé envoyé par e-mail, c'est moins de papier et un client "
        "qui retrouve facilement sa preuve d'achat. Pensez à recueillir son accord.")),
    "Ouvertures de commerces du territoire": ThemePosts(O.ENGAGEMENT, I.DECISION_MAKER,
        "Photo d'une rue commerçante de la presqu'île, sans visage reconnaissable.", (
        "Bienvenue aux nouveaux commerces de la presqu'île : trois ouvertures ce mois-ci rue "
        "Mercière et alentour. Belle réussite à ces entrepreneurs qui font vivre le "
        "centre-ville.",
        "Le marché couvert de Vaise accueille de nouveaux étals : une belle dynamique pour le "
        "quartier. Vous ouvrez bientôt votre commerce ? Nos conseillers vous accompagnent dans "
        "votre projet d'équipement.",
        "Quelle rue de Lyon a vu le plus d'ouvertures cette année ? Partagez en commentaire le "
        "commerce qui vous a marqué : nous irons le découvrir.")),
    # Alpes Rénov Énergie
    "Chantiers terminés (avec l'accord du client)": ThemePosts(O.AWARENESS, I.CONSUMER,
        "Photo de la façade rénovée, prise avec l'accord écrit du client, sans adresse "
        "visible.", (
        "Chantier terminé à Voiron : une maison des années 70 passe d'une chaudière fioul à une "
        "pompe à chaleur, en quatre jours. Merci aux propriétaires pour leur accueil et leur "
        "accord écrit de partager ces photos.",
        "Combles isolés en une journée dans une maison de Meylan : l'équipe a soufflé "
        "l'isolant, contrôlé l'épaisseur et laissé le chantier propre. Les propriétaires ont "
        "accepté que nous partagions ce retour d'expérience.",
        "Dernière étape d'une rénovation de copropriété à Échirolles : la ventilation est en "
        "service. Merci au conseil syndical pour sa confiance et son accord pour cette "
        "publication.")),
    "Conseils d'économies d'énergie": ThemePosts(O.ENGAGEMENT, I.CONSUMER,
        "Illustration : un thermostat d'ambiance, banque d'images libre de droits.", (
        "Baisser le chauffage d'un degré réduit sensiblement la consommation : un geste simple, "
        "à combiner avec un thermostat programmable. Quelle température réglez-vous dans vos "
        "pièces de vie ?",
        "Avant de changer de chauffage, regardez le toit : une grande part des pertes de "
        "chaleur d'une maison mal isolée passe par les combles. Nos techniciens le vérifient "
        "lors de chaque visite.",
        "Purger ses radiateurs en début d'hiver, dépoussiérer les bouches de ventilation, faire "
        "entretenir sa chaudière : trois gestes qui améliorent le confort et la "
        "consommation.")),
    "Aides à la rénovation expliquées": ThemePosts(O.LEAD, I.CONSUMER,
        "Schéma maison des étapes d'une demande d'aide.", (
        "MaPrimeRénov', certificats d'économies d'énergie, éco-prêt à taux zéro : trois "
        "dispositifs qui peuvent se cumuler selon votre situation. Montant des aides estimé, "
        "sous réserve de l'accord de l'organisme.",
        "Vos revenus, votre logement, les travaux envisagés : ce sont les trois éléments qui "
        "déterminent les aides possibles. Nous les passons en revue avec vous avant tout "
        "devis. Montant des aides estimé, sous réserve de l'accord de l'organisme.",
        "Une aide à la rénovation se demande avant de signer le devis, jamais après. C'est la "
        "première question que nous vous posons lors de la visite. Montant des aides estimé, "
        "sous réserve de l'accord de l'organisme.")),
    "L'équipe de techniciens RGE": ThemePosts(O.RECRUITMENT, None,
        "Photo de l'équipe devant l'agence, prise avec l'accord de chacun.", (
        "Bienvenue à notre nouveau technicien, qui rejoint l'agence de Saint-Martin-d'Hères "
        "après cinq ans de pose de pompes à chaleur. Entreprise certifiée RGE.",
        "Formation continue : toute l'équipe a suivi cette semaine une journée sur les fluides "
        "frigorigènes et la sécurité sur chantier. Entreprise certifiée RGE.",
        "Un jour avec nos techniciens : départ de l'agence à 7 h 30, deux chantiers, une mise en "
        "service et un client à rassurer. Merci à eux pour leur rigueur.")),
    # Soleil du Dauphiné
    "Installations réalisées (avec l'accord du client)": ThemePosts(O.AWARENESS, I.CONSUMER,
        "Photo des panneaux prise depuis le sol, avec l'accord du client, sans vue aérienne "
        "ni adresse.", (
        "Installation terminée sur le toit d'une ferme du Nord-Isère : les panneaux produisent "
        "depuis lundi pour le séchage du foin et la maison. Photos partagées avec l'accord des "
        "exploitants.",
        "Mise en service cette semaine pour un gîte du Voironnais : les propriétaires suivent "
        "leur production sur leur téléphone dès le premier jour. Merci pour leur accord écrit "
        "de publier ce retour.",
        "Une toiture d'atelier équipée à Bourgoin-Jallieu : deux jours de pose, une journée de "
        "raccordement, une équipe fière du résultat. Publication faite avec l'accord du "
        "client.")),
    "Production du mois sur le territoire": ThemePosts(O.ENGAGEMENT, None,
        "Graphique maison de la production mensuelle, sans nom de client.", (
        "Le mois dernier, les installations que nous suivons en Isère ont produit davantage "
        "qu'un an plus tôt, grâce à un ensoleillement généreux. Production et économies "
        "estimées, selon l'exposition et la consommation.",
        "Brouillard le matin mais après-midi ensoleillés : la production reste honorable sur les "
        "toits du Grésivaudan. Production et économies estimées, selon l'exposition et la "
        "consommation.",
        "Comment lire la courbe de production d'une journée d'hiver ? Nous commentons celle "
        "d'une maison de Voreppe, avec l'accord de ses propriétaires. Production et économies "
        "estimées, selon l'exposition et la consommation.")),
    "Autoconsommation expliquée": ThemePosts(O.LEAD, I.CONSUMER,
        "Schéma maison : la production d'une journée et la consommation d'un foyer.", (
        "Autoconsommer, c'est utiliser vous-même l'électricité produite par vos panneaux, au "
        "moment où ils la produisent. Lancer le lave-linge à midi plutôt que le soir, c'est "
        "déjà en profiter.",
        "Que devient l'électricité que vous ne consommez pas ? Elle peut être injectée sur le "
        "réseau et vendue, selon le contrat choisi. Nous vous expliquons les options avant "
        "toute décision.",
        "Le bon dimensionnement part de votre consommation réelle, pas de la surface du toit. "
        "C'est pourquoi nous commençons toujours par relire vos factures avec vous.")),
    "Recyclage des panneaux": ThemePosts(O.AWARENESS, None,
        "Photo d'une palette de panneaux en fin de vie au centre de traitement, avec son "
        "accord.", (
        "Verre, aluminium, silicium : l'essentiel d'un panneau photovoltaïque se recycle, par "
        "une filière dédiée en France. Nous vous expliquons ce que deviennent les panneaux en "
        "fin de vie.",
        "Nous avons visité cette semaine un centre de traitement des panneaux en fin de vie. "
        "Démontage, tri, valorisation : une filière qui se structure, et des questions que nos "
        "clients nous posent souvent.",
        "Durée de vie, garanties de performance, recyclage : trois questions à poser à votre "
        "installateur avant de signer. Nous y répondons volontiers en commentaire.")),
    # Rhône Télécom Services
    "Raccordements fibre réalisés": ThemePosts(O.AWARENESS, I.DECISION_MAKER,
        "Photo du local technique raccordé, prise avec l'accord du syndic, sans nom de "
        "société visible.", (
        "Trois cabinets d'un même immeuble de Grenoble raccordés à la fibre cette semaine : une "
        "intervention coordonnée avec le syndic, une mise en service en une matinée.",
        "Raccordement terminé pour une boulangerie de Saint-Étienne : la caisse et le terminal "
        "de paiement passent désormais par la fibre, avec une connexion de secours en cas de "
        "coupure.",
        "Une zone d'activités de l'Est lyonnais nouvellement éligible : nos techniciens ont "
        "raccordé les premières entreprises cette semaine. Offre soumise à éligibilité de "
        "l'adresse.")),
    "Conseils de continuité de service": ThemePosts(O.LEAD, I.DECISION_MAKER,
        "Infographie maison : trois réflexes en cas de coupure.", (
        "Une coupure internet d'une demi-journée, combien coûte-t-elle à votre entreprise ? "
        "Prévoir une connexion de secours, c'est continuer à encaisser et à répondre aux "
        "clients.",
        "Sauvegardes, onduleur, accès de secours : trois réflexes pour que votre activité "
        "continue en cas de panne. Nous vous aidons à faire le point.",
        "Télétravail, agence, chantier : vos équipes doivent joindre les clients où qu'elles "
        "soient. Un standard hébergé suit vos collaborateurs sur leur mobile.")),
    "Vie de l'équipe technique": ThemePosts(O.RECRUITMENT, None,
        "Photo de l'équipe technique en formation, prise avec l'accord de chacun.", (
        "Nos techniciens de l'agence de Lyon 3e ont suivi cette semaine une formation sur les "
        "nouvelles règles de câblage des immeubles. Toujours à jour pour vos raccordements.",
        "Journée d'intégration pour deux nouvelles recrues de l'équipe technique de Grenoble : "
        "visite des locaux, sécurité, et première intervention en binôme.",
        "Dans les coulisses de notre centre de supervision : c'est là que nos équipes repèrent "
        "une panne, souvent avant que vous ne l'ayez remarquée.")),
    "Événements des commerçants du territoire": ThemePosts(O.EVENT, I.DECISION_MAKER,
        "Photo du stand au salon, sans visiteur reconnaissable.", (
        "Nous serons présents au salon des commerçants de Saint-Étienne le mois prochain. "
        "Venez échanger avec nos équipes sur la connexion de votre boutique.",
        "Merci à l'union des commerçants de la Croix-Rousse pour l'invitation à sa soirée : de "
        "beaux échanges sur le numérique dans les petits commerces.",
        "Les vitrines de fin d'année s'installent dans les rues de Grenoble : bonne saison à "
        "tous les commerçants du centre-ville.")),
    # Flotte Rhône-Alpes Location
    "Livraisons de véhicules aux clients (avec leur accord)": ThemePosts(O.AWARENESS,
        I.DECISION_MAKER,
        "Photo des véhicules devant le dépôt, avec l'accord écrit du client, plaques "
        "masquées.", (
        "Livraison ce matin à Saint-Priest de deux utilitaires électriques pour un artisan "
        "plombier de l'Est lyonnais. Photos publiées avec son accord écrit, plaques masquées.",
        "Une entreprise d'espaces verts renouvelle sa flotte : quatre véhicules remis clés en "
        "main, aménagés pour le matériel de taille. Merci au gérant pour son accord de publier "
        "ces images.",
        "Remise des clés à Vienne pour une association d'aide à domicile : des citadines pour "
        "les tournées quotidiennes de ses intervenants. Publication faite avec l'accord de "
        "l'association.")),
    "Calendrier de la zone à faibles émissions expliqué": ThemePosts(O.AWARENESS,
        I.DECISION_MAKER,
        "Carte de la zone publiée par la Métropole de Lyon, source citée.", (
        "Zone à faibles émissions de la Métropole de Lyon : quels véhicules peuvent circuler, "
        "et à partir de quand ? Nous résumons le calendrier publié par la Métropole, source "
        "officielle à l'appui.",
        "Vignette Crit'Air : comment savoir laquelle correspond à votre utilitaire ? La réponse "
        "figure sur le certificat d'immatriculation, et le site officiel permet de la "
        "commander.",
        "Livraisons en centre-ville et ZFE : des dérogations existent, selon l'activité et le "
        "véhicule. Nous vous aidons à les identifier à partir des textes officiels de la "
        "Métropole.")),
    "Conseils d'usage des utilitaires électriques": ThemePosts(O.LEAD, I.USER,
        "Photo d'un utilitaire en charge au dépôt, plaque masquée.", (
        "Utilitaire électrique en hiver : préchauffez la cabine pendant la charge, l'autonomie "
        "est préservée pour la tournée. Un réflexe simple, qui change le quotidien.",
        "Recharger au dépôt la nuit, compléter sur la route si besoin : c'est le rythme de la "
        "plupart de nos clients artisans. Nous estimons avec vous le besoin de recharge à "
        "partir de vos tournées réelles.",
        "Charge utile, volume, autonomie : trois chiffres à comparer à vos tournées réelles "
        "avant de choisir un utilitaire électrique. Nos conseillers font le calcul avec "
        "vous.")),
    "Vie du dépôt": ThemePosts(O.RECRUITMENT, None,
        "Photo de l'atelier du dépôt, prise avec l'accord de l'équipe.", (
        "Au dépôt de Saint-Priest, l'atelier prépare chaque véhicule avant livraison : "
        "contrôle, nettoyage, vérification des équipements. Une heure de soin pour des mois de "
        "tranquillité.",
        "Bienvenue à notre nouvelle technicienne d'atelier, spécialiste des motorisations "
        "électriques, qui rejoint le dépôt de Saint-Priest.",
        "De nouvelles bornes ont été posées au dépôt : nos véhicules électriques partent "
        "chargés chez nos clients.")),
}  # fmt: skip

#: Two hashtags per company (its posts end with them).
HASHTAGS: dict[str, str] = {
    "Mutuelle Confluence": "#mutuelle #prévention",
    "CaissePlus Lyon": "#commerce #Lyon",
    "Alpes Rénov Énergie": "#rénovation #Isère",
    "Soleil du Dauphiné": "#solaire #autoconsommation",
    "Rhône Télécom Services": "#fibre #entreprises",
    "Flotte Rhône-Alpes Location": "#utilitaires #mobilité",
}
#: What the trainee does for the company, in their profile's headline.
TAGLINES: dict[str, str] = {
    "Mutuelle Confluence": "santé et prévoyance des familles, des indépendants et des PME",
    "CaissePlus Lyon": "l'encaissement des commerçants et des restaurateurs lyonnais",
    "Alpes Rénov Énergie": "la rénovation énergétique des maisons et des copropriétés",
    "Soleil du Dauphiné": "l'autoconsommation solaire des particuliers et des entreprises",
    "Rhône Télécom Services": "la fibre et la téléphonie des TPE et des PME",
    "Flotte Rhône-Alpes Location": "la location longue durée d'utilitaires",
}


def _fallback(theme: str, company: str) -> ThemePosts:
    """Posts for a theme the demo does not know (another charter)."""
    return ThemePosts(O.AWARENESS, None, "Visuel de l'entreprise, sans personne reconnaissable.", (
        f"{theme} : ce que nous avons appris ce mois-ci chez {company}, en trois points "
        "concrets. Vos questions sont les bienvenues en commentaire.",
        f"{theme} : un retour d'expérience de l'équipe, partagé simplement. Et vous, "
        "qu'en pensez-vous ?",
        f"{theme} : nos conseils pour bien démarrer, tirés du terrain. Nous y revenons en "
        "détail lors de nos rendez-vous.",
    ))  # fmt: skip


# ----------------------------------------------------------------- the plan


@dataclass(frozen=True)
class PlannedPost:
    """A post of the calendar: its day (from the trainee's base day when past, from today
    when ahead), status, theme and text (indexes), and whether it is cross-posted on the
    charter's second network."""

    offset: int
    status: PostStatus
    theme: int
    text: int
    cross_post: bool = False


P = PostStatus
# Three or four days apart (any three in a row span a week: two a week at most, whatever the
# weekday), from 27 days before the base day to 13 days after today.
CALENDAR = (
    PlannedPost(-27, P.PUBLISHED, 0, 0),
    PlannedPost(-23, P.PUBLISHED, 1, 0),
    PlannedPost(-20, P.PUBLISHED, 2, 0, cross_post=True),
    PlannedPost(-16, P.PUBLISHED, 3, 0),
    PlannedPost(-13, P.PUBLISHED, 0, 1),
    PlannedPost(-11, P.CANCELLED, 0, 2),
    PlannedPost(-9, P.PUBLISHED, 1, 1, cross_post=True),
    PlannedPost(-6, P.PUBLISHED, 2, 1),
    PlannedPost(-2, P.PUBLISHED, 3, 1),
    PlannedPost(3, P.APPROVED, 1, 2),
    PlannedPost(6, P.APPROVED, 2, 2),
    PlannedPost(10, P.DRAFT, 3, 2),
    PlannedPost(13, P.DRAFT, 0, 2),
)
#: The published posts (on the first network, in order) an action follows up: the lead
#: came from the second, the appointment from the fourth.
LEAD_POST, MEETING_POST = 1, 3


@dataclass(frozen=True)
class PlannedAction:
    """A social action: its day and time (from the trainee's base day), kind, outcome,
    which prospect (``who``: the same key, the same prospect), the days to the next contact
    (None: the outcome closes or sets a meeting), the published post it follows (its index),
    the trainee's notes; the optional ones are drawn."""

    offset: int
    clock: tuple[int, int]
    kind: SocialActionKind
    outcome: SocialActionOutcome
    who: str
    next_in: int | None
    notes: str
    post: int | None = None
    optional: bool = False


ACTIONS = (
    PlannedAction(-26, (10, 15), K.CONNECTION_REQUEST, R.ACCEPTED, "a", 7,
                  "Invitation personnalisée, après sa publication sur l'activité de "
                  "l'entreprise."),
    PlannedAction(-23, (11, 30), K.CONNECTION_REQUEST, R.ACCEPTED, "b", 8,
                  "Invitation avec un mot sur notre échange au salon professionnel."),
    PlannedAction(-19, (9, 45), K.CONNECTION_REQUEST, R.DECLINED, "c", None,
                  "Ne souhaite pas de contact commercial sur ce réseau : noté."),
    PlannedAction(-15, (14, 20), K.COMMENT, R.REPLIED, "d", 5,
                  "Commentaire sur sa publication ; réponse reçue, échange à poursuivre.",
                  optional=True),
    PlannedAction(-12, (10, 0), K.MESSAGE, R.LEAD, "a", 6,
                  "Message de suivi après l'acceptation : a réagi à notre publication, besoin "
                  "confirmé, projet dans les trois mois.", post=LEAD_POST),
    PlannedAction(-8, (15, 0), K.MESSAGE, R.APPOINTMENT, "b", None,
                  "Message de suivi : rendez-vous fixé pour présenter notre offre.",
                  post=MEETING_POST),
    PlannedAction(-5, (9, 30), K.CONNECTION_REQUEST, R.PENDING, "e", 7,
                  "Invitation envoyée, en attente de réponse."),
    PlannedAction(-3, (16, 10), K.SHARED_CONTENT, R.IGNORED, "f", 10,
                  "Partage d'une de nos publications utiles à son secteur, sans réponse pour "
                  "l'instant.", post=4, optional=True),
    PlannedAction(-2, (11, 0), K.EVENT_INVITATION, R.PENDING, "g", 9,
                  "Invitation à notre prochaine matinée d'information, en attente de réponse.",
                  optional=True),
)  # fmt: skip
#: Meeting slots (Paris time) for the appointment a message sets, from three days ahead.
SLOTS = ((9, 30), (11, 0), (14, 30), (16, 0))
MEETING_MINUTES = 60
PRESENTATIONS = (
    ("Pitch de présentation", PresentationKind.ELEVATOR_PITCH,
     (Interlocutor.DECISION_MAKER, Interlocutor.USER), 21),
    ("Premier e-mail de présentation", PresentationKind.EMAIL_INTRODUCTION,
     (Interlocutor.DECISION_MAKER, Interlocutor.BUYER), 17),
)  # fmt: skip
#: The profile's contact settings: what a salesperson chooses (``checks.CONTACT_SETTINGS``).
CONTACT: dict[str, str | bool] = {
    "email_visibility": "connections",
    "phone_visibility": "hidden",
    "messages_from": "everyone",
    "open_to_work": False,
}
#: Joins a trainee's texts for their one check against the file: no word, number or
#: address runs across it.
SEPARATOR = "\n\n§\n\n"


@dataclass
class SocialSeedReport:
    profiles: int = 0
    posts: int = 0
    kpis: int = 0
    stats: int = 0
    checklists: int = 0
    actions: int = 0
    presentations: int = 0
    variants: int = 0
    # Evidence records of that history (what the routes would have journaled).
    evidence: int = 0
    trainees_skipped: int = 0
    # The day the history was built around.
    on: date | None = None

    def __str__(self) -> str:
        return (
            f"{self.profiles} profil(s) réseaux, {self.posts} publication(s), "
            f"{self.actions} action(s) de social selling, {self.presentations} présentation(s)"
        )


Journaled = tuple[datetime, str, str, str, str, tuple[str, ...]]


@dataclass
class _Trainee:
    """What the writes of one trainee share."""

    user: User
    principal: Principal
    doc: BusinessCaseDocument
    charter: SocialMediaCharter
    version_id: int
    rng: random.Random
    base: date  # their last day of activity (today, less up to three days)
    today: date
    # (when, action, resource type, resource id, thing shown, criteria noted)
    evidence: list[Journaled] = field(default_factory=list)

    def journal(self, when: datetime, action: str, table: str, ident: int, subject: str,
                extra: Sequence[str] = ()) -> None:  # fmt: skip
        self.evidence.append((when, action, table, str(ident), subject, tuple(extra)))

    def checked(self, record: Any, findings: list[Finding], when: datetime) -> bool:
        """Store a check's findings on ``record`` as the services do, dated ``when``."""
        ok = bool(record.store_check(findings, self.version_id))
        record.checked_at = when
        return ok


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def seed_social(session: Session, org: Organisation, trainees: list[User]) -> SocialSeedReport:
    on = today()
    report = SocialSeedReport(on=on)
    for position, trainee in enumerate(trainees):
        if trainee.organisation_id != org.id:
            continue
        if session.scalar(select(exists().where(SocialProfile.owner_id == trainee.id))):
            report.trainees_skipped += 1
            continue
        active = business_cases.active_case(session, trainee.id)
        charter = active.document.policy.social_media if active is not None else None
        if active is None or charter is None or not charter.themes:
            continue
        number = trainee_number(trainee, position)
        t = _Trainee(
            user=trainee,
            principal=Principal(
                trainee.id, org.id, Role.TRAINEE, trainee.cohort_id, frozenset(ApiScope)
            ),
            doc=active.document,
            charter=charter,
            version_id=active.version.id,
            rng=random.Random(RANDOM_SEED * 1000 + number),
            base=on - timedelta(days=(number - 1) % 4),
            today=on,
        )
        _profile(session, t, report)
        _checklists(session, t, report)
        _audience(session, t, report)
        published = _calendar(session, t, report)
        _actions(session, t, report, published)
        _presentations(session, t, report)
        report.evidence += _journal(session, org, t)
    session.flush()
    return report


# ----------------------------------------------------------------- profile, privacy, audience


def _profile(session: Session, t: _Trainee, report: SocialSeedReport) -> None:
    """A profile on the charter's first network, passing the charter at its first save."""
    name = t.doc.identity.name
    page = t.charter.company_page
    network = t.charter.networks[0]
    tagline = TAGLINES.get(name, "le conseil et la vente auprès des clients de la région")
    experience = (
        Experience("Conseil commercial (alternance)", name, True,
                   "Prospection, rendez-vous clients, devis et suivi du portefeuille."),
        Experience("Vente en magasin (stage)", "Commerce de proximité", False,
                   "Accueil, conseil et encaissement."),
    )  # fmt: skip
    draft = ProfileDraft(
        network=network,
        headline=f"Conseil et vente chez {name} | {tagline}",
        summary=(
            f"En alternance chez {name}, j'accompagne les clients de la première prise de "
            "contact au suivi après la vente : écoute du besoin, conseil, proposition adaptée. "
            f"Retrouvez nos actualités sur la page {page}."
        ),
        experience=experience,
        featured=(f"La page {page}", "Nos conseils pratiques, publiés chaque semaine"),
        photo=dict.fromkeys(PHOTO_GUIDELINES, True),
        contact=CONTACT,
    )
    when = paris(t.base - timedelta(days=29), 9, 10)
    profile = SocialProfile(
        owner_id=t.user.id, network=network, headline=draft.headline, summary=draft.summary,
        experience=[vars(e) for e in experience], featured=list(draft.featured),
        photo=dict(draft.photo), contact=dict(draft.contact), created_at=when, updated_at=when,
    )  # fmt: skip
    if t.checked(profile, check_profile(t.doc, draft), when):
        profile.first_passed_at = when
    session.add(profile)
    session.flush()
    if profile.first_passed_at is not None:
        t.journal(when, "save_profile", "social_profiles", profile.id,
                  f"social_profiles:{profile.id}:passed")  # fmt: skip
    report.profiles += 1


def _checklists(session: Session, t: _Trainee, report: SocialSeedReport) -> None:
    """The first network's checklist complete; another one half done (the charter's second
    network, else a personal Facebook account)."""
    first = t.charter.networks[0]
    others = list(t.charter.networks[1:]) or [
        n for n in (SocialNetwork.FACEBOOK, SocialNetwork.INSTAGRAM) if n is not first
    ]
    for network, share, days in ((first, 1.0, 28), (others[0], 0.5, 20)):
        codes = [item.code for item in privacy.items(network)]
        done = {code: i < round(len(codes) * share) for i, code in enumerate(codes)}
        when = paris(t.base - timedelta(days=days), 17, 40)
        complete = privacy.complete(network, done)
        check = SocialPrivacyCheck(owner_id=t.user.id, network=network, done=done,
                                   completed_at=when if complete else None, created_at=when,
                                   updated_at=when)  # fmt: skip
        session.add(check)
        session.flush()
        if complete:
            t.journal(when, "save_checklist", "social_privacy_checks", check.id,
                      f"social_privacy:{network.value}")  # fmt: skip
        report.checklists += 1


def _audience(session: Session, t: _Trainee, report: SocialSeedReport) -> None:
    """Followers and connections per network of the charter, every week from five weeks
    before the base day to it: growing."""
    rows = []
    for index, network in enumerate(t.charter.networks):
        professional = network is SocialNetwork.LINKEDIN
        followers = t.rng.randint(120, 300) if professional else t.rng.randint(60, 200)
        connections = t.rng.randint(180, 450) if professional else 0
        for week in range(6):
            rows.append(SocialNetworkStat(
                owner_id=t.user.id, network=network,
                measured_on=t.base - timedelta(days=35 - 7 * week), followers=followers,
                connections=connections))  # fmt: skip
            followers += t.rng.randint(4, 15) if index == 0 else t.rng.randint(2, 8)
            if professional:
                connections += t.rng.randint(6, 25)
    session.add_all(rows)
    report.stats += len(rows)


# ----------------------------------------------------------------- the content calendar


@dataclass
class _Post:
    """A post planned and its record."""

    plan: PlannedPost
    draft: PostDraft
    record: SocialPost


def _calendar(session: Session, t: _Trainee, report: SocialSeedReport) -> list[SocialPost]:
    """The posts of ``CALENDAR`` with their checks, approvals, publications and
    measurements; the published ones of the first network, in order, are answered."""
    company = t.doc.identity.name
    themes = [THEMES.get(theme) or _fallback(theme, company) for theme in t.charter.themes]
    tags = HASHTAGS.get(company, "")
    networks = t.charter.networks
    planned: list[_Post] = []
    for plan in CALENDAR:
        index = plan.theme % len(themes)
        theme = themes[index]
        day = (t.base if plan.offset < 0 else t.today) + timedelta(days=plan.offset)
        text = theme.texts[plan.text]
        for network in networks[: 2 if plan.cross_post else 1]:
            draft = PostDraft(
                network=network, theme=t.charter.themes[index],
                text=f"{text}\n\n{tags}" if tags else text, media_description=theme.media,
                objective=theme.objective, planned_on=day, interlocutor=theme.interlocutor,
            )  # fmt: skip
            record = SocialPost(
                owner_id=t.user.id, network=network, planned_on=day, objective=draft.objective,
                interlocutor=draft.interlocutor, theme=draft.theme, text=draft.text,
                media_description=draft.media_description, status=plan.status,
            )  # fmt: skip
            planned.append(_Post(plan, draft, record))
    personal = _personal(session, t, [p.draft for p in planned])
    # The confidentiality of a text and its visual, whatever its network and day.
    confidential: dict[tuple[str, str], list[Finding]] = {}
    for post in planned:
        key = (post.draft.text, post.draft.media_description)
        if key not in confidential:
            confidential[key] = check_confidentiality(t.doc, post.draft, personal or PersonalData())
        _check_post(t, post, planned, confidential[key])
    session.add_all([p.record for p in planned])
    session.flush()
    kpis = []
    for post in planned:
        if post.record.approved_at is not None and post.record.passed:
            approved = post.record.approved_at
            t.journal(approved, "approve_post", "social_posts", post.record.id,
                      f"social_posts:{post.record.id}:approved")  # fmt: skip
        if post.plan.status is PostStatus.PUBLISHED:
            kpis += _measures(t, post)
    session.add_all(kpis)
    report.posts += len(planned)
    report.kpis += len(kpis)
    return [
        p.record
        for p in planned
        if p.plan.status is PostStatus.PUBLISHED and p.record.network is networks[0]
    ]


def _personal(session: Session, t: _Trainee, drafts: list[PostDraft]) -> PersonalData | None:
    """What the posts' confidentiality checks need of the file: nothing when all of the
    trainee's texts together show nobody of it (and nothing else to report: each text's own
    check then finds what it finds without the file), else the file's people."""
    personal = personal_data(session, t.user.id)
    texts = list(dict.fromkeys(d.text for d in drafts))
    media = list(dict.fromkeys(d.media_description for d in drafts))
    together = PostDraft(
        network=drafts[0].network,
        theme=drafts[0].theme,
        text=SEPARATOR.join(texts),
        media_description=SEPARATOR.join(media),
    )
    found = check_confidentiality(t.doc, together, personal)
    return None if all(f.severity == "ok" for f in found) else personal


def _check_post(t: _Trainee, post: _Post, planned: list[_Post],
                confidential: list[Finding]) -> None:  # fmt: skip
    """Both checks of a post as the posts' service runs them (the consistency, the frequency
    counting the posts of its week on its network, cancelled ones left out, this one once;
    then its ``confidential``ity's findings), and its life
    dated: written a week before its day (the coming ones: the day before the base day),
    approved two days before it, published on it, cancelled the day before."""
    record, day = post.record, post.draft.planned_on
    assert day is not None
    first, last = iso_week(day)
    in_week = 1 + sum(
        1
        for other in planned
        if other is not post
        and other.plan.status is not PostStatus.CANCELLED
        and other.record.network is record.network
        and first <= other.record.planned_on <= last
    )
    findings = check_consistency(t.doc, post.draft, posts_in_week=in_week)
    findings += confidential
    ahead = day >= t.today
    written = paris(min(day - timedelta(days=7), t.base - timedelta(days=1)), 14, 5)
    status = post.plan.status
    approved = None
    if status in (PostStatus.APPROVED, PostStatus.PUBLISHED):
        approved = paris(t.base - timedelta(days=1) if ahead else day - timedelta(days=2), 17, 20)
    t.checked(record, findings, approved or written)
    record.approved_at = approved
    record.created_at = written
    record.updated_at = approved or written
    record.version = {P.DRAFT: 1, P.APPROVED: 2, P.PUBLISHED: 3, P.CANCELLED: 2}[status]
    if status is PostStatus.PUBLISHED:
        record.published_on = day
        record.updated_at = paris(day, 12, 0)
    elif status is PostStatus.CANCELLED:
        record.updated_at = paris(day - timedelta(days=1), 10, 0)


def _measures(t: _Trainee, post: _Post) -> list[SocialPostKpi]:
    """A published post's figures the day after its publication and a week after (or on the
    base day): the latest are its figures. The post a lead and a meeting came from says so."""
    record = post.record
    published_on = record.published_on
    assert published_on is not None
    professional = record.network is SocialNetwork.LINKEDIN
    impressions = t.rng.randint(250, 900) if professional else t.rng.randint(120, 400)
    days = sorted({published_on + timedelta(days=1),
                   min(published_on + timedelta(days=7), t.base)})  # fmt: skip
    order = [p for p in CALENDAR if p.status is PostStatus.PUBLISHED].index(post.plan)
    first_network = record.network is t.charter.networks[0]
    out = []
    for n, day in enumerate(days):
        seen = round(impressions * (1.0 if n == 0 else t.rng.uniform(1.5, 1.9)))
        out.append(SocialPostKpi(
            owner_id=t.user.id, post_id=record.id, measured_on=day, impressions=seen,
            reactions=round(seen * t.rng.uniform(0.025, 0.06)),
            comments=round(seen * t.rng.uniform(0.003, 0.01)),
            shares=round(seen * t.rng.uniform(0.001, 0.005)),
            clicks=round(seen * t.rng.uniform(0.006, 0.015)),
            followers_gained=t.rng.randint(0, 2) + 2 * n,
            qualified_contacts=int(first_network and n > 0 and order in (LEAD_POST, MEETING_POST)),
            appointments=int(first_network and n > 0 and order == MEETING_POST),
        ))  # fmt: skip
    return out


# ----------------------------------------------------------------- social actions


def _candidates(session: Session, t: _Trainee, since: datetime) -> list[Prospect]:
    """Prospects of the file a social action may reach: companies still to win, not
    anonymised and without objection, last contacted before the first action (the actions
    are their latest exchanges), those in the case's segments first."""
    found = list(session.scalars(
        select(Prospect).where(
            Prospect.owner_id == t.user.id,
            Prospect.kind == ProspectKind.COMPANY,
            Prospect.status.in_((ProspectStatus.SUSPECT, ProspectStatus.PROSPECT)),
            Prospect.anonymised.is_(False),
            Prospect.objected_at.is_(None),
            Prospect.created_at < since,
            Prospect.last_contact_at.is_(None) | (Prospect.last_contact_at < since),
        ).order_by(Prospect.id)
    ))  # fmt: skip
    t.rng.shuffle(found)
    found.sort(key=lambda p: not segments.matching(t.doc, p))
    return found


def _contacts(session: Session, prospects: Sequence[Prospect]) -> dict[int, int]:
    """A contact of each company who may be reached (not anonymised, no objection)."""
    rows = session.execute(
        select(Contact.prospect_id, Contact.id)
        .where(Contact.prospect_id.in_([p.id for p in prospects]),
               Contact.anonymised_at.is_(None), Contact.objected_at.is_(None))
        .order_by(Contact.id)
    )  # fmt: skip
    out: dict[int, int] = {}
    for prospect_id, contact_id in rows:
        out.setdefault(prospect_id, contact_id)
    return out


def _slot(session: Session, t: _Trainee) -> datetime:
    """A free hour for a meeting on a working day, from three days after today."""
    day = t.today + timedelta(days=3)
    while True:
        if is_working_day(day):
            taken = [(_aware(s), timedelta(minutes=m)) for s, m in session.execute(
                select(Appointment.starts_at, Appointment.duration_minutes).where(
                    Appointment.owner_id == t.user.id, Appointment.starts_at >= paris(day, 0),
                    Appointment.starts_at < paris(day, 23)))]  # fmt: skip
            for hour, minute in SLOTS:
                start = paris(day, hour, minute)
                end = start + timedelta(minutes=MEETING_MINUTES)
                if all(s + length <= start or s >= end for s, length in taken):
                    return start
        day += timedelta(days=1)


def _actions(session: Session, t: _Trainee, report: SocialSeedReport,
             published: list[SocialPost]) -> None:  # fmt: skip
    """The actions of ``ACTIONS`` (one or two of the optional ones), each recorded as an
    exchange of the prospect file by the domain's service, then dated to when it happened."""
    optional = [a for a in ACTIONS if a.optional]
    drawn = set(t.rng.sample(range(len(optional)), t.rng.randint(1, 2)))
    planned = [a for a in ACTIONS if not a.optional or optional.index(a) in drawn]
    first = paris(t.base + timedelta(days=planned[0].offset), *planned[0].clock)
    pool = _candidates(session, t, first)
    contacts = _contacts(session, pool)
    settings = get_settings()
    started = datetime.now(UTC) - timedelta(seconds=1)
    chosen: dict[str, Prospect] = {}
    for plan in planned:
        if plan.who not in chosen:
            if not pool:
                break
            chosen[plan.who] = pool.pop(0)
        prospect = chosen[plan.who]
        at = paris(t.base + timedelta(days=plan.offset), *plan.clock)
        post = None
        if plan.post is not None and plan.post < len(published):
            post = published[plan.post]
        meeting = None
        if plan.outcome is R.APPOINTMENT:
            meeting = AppointmentDraft(
                starts_at=_slot(session, t), duration_minutes=MEETING_MINUTES
            )
        data = SocialActionCreate(
            network=t.charter.networks[0], kind=plan.kind, outcome=plan.outcome, occurred_at=at,
            contact_id=contacts.get(prospect.id), post_id=post.id if post else None,
            notes=plan.notes, appointment=meeting,
            next_contact_on=at.date() + timedelta(days=plan.next_in) if plan.next_in else None,
        )  # fmt: skip
        updated = max(_aware(prospect.updated_at), at)
        recorded = actions.record_action(session, t.principal, settings, prospect, data)
        _date_exchange(session, recorded.action.id, prospect, at, updated, started)
        t.journal(at, "create_social_action", "social_actions", recorded.action.id,
                  f"social_actions:{recorded.action.id}", recorded.criteria)  # fmt: skip
        report.actions += 1


def _date_exchange(session: Session, action_id: int, prospect: Prospect, at: datetime,
                   updated: datetime, started: datetime) -> None:  # fmt: skip
    """Date an action and what its exchange wrote in the file (the exchange, the appointment
    it set, the status change it made: those written since ``started``) to when it
    happened; the prospect's record was last updated then (or ``updated``, later)."""
    action = session.get_one(SocialAction, action_id)
    action.created_at = action.updated_at = at
    if action.interaction_id is not None:
        interaction = session.get_one(Interaction, action.interaction_id)
        interaction.created_at = at
        if action.outcome is R.APPOINTMENT:
            for appointment in session.scalars(
                select(Appointment).where(Appointment.interaction_id == interaction.id)
            ):
                appointment.created_at = appointment.updated_at = at
    if action.outcome in (R.ACCEPTED, R.LEAD, R.APPOINTMENT, R.REPLIED):
        for change in session.scalars(
            select(ProspectStatusChange).where(
                ProspectStatusChange.prospect_id == prospect.id,
                ProspectStatusChange.changed_at >= started,
            )
        ):
            change.changed_at = at
    prospect.updated_at = updated


# ----------------------------------------------------------------- presentations


def _presentations(session: Session, t: _Trainee, report: SocialSeedReport) -> None:
    """Two presentations of the catalogue's first products, each with two variants drafted
    from the case by the library (``presentations.library``: a presentation or a variant sent
    without a text is drafted, then checked), dated back. A drafted text shows nothing until
    the trainee rewrites it: no evidence."""
    references = [p.reference for p in t.doc.catalogue.products[:2]]
    for title, kind, (first, second), days in PRESENTATIONS:
        created, _ = library.create_presentation(session, t.principal, PresentationCreate(
            title=f"{title} — {t.doc.identity.name}"[:200], kind=kind, references=references,
            variant=VariantCreate(interlocutor=first)))  # fmt: skip
        presentation_id = created.presentation.id
        library.add_variant(
            session, t.principal, presentation_id, VariantCreate(interlocutor=second)
        )
        when = paris(t.base - timedelta(days=days), 10, 30)
        presentation = session.get_one(Presentation, presentation_id)
        presentation.created_at = presentation.updated_at = when
        for variant in session.scalars(select(PresentationVariant).where(
                PresentationVariant.presentation_id == presentation_id)):  # fmt: skip
            variant.created_at = variant.updated_at = variant.checked_at = when
            report.variants += 1
        report.presentations += 1


# ----------------------------------------------------------------- evidence


def _journal(session: Session, org: Organisation, t: _Trainee) -> int:
    """What the routes would have journaled for these writes, once per key, dated by them
    (nothing before the trainee's cohort began, as ``seed/evidence.py``)."""
    ops = operations()
    catalogue = get_catalogue()
    cohort = session.get(Cohort, t.user.cohort_id) if t.user.cohort_id else None
    since = (
        datetime.combine(cohort.starts_on, time(), tzinfo=UTC)
        if cohort and cohort.starts_on
        else None
    )
    rows: dict[str, dict[str, Any]] = {}
    links: dict[str, list[str]] = {}
    for when, action, table, ident, subject, extra in sorted(t.evidence):
        if since is not None and when < since:
            continue
        op = ops[action]
        codes = catalogue.credited([*op.codes, *extra])
        key = evidence_key(action, subject, codes)
        if key in rows:
            continue
        rows[key] = {
            "organisation_id": org.id, "trainee_id": t.user.id, "action": action,
            "label": op.label, "method": op.method, "route": op.path, "resource_type": table,
            "resource_id": ident, "framework_version": catalogue.version, "request_id": None,
            "created_at": when, "dedupe_key": key,
        }  # fmt: skip
        links[key] = codes
    if not rows:
        return 0
    ids = session.scalars(
        insert(EvidenceRecord).returning(EvidenceRecord.id, sort_by_parameter_order=True),
        list(rows.values()),
    ).all()
    session.execute(
        insert(EvidenceLink),
        [
            {"evidence_id": record_id, "code": code}
            for record_id, key in zip(ids, rows, strict=True)
            for code in links[key]
        ],
    )
    return len(rows)
