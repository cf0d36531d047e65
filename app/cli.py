"""The ``capvente`` command line: serve, migrate, seed, create-user, jobs."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings, get_settings
from app.core.db import make_engine, make_session_factory
from app.models import Organisation, Role

cli = typer.Typer(
    help="CapVente : CRM d'entraînement du titre Conseiller commercial.", no_args_is_help=True
)
jobs = typer.Typer(
    help="Tâches planifiées, idempotentes (à lancer depuis cron ou un ordonnanceur)."
)
cli.add_typer(jobs, name="jobs")


def project_root() -> Path:
    """Where ``alembic.ini`` and ``migrations/`` live: the working directory (container image,
    fresh clone) or, for an editable install, the checkout that holds the package."""
    for candidate in (Path.cwd(), Path(__file__).resolve().parent.parent):
        if (candidate / "alembic.ini").is_file() and (candidate / "migrations").is_dir():
            return candidate
    raise typer.BadParameter("alembic.ini et migrations/ introuvables : lancez depuis le projet.")


def alembic_config(url: str | None = None) -> Config:
    root = project_root()
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "migrations"))
    if url:
        config.attributes["url"] = url
    return config


def _sessions(settings: Settings) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(settings.database_url)
    return engine, make_session_factory(engine)


@cli.command()
def migrate(revision: str = typer.Argument("head", help="Révision cible.")) -> None:
    """Apply the database migrations (default: up to the latest)."""
    settings = get_settings()
    command.upgrade(alembic_config(settings.database_url), revision)
    typer.echo(f"Base de données à jour ({_safe_url(settings.database_url)}).")


@cli.command()
def seed() -> None:
    """Load the demo world (idempotent: a second run changes nothing)."""
    from seed.demo import seed_demo

    engine, factory = _sessions(get_settings())
    with factory.begin() as session:
        report = seed_demo(session)
    engine.dispose()
    typer.echo(
        f"Démo : {report.created} compte(s) créé(s), {report.existing} déjà présent(s) ; "
        f"{report.prospects.summary()} ; {report.tours} ; {report.watch} ; "
        f"{report.evidence} preuve(s) de cet historique ; {report.business_cases} ; "
        f"{report.follow_up} ; {report.loyalty} ; {report.social} ; {report.analyses} ; "
        f"{report.exercises}."
    )


@cli.command()
def openapi(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Fichier (sinon la sortie standard).")
    ] = None,
) -> None:
    """Write the API's OpenAPI document (the web client's types are generated from it)."""
    import json

    from app.main import openapi_document

    text = json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@cli.command("create-user")
def create_user(
    email: Annotated[str, typer.Option(help="Adresse e-mail (identifiant de connexion).")],
    full_name: Annotated[str, typer.Option(help="Nom affiché.")],
    role: Annotated[Role, typer.Option(help="admin, trainer ou trainee.")] = Role.ADMIN,
    organisation: Annotated[
        str, typer.Option(help="Slug de l'organisation (créée si absente).")
    ] = "default",
    organisation_name: Annotated[
        str | None, typer.Option(help="Nom de l'organisation à créer.")
    ] = None,
    password: Annotated[
        str,
        typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, help="Mot de passe."),
    ] = "",
) -> None:
    """Create an account (the first admin of a training centre, typically)."""
    from app.auth import service
    from app.auth.emails import email_refusal, normalise_email

    if len(password) < 10:
        raise typer.BadParameter("10 caractères au moins.", param_hint="--password")
    refusal = email_refusal(normalise_email(email))
    if refusal:
        raise typer.BadParameter(refusal, param_hint="--email")
    engine, factory = _sessions(get_settings())
    with factory.begin() as session:
        org = session.scalar(select(Organisation).where(Organisation.slug == organisation))
        if org is None:
            org = service.ensure_organisation(
                session, name=organisation_name or organisation, slug=organisation
            )
        user, created = service.bootstrap_user(
            session,
            organisation=org,
            email=email,
            full_name=full_name,
            role=role,
            password=password,
        )
    engine.dispose()
    if not created:
        typer.echo(f"Un compte existe déjà pour {email} : rien n'a été modifié.", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"Compte {role.value} créé : {user.email} (organisation « {org.slug} »).")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _print_banner(settings: Settings) -> None:
    from seed.demo import ADMIN_EMAIL, DEMO_PASSWORD, TRAINEE_COUNT, TRAINER_EMAIL, trainee_email

    engine, factory = _sessions(settings)
    try:
        with factory() as session:
            demo = session.scalar(select(Organisation).where(Organisation.slug == "demo"))
    except Exception:  # the banner must never stop the server from starting
        demo = None
    finally:
        engine.dispose()
    url = f"http://{settings.host}:{settings.port}"
    typer.echo("")
    typer.echo(f"  CapVente : {url}   (API {url}/api/v1, documentation {url}/docs)")
    if demo is not None:
        typer.echo(f"  Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :")
        typer.echo(f"    administrateur : {ADMIN_EMAIL}")
        typer.echo(f"    formateur      : {TRAINER_EMAIL}")
        typer.echo(f"    stagiaires     : {trainee_email(1)} … {trainee_email(TRAINEE_COUNT)}")
    typer.echo("")


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Adresse d'écoute (CAPVENTE_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (PORT).")] = None,
    workers: Annotated[int | None, typer.Option(help="Processus (CAPVENTE_WORKERS).")] = None,
    reload: Annotated[bool, typer.Option(help="Rechargement automatique (développement).")] = False,
) -> None:
    """Serve the API (and the web client when built)."""
    import uvicorn

    settings = get_settings()
    if host:
        settings.host = host
    if port:
        settings.port = port
    try:  # refuse to start with a weak persisted key rather than at the first login
        settings.jwt_secret()
    except RuntimeError as exc:
        typer.echo(f"Configuration refusée : {exc}", err=True)
        raise typer.Exit(code=2) from None
    _print_banner(settings)
    uvicorn.run(
        "app.main:app_factory",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers or settings.workers,
        reload=reload,
        log_level=settings.log_level,
        # The app reads X-Forwarded-For itself, from CAPVENTE_TRUSTED_PROXIES only: uvicorn's
        # default would believe any local client (a spoofed address escapes throttling).
        proxy_headers=False,
    )


@jobs.command("prune-login-attempts")
def prune_login_attempts() -> None:
    """Delete login attempts older than the throttling window."""
    from app.auth import service

    settings = get_settings()
    engine, factory = _sessions(settings)
    with factory.begin() as session:
        deleted = service.prune_login_attempts(session, settings)
    engine.dispose()
    typer.echo(f"{deleted} tentative(s) de connexion expirée(s) supprimée(s).")


@jobs.command("imports-cleanup")
def imports_cleanup() -> None:
    """Recover imports left running by a stopped worker; drop uploads older than a day."""
    from app.prospects.jobs import cleanup_imports

    engine, factory = _sessions(get_settings())
    with factory.begin() as session:
        report = cleanup_imports(session)
    engine.dispose()
    typer.echo(
        f"{report.interrupted} import(s) interrompu(s) repris (à relancer ou annuler), "
        f"{report.expired} import(s) expiré(s)."
    )


@jobs.command("watch-refresh")
def watch_refresh(
    every: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Recommencer toutes les N secondes jusqu'à l'arrêt (Ctrl+C), pour une "
            "actualisation au fil des cadences sans planificateur externe.",
        ),
    ] = None,
) -> None:
    """Refresh every watch source that is due (safe from several workers at once)."""
    from app.watch.refresh import Refreshed, refresh_due

    settings = get_settings()
    engine, factory = _sessions(settings)

    def progress(outcome: Refreshed) -> None:
        detail = outcome.error or f"{outcome.new_items} nouvel(s) article(s)"
        if outcome.outcome == "not_modified":
            detail = "inchangée"
        elif outcome.outcome == "busy":
            detail = "déjà en cours ailleurs"
        typer.echo(f"  [{outcome.source_id}] {outcome.name or 'source'} : {detail}")

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt  # SIGTERM (a service manager's stop) ends it as Ctrl+C does

    # Only while it keeps running: a single refresh ends by itself.
    previous = signal.signal(signal.SIGTERM, stop) if every is not None else None
    try:
        while True:
            done = refresh_due(factory, settings, progress=progress)
            errors = [r for r in done if r.outcome == "error"]
            typer.echo(
                f"Veille : {len(done)} source(s) traitée(s), "
                f"{sum(r.new_items for r in done)} nouvel(s) article(s), "
                f"{len(errors)} en erreur."
            )
            if every is None:
                break
            time.sleep(every)
    except KeyboardInterrupt:
        typer.echo("Veille : arrêt demandé.")
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        engine.dispose()


@jobs.command("loyalty")
def loyalty_job(
    every: Annotated[
        int | None,
        typer.Option(
            min=60,
            help="Recommencer toutes les N secondes jusqu'à l'arrêt (Ctrl+C), sans "
            "planificateur externe (une fois par jour suffit : --every 86400).",
        ),
    ] = None,
) -> None:
    """Detect the accounts gone inactive (with their relaunch tasks) and run the due steps of
    the relaunch plans, for every trainee (safe to run again the same day)."""
    from app.loyalty.jobs import TraineeReport, run_daily

    settings = get_settings()
    engine, factory = _sessions(settings)

    def progress(r: TraineeReport) -> None:
        typer.echo(
            f"  [{r.owner_id}] {r.inactive} compte(s) inactif(s), {r.newly_detected} "
            f"nouveau(x), {r.tasks_created} tâche(s) de relance, {r.steps_processed} "
            "étape(s) de plan traitée(s)"
        )

    try:
        while True:
            done = run_daily(factory, settings, progress=progress)
            typer.echo(
                f"Fidélisation : {len(done)} stagiaire(s), "
                f"{sum(r.newly_detected for r in done)} compte(s) devenu(s) inactif(s), "
                f"{sum(r.steps_processed for r in done)} étape(s) de relance."
            )
            if every is None:
                break
            time.sleep(every)
    except KeyboardInterrupt:
        typer.echo("Fidélisation : arrêt demandé.")
    finally:
        engine.dispose()


@jobs.command("exercises")
def exercises_job() -> None:
    """Let the simulated market play the days that passed for the runs whose clock moves
    with the real days (once a day: ``30 6 * * * … capvente jobs exercises``)."""
    from app.exercises.jobs import catch_up_real_days

    settings = get_settings()
    engine, factory = _sessions(settings)
    try:
        played = catch_up_real_days(
            factory,
            settings,
            progress=lambda run_id, days: typer.echo(
                f"  parcours {run_id} : {days} jour(s) joué(s)"
            ),
        )
        typer.echo(f"Exercices : {len(played)} parcours avancé(s), {sum(played.values())} jour(s).")
    finally:
        engine.dispose()


@jobs.command("webhooks")
def webhooks_job(
    once: Annotated[
        bool,
        typer.Option("--once", help="Une seule passe (les envois dus maintenant), puis s'arrêter."),
    ] = False,
) -> None:
    """Post the due webhook deliveries, retrying with backoff; without --once, keep polling
    (every CAPVENTE_WEBHOOKS_POLL_SECONDS) until stopped. Safe beside the server's worker."""
    from app.webhooks.delivery import DEFAULT_LIMIT, DeliveryReport, deliver_due

    settings = get_settings()
    engine, factory = _sessions(settings)

    def summary(report: DeliveryReport) -> str:
        return (
            f"Webhooks : {report.claimed} envoi(s), {report.succeeded} reçu(s), "
            f"{report.retrying} à réessayer, {report.failed} abandonné(s)."
        )

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt  # SIGTERM (a service manager's stop) ends it as Ctrl+C does

    previous = None if once else signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            report = deliver_due(factory, settings, limit=DEFAULT_LIMIT)
            if once or report.claimed:
                typer.echo(summary(report))
            if once:
                break
            if report.claimed < DEFAULT_LIMIT:
                time.sleep(settings.webhooks_poll_seconds)
    except KeyboardInterrupt:
        typer.echo("Webhooks : arrêt demandé.")
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        engine.dispose()


