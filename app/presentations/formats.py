"""The limits of each presentation kind and channel, as data with their sources
(docs/design/020-company-image-social-selling.md, "Presentations", rule 2).

- Oral channels (face to face, phone, video, trade fair) are timed: a text is said at
  ``WORDS_PER_MINUTE`` (150), the middle of French conversational speech (130 to 160 words
  a minute), so 75 words take 30 s.
- Each kind has its spoken duration (``SPOKEN_LIMITS``): the elevator pitch lasts the lift's
  ride, 20 to 40 s (target 30 s); a phone introduction wins the right to go on within 45 s; a
  trade-fair pitch holds a passing visitor for a minute at most; the company's presentation at
  a visit opens the interview and stays under 5 min. The introduction e-mail is read, not
  spoken: on an oral channel it is held to the e-mail's word limit.
- E-mail: a subject is required and keeps to 60 characters (what a phone's inbox shows before
  cutting it); the body stays under 200 words (read in a minute on screen).
- Social post: LinkedIn takes 3,000 characters; its first 210 characters are the hook shown
  before "voir plus", where the benefit must be.
- Which channels fit a kind (``CHANNELS``) is advice: an introduction e-mail said on the phone
  is odd, not wrong. The first channel of each kind is its default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.models import PresentationChannel, PresentationKind

#: French speech, 130–160 words a minute: the middle of the range.
WORDS_PER_MINUTE = 150
ORAL_CHANNELS = frozenset(
    {
        PresentationChannel.FACE_TO_FACE,
        PresentationChannel.PHONE,
        PresentationChannel.VIDEO,
        PresentationChannel.TRADE_FAIR,
    }
)
#: An e-mail's subject: required, cut beyond 60 characters on a phone's inbox.
EMAIL_SUBJECT_MAX_CHARS = 60
#: An e-mail's body: read in about a minute.
EMAIL_BODY_MAX_WORDS = 200
#: A LinkedIn post's maximum length.
SOCIAL_POST_MAX_CHARS = 3000
#: What LinkedIn shows of a post before "voir plus": the hook.
SOCIAL_HOOK_CHARS = 210


@dataclass(frozen=True)
class SpokenLimit:
    """A kind's spoken duration in seconds: at least ``min_seconds``, at most
    ``max_seconds``, ideally ``target_seconds``."""

    max_seconds: int
    min_seconds: int = 0
    target_seconds: int | None = None


SPOKEN_LIMITS: dict[PresentationKind, SpokenLimit] = {
    PresentationKind.ELEVATOR_PITCH: SpokenLimit(max_seconds=40, min_seconds=20, target_seconds=30),
    PresentationKind.PHONE_INTRODUCTION: SpokenLimit(max_seconds=45),
    PresentationKind.TRADE_FAIR_PITCH: SpokenLimit(max_seconds=60),
    PresentationKind.VISIT_PRESENTATION: SpokenLimit(max_seconds=300),
}
"""The spoken kinds; ``email_introduction`` is read, not spoken."""

CHANNELS: dict[PresentationKind, tuple[PresentationChannel, ...]] = {
    PresentationKind.ELEVATOR_PITCH: (
        PresentationChannel.FACE_TO_FACE,
        PresentationChannel.TRADE_FAIR,
        PresentationChannel.VIDEO,
        PresentationChannel.PHONE,
        PresentationChannel.SOCIAL_POST,
    ),
    PresentationKind.PHONE_INTRODUCTION: (PresentationChannel.PHONE, PresentationChannel.VIDEO),
    PresentationKind.VISIT_PRESENTATION: (
        PresentationChannel.FACE_TO_FACE,
        PresentationChannel.VIDEO,
    ),
    PresentationKind.TRADE_FAIR_PITCH: (
        PresentationChannel.TRADE_FAIR,
        PresentationChannel.FACE_TO_FACE,
        PresentationChannel.SOCIAL_POST,
    ),
    PresentationKind.EMAIL_INTRODUCTION: (
        PresentationChannel.EMAIL,
        PresentationChannel.SOCIAL_POST,
    ),
}
"""The channels each kind fits, its default first (advice, not a rule)."""

KIND_LABELS: dict[PresentationKind, str] = {
    PresentationKind.ELEVATOR_PITCH: "pitch éclair",
    PresentationKind.PHONE_INTRODUCTION: "présentation téléphonique",
    PresentationKind.VISIT_PRESENTATION: "présentation en visite",
    PresentationKind.TRADE_FAIR_PITCH: "pitch de salon",
    PresentationKind.EMAIL_INTRODUCTION: "e-mail de présentation",
}
CHANNEL_LABELS: dict[PresentationChannel, str] = {
    PresentationChannel.FACE_TO_FACE: "en face à face",
    PresentationChannel.PHONE: "au téléphone",
    PresentationChannel.VIDEO: "en visioconférence",
    PresentationChannel.EMAIL: "par e-mail",
    PresentationChannel.SOCIAL_POST: "en publication sur un réseau social",
    PresentationChannel.TRADE_FAIR: "sur un salon",
}

#: A word: a run of non-space characters holding at least one letter or digit
#: ("l'entreprise" is one, "—" and "€" alone are none).
_WORD = re.compile(r"\S*?[^\W_]\S*")


def words(text: str) -> list[re.Match[str]]:
    """The words of ``text`` with their places."""
    return list(_WORD.finditer(text))


def word_count(text: str) -> int:
    """How many words ``text`` has (see ``words``)."""
    return len(words(text))


def seconds_for(count: int) -> int:
    """The time ``count`` words take to say at ``WORDS_PER_MINUTE``, rounded to the second."""
    return (count * 60 * 2 + WORDS_PER_MINUTE) // (2 * WORDS_PER_MINUTE)


def spoken_seconds(text: str) -> int:
    """The time ``text`` takes to say at ``WORDS_PER_MINUTE`` (150: 75 words, 30 s)."""
    return seconds_for(word_count(text))


def max_words_for(seconds: int) -> int:
    """The most words said within ``seconds`` (rounded like ``spoken_seconds``)."""
    count = seconds * WORDS_PER_MINUTE // 60
    while seconds_for(count + 1) <= seconds:
        count += 1
    return count


def is_oral(channel: PresentationChannel) -> bool:
    return channel in ORAL_CHANNELS


def default_channel(kind: PresentationKind) -> PresentationChannel:
    """The channel a kind is usually given on (face to face for a pitch...)."""
    return CHANNELS[kind][0]


def fits(kind: PresentationKind, channel: PresentationChannel) -> bool:
    """Whether ``channel`` is one a kind is usually given on (advice)."""
    return channel in CHANNELS[kind]
