"""The privacy settings a salesperson applies on each network (CP5.6): a checklist per
network, as data. Each item has a code (stored with its state in ``social_privacy_checks``),
a label saying where the setting is and what to choose, and why it matters to someone who
speaks for the company and holds its customers' data. Settings move from one version of a
network to the next: the labels name them as the networks did when this list was written.

A network's check is complete when every item of its list is done; codes that are not in the
list are the caller's error (``unknown_codes``), never counted as done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.models import SocialNetwork


@dataclass(frozen=True)
class ChecklistItem:
    """One setting to apply: ``code`` (stable), ``label`` (what to set, in French), ``why``."""

    code: str
    label: str
    why: str


_TWO_STEP = ChecklistItem(
    "two_step_verification",
    "Vérification en deux étapes activée (application d'authentification plutôt que SMS)",
    "Un compte volé parle au nom de l'entreprise et ouvre vos messages avec les clients.",
)
_META_AI = ChecklistItem(
    "ai_training_objection",
    "Opposition envoyée à l'utilisation de vos données pour l'IA de Meta (Espace Comptes)",
    "Vos publications et vos échanges ne servent pas à entraîner des modèles sans votre accord.",
)

CHECKLISTS: dict[SocialNetwork, tuple[ChecklistItem, ...]] = {
    SocialNetwork.LINKEDIN: (
        ChecklistItem(
            "profile_visibility_off_linkedin",
            "Visibilité du profil en dehors de LinkedIn limitée (nom, titre et photo seulement)",
            "Les moteurs de recherche n'indexent pas votre parcours ni vos coordonnées.",
        ),
        ChecklistItem(
            "connections_visibility",
            "Liste de vos relations visible par vous seulement",
            "Vos relations sont les clients et les prospects de l'entreprise : un concurrent "
            "y lirait votre portefeuille.",
        ),
        ChecklistItem(
            "email_visibility",
            "Adresse e-mail visible par vos relations seulement, ou par personne",
            "Une adresse visible de tous est collectée par des robots et revendue.",
        ),
        ChecklistItem(
            "phone_hidden",
            "Numéro de téléphone personnel retiré de vos coordonnées",
            "Votre numéro se donne à un prospect qui le demande, pas au réseau entier.",
        ),
        ChecklistItem(
            "profile_updates_off",
            "« Partager les modifications du profil avec votre réseau » désactivé avant de "
            "changer de poste",
            "Un changement de poste s'annonce quand l'entreprise le décide, pas à chaque "
            "retouche du profil.",
        ),
        ChecklistItem(
            "generative_ai_off",
            "« Données pour l'amélioration de l'IA générative » désactivé",
            "Votre profil, vos publications et vos messages avec les clients n'entraînent pas "
            "les modèles de LinkedIn.",
        ),
        _TWO_STEP,
        ChecklistItem(
            "mentions_reviewed",
            "Mentions et identifications par d'autres membres : autorisées par vos relations "
            "seulement, et relues",
            "Vous savez où votre nom, donc celui de l'entreprise, apparaît.",
        ),
        ChecklistItem(
            "active_status",
            "Statut en ligne visible par vos relations seulement",
            "Votre disponibilité ne se lit pas de l'extérieur de votre réseau.",
        ),
    ),
    SocialNetwork.FACEBOOK: (
        ChecklistItem(
            "default_audience_friends",
            "Audience par défaut de vos publications : Amis",
            "Votre vie privée reste privée ; ce qui parle de l'entreprise passe par sa page.",
        ),
        ChecklistItem(
            "friends_list_only_me",
            "Liste d'amis visible par vous seulement",
            "Des clients parmi vos amis ne se devinent pas depuis votre profil.",
        ),
        ChecklistItem(
            "contact_info_only_me",
            "Adresse e-mail et numéro de téléphone visibles par vous seulement",
            "Vos coordonnées personnelles ne servent ni aux robots ni au démarchage.",
        ),
        ChecklistItem(
            "search_engines_off",
            "Profil non référencé par les moteurs de recherche extérieurs",
            "Votre profil personnel n'apparaît pas quand un client cherche l'entreprise.",
        ),
        ChecklistItem(
            "tag_review_on",
            "Examen des identifications avant leur publication sur votre profil activé",
            "Une photo d'un chantier ou d'un client ne s'affiche pas sans que vous l'ayez vue.",
        ),
        ChecklistItem(
            "contacts_upload_off",
            "Importation continue des contacts du téléphone désactivée",
            "Les numéros de vos clients ne partent pas chez un tiers : c'est un transfert de "
            "données personnelles.",
        ),
        _META_AI,
        _TWO_STEP,
    ),
    SocialNetwork.INSTAGRAM: (
        ChecklistItem(
            "personal_account_private",
            "Compte personnel en privé, distinct du compte professionnel",
            "Ce que vous montrez de votre vie ne se mêle pas à l'image de l'entreprise.",
        ),
        ChecklistItem(
            "tags_manual_approval",
            "Identifications approuvées manuellement",
            "Rien ne s'affiche sur votre profil sans votre accord.",
        ),
        ChecklistItem(
            "mentions_limited",
            "Mentions autorisées par les personnes que vous suivez seulement",
            "Un inconnu ne vous associe pas à un contenu qui engage l'entreprise.",
        ),
        ChecklistItem(
            "activity_status_off",
            "Statut d'activité masqué",
            "Votre disponibilité ne se lit pas de l'extérieur.",
        ),
        ChecklistItem(
            "contact_buttons_company",
            "Boutons de contact du compte professionnel : adresse et numéro de l'entreprise",
            "Vos coordonnées personnelles ne s'affichent pas sur un compte public.",
        ),
        ChecklistItem(
            "contacts_sync_off",
            "Synchronisation des contacts du téléphone désactivée",
            "Les numéros de vos clients ne partent pas chez un tiers.",
        ),
        _META_AI,
        _TWO_STEP,
    ),
    SocialNetwork.X: (
        ChecklistItem(
            "discoverable_by_email_off",
            "« Permettre aux autres de vous trouver grâce à votre adresse e-mail » désactivé",
            "Votre adresse ne relie pas votre compte à votre identité.",
        ),
        ChecklistItem(
            "discoverable_by_phone_off",
            "« Permettre aux autres de vous trouver grâce à votre numéro » désactivé",
            "Votre numéro ne relie pas votre compte à votre identité.",
        ),
        ChecklistItem(
            "contacts_sync_off",
            "Synchronisation du carnet d'adresses désactivée, contacts importés supprimés",
            "Les numéros de vos clients ne partent pas chez un tiers.",
        ),
        ChecklistItem(
            "photo_tagging_limited",
            "Identification sur les photos : personne, ou vos abonnements seulement",
            "Vous n'êtes pas associé à une image que vous n'avez pas choisie.",
        ),
        ChecklistItem(
            "precise_location_off",
            "Localisation précise des publications désactivée",
            "Une publication ne dit pas chez quel client vous êtes.",
        ),
        ChecklistItem(
            "grok_training_off",
            "Partage de vos publications et interactions avec Grok pour l'entraînement désactivé",
            "Vos échanges ne servent pas à entraîner des modèles sans votre accord.",
        ),
        ChecklistItem(
            "dm_quality_filter_on",
            "Filtre des messages privés de faible qualité activé",
            "Les prospects vous écrivent, les messages indésirables sont mis de côté.",
        ),
        _TWO_STEP,
    ),
    SocialNetwork.YOUTUBE: (
        ChecklistItem(
            "brand_account",
            "Chaîne de l'entreprise gérée par un compte de marque, distinct de votre compte "
            "personnel",
            "Votre compte personnel ne porte pas la chaîne, ni ne la perd si vous partez.",
        ),
        ChecklistItem(
            "subscriptions_private",
            "Abonnements privés",
            "Vos centres d'intérêt ne se lisent pas depuis la chaîne.",
        ),
        ChecklistItem(
            "playlists_private",
            "Playlists et vidéos « J'aime » privées",
            "Ce que vous regardez reste à vous.",
        ),
        ChecklistItem(
            "business_email_company",
            "Adresse e-mail pour les demandes professionnelles : une adresse générique de "
            "l'entreprise",
            "Une adresse nominative publiée reçoit démarchage et hameçonnage.",
        ),
        ChecklistItem(
            "comments_held_for_review",
            "Commentaires potentiellement inappropriés retenus pour examen",
            "Un commentaire qui cite un client ou dénigre un concurrent ne s'affiche pas sous "
            "la vidéo de l'entreprise.",
        ),
        ChecklistItem(
            "third_party_training_off",
            "« Autoriser l'entraînement par des tiers » désactivé (YouTube Studio)",
            "Les vidéos de l'entreprise n'entraînent pas les modèles d'autres sociétés.",
        ),
        _TWO_STEP,
    ),
    SocialNetwork.TIKTOK: (
        ChecklistItem(
            "suggest_account_off",
            "« Suggérer votre compte à d'autres » désactivé (contacts, amis Facebook, liens)",
            "Vos contacts, dont des clients, ne voient pas votre compte proposé.",
        ),
        ChecklistItem(
            "contacts_sync_off",
            "Synchronisation des contacts et des amis Facebook désactivée",
            "Les numéros de vos clients ne partent pas chez un tiers.",
        ),
        ChecklistItem(
            "following_list_private",
            "Liste des abonnements visible par vous seulement",
            "Vos centres d'intérêt et vos relations ne se lisent pas depuis votre compte.",
        ),
        ChecklistItem(
            "duet_stitch_limited",
            "Duo et Collage limités à vos amis, ou désactivés",
            "Une vidéo de l'entreprise n'est pas reprise et détournée.",
        ),
        ChecklistItem(
            "downloads_off",
            "Téléchargement de vos vidéos désactivé",
            "Une vidéo retirée ne continue pas de circuler.",
        ),
        ChecklistItem(
            "comment_filters_on",
            "Filtres des commentaires activés (mots-clés, indésirables)",
            "Ce qui s'affiche sous une vidéo engage l'entreprise.",
        ),
        ChecklistItem(
            "activity_status_off",
            "Statut d'activité masqué",
            "Votre disponibilité ne se lit pas de l'extérieur.",
        ),
        _TWO_STEP,
    ),
}


def items(network: SocialNetwork) -> list[ChecklistItem]:
    """The checklist of a network, in the order to apply it."""
    return list(CHECKLISTS[network])


def state(network: SocialNetwork, done: Mapping[str, bool]) -> list[dict[str, str | bool]]:
    """Each item of the network's checklist with ``done`` (a missing code is not done);
    unknown codes are left out (``unknown_codes`` names them)."""
    return [
        {"code": i.code, "label": i.label, "why": i.why, "done": done.get(i.code) is True}
        for i in CHECKLISTS[network]
    ]


def unknown_codes(network: SocialNetwork, done: Mapping[str, bool]) -> list[str]:
    """The codes of ``done`` that are not items of the network's checklist, sorted."""
    known = {i.code for i in CHECKLISTS[network]}
    return sorted(code for code in done if code not in known)


def complete(network: SocialNetwork, done: Mapping[str, bool]) -> bool:
    """Every item of the network's checklist is done (unknown codes change nothing)."""
    return all(done.get(i.code) is True for i in CHECKLISTS[network])