@jobs.command("geocode")
def geocode_job(
    owner: Annotated[
        int | None, typer.Option(min=1, help="Les fiches d'un seul stagiaire.")
    ] = None,
    retry: Annotated[
        bool,
        typer.Option("--retry", help="Chercher aussi les adresses déjà cherchées sans résultat."),
    ] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Au plus N fiches.")] = None,
) -> None:
    """Place the prospects that have an address and no position yet (idempotent)."""
    from app.geocoding.service import GeocodeReport, geocode_pending

    settings = get_settings()
    engine, factory = _sessions(settings)

    def progress(report: GeocodeReport) -> None:
        typer.echo(
            f"  {report.examined} fiche(s) examinée(s) : {report.located} placée(s), "
            f"{report.not_found} introuvable(s), {report.skipped} modifiée(s) entre-temps"
        )

    try:
        report = geocode_pending(
            factory, settings, owner_id=owner, retry=retry, limit=limit, progress=progress
        )
    finally:
        engine.dispose()
    precisions = ", ".join(f"{k} {v}" for k, v in sorted(report.by_precision.items()))
    typer.echo(
        f"Géocodage ({report.provider}) : {report.examined} fiche(s) examinée(s), "
        f"{report.located} placée(s) ({precisions or 'aucune'}), "
        f"{report.not_found} introuvable(s), {report.skipped} modifiée(s) entre-temps."
    )
    if report.service_errors:
        typer.echo(
            f"{report.service_errors} échec(s) du géocodeur en ligne (position de la commune "
            f"utilisée) : {report.last_error}"
        )


