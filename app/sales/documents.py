"""A quote as a document: HTML from the shared templates (``app/templates/quote.html.j2``),
PDF by WeasyPrint from that HTML. The figures are the calculation's (``quotes.computed_of``),
the same as the API's; the mentions are those of a French quote (seller's identity with
SIREN and TVA number, client, dates, lines and totals per TVA rate, payment terms and
escompte; for a business client the late-payment penalty rate and the 40 € recovery
indemnity; for a consumer signing off premises the 14-day withdrawal right and its form) and
the products' eco information."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import LEGAL_FORM_LABELS, BusinessCaseDocument
from app.common.clock import utcnow
from app.config import get_settings, today_local
from app.core.templates import template_environment
from app.models import (
    Appointment,
    BusinessCaseVersion,
    InterviewReport,
    Prospect,
    Quote,
    QuoteStatus,
)
from app.sales import quotes
from app.sales.calculations import fmt, money, rate

MEDIA_TYPES = {"html": "text/html", "pdf": "application/pdf"}
LABELS = {
    "none": "aucun", "low": "faible", "medium": "moyen", "high": "élevé",
    "order": "commande", "quote": "devis", "new_appointment": "nouveau rendez-vous",
    "trial": "essai", "refusal": "refus", "time_to_think": "temps de réflexion",
    "convinced": "convaincu", "neutral": "neutre", "rejected": "rejeté",
    "price": "prix", "product": "produit", "company": "entreprise", "timing": "moment",
    "competitor": "concurrence", "need": "besoin",
    "securite": "sécurité", "orgueil": "orgueil", "nouveaute": "nouveauté",
    "confort": "confort", "argent": "argent", "sympathie": "sympathie",
    "motor": "motrice", "visual": "visuelle", "hearing": "auditive", "cognitive": "cognitive",
    "psychic": "psychique", "chronic_illness": "maladie chronique", "other": "autre",
    "easy_to_read": "documents en FALC", "large_print": "gros caractères",
    "accessible_place": "lieu accessible", "interpreter": "interprète",
    "more_time": "temps supplémentaire", "companion": "personne accompagnante",
}  # fmt: skip


def _label(value: str) -> str:
    return LABELS.get(value, value)


_ENV = template_environment({"fr": _label})


def _e(value: Decimal) -> str:
    return f"{fmt(money(value))} €"


def _p(value: Decimal) -> str:
    return f"{fmt(value.normalize())} %"


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _eco(eco: dict[str, Any] | None) -> list[str]:
    if not eco:
        return []
    out = []
    if eco.get("repairability_index") is not None:
        out.append(
            f"Indice de réparabilité : {str(eco['repairability_index']).replace('.', ',')}/10"
        )
    if eco.get("spare_parts_years") is not None:
        out.append(f"Pièces détachées disponibles {eco['spare_parts_years']} ans")
    if eco.get("end_of_life"):
        out.append(f"Fin de vie : {eco['end_of_life']}")
    if eco.get("take_back"):
        out.append("Reprise de l'ancien matériel")
    return out


def context(session: Session, quote: Quote) -> dict[str, Any]:
    version = session.get(BusinessCaseVersion, quote.business_case_version_id)
    prospect = session.get(Prospect, quote.prospect_id)
    assert version is not None
    assert prospect is not None
    doc: BusinessCaseDocument = cases.document_of(version)
    computed = quotes.computed_of(session, quote)
    r = computed.result
    identity, policy = doc.identity, doc.policy
    address = identity.address
    business = prospect.kind == "company"
    shown = quotes.shown_status(quote, today_local())
    heading = (
        f"Devis n° {quotes.reference(quote)}" if quote.number else "Projet de devis (non numéroté)"
    )
    status_note = {
        QuoteStatus.DRAFT: "Brouillon : le numéro est donné à l'envoi.",
        QuoteStatus.ACCEPTED: "Devis accepté.",
        QuoteStatus.REFUSED: "Devis refusé.",
        QuoteStatus.EXPIRED: "Devis expiré.",
        QuoteStatus.SUPERSEDED: "Remplacé par une révision.",
    }.get(shown, "")
    escompte_rate = Decimal(quote.escompte_rate)
    return {
        "seller": {
            "name": identity.name,
            "legal_form": LEGAL_FORM_LABELS[identity.legal_form],
            "size": "",
            "address": ", ".join(
                x for x in (address.line, address.line2, f"{address.postcode} {address.city}") if x
            ),
            "siren": identity.siren,
            "siret": identity.siret,
            "tva_number": identity.tva_number,
            "naf_code": identity.naf_code,
        },
        "client": {
            "name": prospect.name,
            "address": ", ".join(
                x
                for x in (
                    prospect.address,
                    " ".join(filter(None, [prospect.postcode, prospect.city])),
                )
                if x
            ),
            "siret": prospect.siret if business else None,
            "kind": "Client professionnel" if business else "Client particulier",
        },
        "q": {
            "heading": heading,
            "date": _day((quote.sent_at or utcnow()).date()),
            "valid_until": _day(quote.valid_until),
            "status_note": status_note,
            "title": quote.title,
            "notes": quote.notes,
        },
        "lines": [
            {
                "reference": meta.product_reference or "",
                "label": meta.label,
                "eco": bool(meta.eco),
                "quantity": fmt(line.quantity.normalize()),
                "unit": meta.unit,
                "unit_price": _e(line.unit_price_ht),
                "discounts": " puis ".join(_p(d.rate or Decimal(0)) for d in line.discounts) or "—",
                "net": _e(line.net_ht),
                "tva_rate": _p(line.tva_rate),
            }
            for meta, line in zip(computed.metas, r.lines, strict=True)
        ],
        # Each product's eco information once (CP6: the client is told of repairability,
        # spare parts, end of life and take-back), not under every line that sells it.
        "eco": [
            {"reference": ref, "label": label, "facts": facts}
            for ref, (label, facts) in {
                meta.product_reference: (meta.label, _eco(meta.eco))
                for meta in computed.metas
                if meta.product_reference and meta.eco
            }.items()
        ],
        "totals": {
            "gross": _e(r.gross_ht),
            "lines_discount": _e(r.lines_discount) if r.lines_discount else "",
            "lines_net": _e(r.lines_net_ht),
            "reductions": [
                {
                    "label": f"{red.label} {_p(red.rate)}" if red.rate is not None else red.label,
                    "amount": _e(red.amount),
                }
                for red in r.reductions
            ],
            "net_commercial": _e(r.net_commercial_ht),
            "escompte_rate": _p(escompte_rate),
            "escompte": _e(r.escompte) if r.escompte else "",
            "net_financial": _e(r.net_financial_ht),
            "tva": [{"rate": _p(t.rate), "base": _e(t.base_ht), "tva": _e(t.tva)} for t in r.tva],
            "ttc": _e(r.total_ttc),
        },
        "terms": {
            "payment": f"à {policy.payment_terms_days} jours à compter de la date de facture."
            if policy.payment_terms_days
            else "comptant, à réception de la facture.",
            "escompte": f"{_p(escompte_rate)} pour paiement anticipé (déjà déduit ci-dessus)."
            if escompte_rate
            else "pas d'escompte pour paiement anticipé.",
            "delivery": policy.delivery_terms,
            "business": business,
            "late_rate": f"de {_p(Decimal(policy.late_payment_rate))} l'an"
            if policy.late_payment_rate is not None
            else "directeur de la Banque centrale européenne majoré de 10 points",
            "withdrawal": (not business) and quote.off_premises,
        },
        "effective_discount": rate(r.effective_discount),
    }


def html(session: Session, quote: Quote) -> str:
    return _ENV.get_template("quote.html.j2").render(**context(session, quote))


def _no_fetch() -> Any:
    """The quote's HTML holds no outside resource; WeasyPrint is told to fetch none (its
    fetcher object, for data: URIs only: a plain function that raises breaks WeasyPrint 70's
    error handling)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def pdf(session: Session, quote: Quote) -> bytes:
    from weasyprint import HTML  # a heavy import, only where a PDF is written

    return bytes(HTML(string=html(session, quote), url_fetcher=_no_fetch()).write_pdf())


