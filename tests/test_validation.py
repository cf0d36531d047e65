"""Identifier validation: the fast paths agree with the libraries that are the authority."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email

from app.prospects import validation as v


def library_phone(value: str) -> str | None:
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def ours(function, value: str) -> str | None:
    try:
        return function(value)
    except ValueError:
        return None


def test_phone_agrees_with_libphonenumber_on_a_random_corpus() -> None:
    rng = random.Random(42)
    corpus = []
    for _ in range(20_000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.choice([8, 9, 9, 9, 10])))
        head = rng.choice(["0", "+33", "0033", "+33 ", "", "+32", "+1"])
        sep = rng.choice(["", " ", ".", "-"])
        body = sep.join(digits[i : i + 2] for i in range(0, len(digits), 2))
        corpus.append(head + body)
    corpus += ["06 12 34 56 78", "+33 (0)6 12 34 56 78", "04.78.12.34.56", "0033612345678",
               "+33 465 71 12 34", "06 39 98 12 34", "+44 20 7946 0958", "abc", ""]  # fmt: skip
    disagreements = [p for p in corpus if ours(v.phone, p) != library_phone(p)]
    assert disagreements == []
    assert sum(library_phone(p) is not None for p in corpus) > 2_000  # both kinds are covered


def library_email(value: str) -> str | None:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def test_email_agrees_with_email_validator_on_a_random_corpus() -> None:
    rng = random.Random(7)
    alphabet = "abcxyz0129.-_+@ éA"
    corpus = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 25))) for _ in range(10_000)
    ]

    def part(chars: str, low: int, high: int) -> str:
        return "".join(rng.choice(chars) for _ in range(rng.randint(low, high)))

    for _ in range(10_000):  # shaped like addresses, with the usual mistakes sprinkled in
        local = part("abcxyz019._+-A", 1, 20)
        labels = [part("abcz09-", 1, 12) for _ in range(rng.randint(1, 3))]
        tld = rng.choice(["fr", "com", "example", "test", "f", "c0m", "Org", ""])
        corpus.append(f"{local}@{'.'.join([*labels, tld])}")
    corpus += [f"{a}@{b}" for a, b in zip(["jean.dupont", "j..d", ".j", "j.", "Jean+news", "a" * 65, "x"],
                                           ["orange.fr", "x.fr", "x.fr", "x.fr", "Gmail.COM", "x.fr", "x.test"], strict=True)]  # fmt: skip
    corpus += ["contact@boulangerie-martin.example", "a@-x.fr", "a@x-.fr", "a@x.f", "a@x.123",
               "élodie@exemple.fr", "a@localhost", "a@x.local", " Jean@Exemple.FR "]  # fmt: skip
    disagreements = [e for e in corpus if ours(v.email, e) != library_email(e)]
    assert disagreements == []
    assert sum(library_email(e) is not None for e in corpus) > 2_000


@pytest.mark.parametrize(
    ("value", "expected"),
    [("06 12 34 56 78", "+33612345678"), ("+33 4 78 12 34 56", "+33478123456"),
     ("0033 1 99 00 12 34", "+33199001234"), ("+32 2 555 12 12", "+3225551212")],
)  # fmt: skip
def test_phone_spellings(value: str, expected: str) -> None:
    assert v.phone(value) == expected