@jobs.command("retention")
def retention_job(
    apply: Annotated[
        bool, typer.Option("--apply", help="Anonymiser (sinon : simulation, rien n'est modifié).")
    ] = False,
) -> None:
    """List the prospects past the retention period; with --apply, anonymise them."""
    from app.privacy.jobs import retention_all, scrub_files

    settings = get_settings()
    engine, factory = _sessions(settings)
    with factory.begin() as session:
        reports = retention_all(session, settings, apply=apply)
        for organisation, report in reports:
            verb = "anonymisée(s)" if apply else "à anonymiser (simulation)"
            typer.echo(
                f"{organisation.slug} : {len(report.candidates)} fiche(s) {verb}, "
                f"durée de conservation {report.retention_years} ans "
                f"(avant le {report.cutoff:%d/%m/%Y})."
            )
            for candidate in report.candidates[:20]:
                typer.echo(
                    f"  prospect {candidate.prospect_id} (stagiaire {candidate.owner_id}), "
                    f"référence {candidate.reference_date:%d/%m/%Y}"
                )
    if apply and any(report.anonymised for _, report in reports):
        # Committed: now the files' copies of the wiped rows (WAL, dead row versions).
        typer.echo(f"Nettoyage des fichiers : {scrub_files(engine).detail}.")
    engine.dispose()


@jobs.command("scrub")
def scrub_job(
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="PostgreSQL : VACUUM FULL (réécrit les tables, verrou exclusif)."
        ),
    ] = False,
) -> None:
    """Remove the copies the database files keep of erased people (after erasures)."""
    from app.privacy.jobs import scrub_files

    engine = make_engine(get_settings().database_url)
    try:
        report = scrub_files(engine, full=full)
    finally:
        engine.dispose()
    typer.echo(f"Nettoyage des fichiers ({report.backend}) : {report.detail}.")
    if not report.complete:
        raise typer.Exit(code=1)


def main() -> None:
    from pydantic import ValidationError

    try:
        cli()
    except ValidationError as exc:  # a setting refused (e.g. a placeholder secret key)
        typer.echo("Configuration refusée :", err=True)
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]).upper()
            typer.echo(f"  CAPVENTE_{where} : {error['msg']}", err=True)
        raise SystemExit(2) from None