def filename(quote: Quote, fmt_: str) -> str:
    stem = quotes.reference(quote) or f"projet-devis-{quote.id}"
    return f"{stem.replace(' ', '-').replace('é', 'e').replace('.', '')}.{fmt_}"


# ----------------------------------------------------------------- the interview report


def report(session: Session, r: InterviewReport, format_: str) -> bytes | str:
    """The report as HTML, or as PDF from that HTML."""
    from app.sales import interviews

    appointment = session.get(Appointment, r.appointment_id)
    assert appointment is not None
    prospect = session.get(Prospect, appointment.prospect_id)
    assert prospect is not None
    data = interviews.report_out(session, r)
    # The eco information of the products argued (the client is told of it: CP6).
    doc = interviews.document_for(session, r.owner_id, r.opportunity_id)
    eco = []
    for ref in dict.fromkeys(a.get("product_reference") for a in data["arguments_used"]):
        product = doc.product(ref) if doc and ref else None
        if product is not None and product.eco is not None:
            eco.append({"reference": ref, "label": product.label,
                        "facts": _eco(product.eco.model_dump(mode="json"))})  # fmt: skip
    page = _ENV.get_template("interview_report.html.j2").render(
        r=data,
        eco=eco,
        prospect=prospect.name,
        held=appointment.starts_at.astimezone(ZoneInfo(get_settings().timezone)).strftime(
            "%d/%m/%Y à %H:%M"
        ),
    )
    if format_ == "html":
        return page
    from weasyprint import HTML

    return bytes(HTML(string=page, url_fetcher=_no_fetch()).write_pdf())


def warm_up() -> None:
    """Import WeasyPrint and lay out a first page (its fonts, its stylesheets): a served app
    does it at start, so the first PDF does not pay 0.8 s for them."""
    from weasyprint import HTML

    HTML(string="<p>CapVente</p>").write_pdf()
