"""The demo's watch (CP1): competitors and sources seeded per trainee, then filled by the
refresh job from the app's own documents, with no network and no private-address switch."""

from __future__ import annotations

from collections import Counter

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import (
    Competitor,
    Role,
    Sentiment,
    User,
    WatchItem,
    WatchSource,
    WatchSourceKind,
)
from app.watch import demo, refresh
from tests.conftest import DemoTemplate
from tests.factories import bearer


@pytest.mark.demo
def test_the_demo_watch_is_seeded_then_filled_offline(
    client: TestClient,
    db: Session,
    session_factory: sessionmaker[Session],
    settings: Settings,
    demo_template: DemoTemplate,
) -> None:
    report = demo_template.report.watch
    assert (report.competitors, report.sources, report.items) == (36, 84, 12)
    trainees = db.scalars(select(User).where(User.role == Role.TRAINEE)).all()
    base = demo.base_url(settings)
    for trainee in trainees:
        competitors = db.scalars(select(Competitor).where(Competitor.owner_id == trainee.id))
        assert len(competitors.all()) == 3
        sources = db.scalars(select(WatchSource).where(WatchSource.owner_id == trainee.id)).all()
        fetched = [s for s in sources if s.url]
        assert len(fetched) == 5
        assert all(s.url and s.url.startswith(f"{base}/demo/watch/") for s in fetched)
        assert {s.kind for s in sources} >= {WatchSourceKind.RSS, WatchSourceKind.ATOM,
                                            WatchSourceKind.REVIEW_SITE, WatchSourceKind.WEB_PAGE,
                                            WatchSourceKind.NEWSLETTER,
                                            WatchSourceKind.TRADE_FAIR}  # fmt: skip
        assert all(s.reliability_reason for s in sources)
        assert sum(s.competitor_id is not None for s in sources) == 3

    assert settings.watch_allow_private is False
    settings.watch_concurrency = 1  # the tests' sessions share one connection
    done = refresh.refresh_due(session_factory, settings)
    assert len(done) == 60
    assert Counter(r.outcome for r in done) == {"ok": 60}, [r.error for r in done if r.error]
    db.expire_all()
    per_kind = Counter(
        kind for kind, in db.execute(
            select(WatchSource.kind).join(WatchItem, WatchItem.source_id == WatchSource.id)
        )
    )  # fmt: skip
    # Feeds give their entries; the pricing page's first look is the reference, no item.
    assert per_kind[WatchSourceKind.WEB_PAGE] == 0
    assert per_kind[WatchSourceKind.REVIEW_SITE] == 12 * 5
    assert per_kind[WatchSourceKind.ATOM] == 12 * 5
    reviews = db.scalars(
        select(WatchItem).join(WatchSource, WatchItem.source_id == WatchSource.id)
        .where(WatchSource.kind == WatchSourceKind.REVIEW_SITE)
    ).all()  # fmt: skip
    assert all(r.rating and r.sentiment for r in reviews)  # read from « ★★☆☆☆ 2/5 — … »
    for trainee in trainees:  # every competitor reviewed gets praise and complaints
        assert {r.sentiment for r in reviews if r.owner_id == trainee.id} == set(Sentiment)
    # Nothing is due any more: a second run of the job does nothing.
    assert refresh.refresh_due(session_factory, settings) == []

    # A demo trainee reads the week's digest and finds the competitor's news.
    trainee = trainees[0]
    digest = client.get("/api/v1/watch/digest?period=week", headers=bearer(trainee))
    assert digest.status_code == 200, digest.text
    body = digest.json()
    assert body["new_items"] > 0
    found = client.get("/api/v1/watch/items?topic=competitor", headers=bearer(trainee)).json()
    assert found["total"] >= 5
    total = db.scalar(select(func.count()).select_from(WatchItem))
    assert total == 12 * (5 + 5 + 6 + 5) + 12  # news, market, regulation, reviews + fair notes
