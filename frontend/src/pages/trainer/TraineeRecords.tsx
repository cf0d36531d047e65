// The trainee's records for their trainer, read-only: prospect file, tours, watch items,
// sources and competitors, each list filtered on the trainee (owner_id). Prospects and tours
// open their own pages (read-only there: ReadOnlyScope); the watch records open in place.
import { useRef, useState, type KeyboardEvent } from "react";
import { Link } from "react-router-dom";
import { traineeRecordQueries } from "../../api/queries/competences";
import { Field, formatDate } from "../../components/ui";
import { PRIORITIES, STATUSES as PROSPECT_STATUSES, label } from "../../labels/prospects";
import { fmtCo2, fmtKm, summarySavings } from "../tours/format";
import {
  CLASSIFICATIONS,
  FRESHNESS,
  KINDS as SOURCE_KINDS,
  PRICE_LEVELS,
  STATUSES as SOURCE_STATUSES,
  TOPICS,
} from "../../labels/watch";
import { RecordPreview } from "./EvidenceJournal";
import { RecordList } from "./RecordList";

const LIMIT = 10;

const TABS = [
  { key: "prospects", label: "Prospects" },
  { key: "tours", label: "Tournées" },
  { key: "items", label: "Articles de veille" },
  { key: "sources", label: "Sources de veille" },
  { key: "competitors", label: "Concurrents" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

export function TraineeRecords({ traineeId, name }: { traineeId: number; name: string }) {
  const [tab, setTab] = useState<TabKey>("prospects");
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  function onKey(event: KeyboardEvent, index: number) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: TABS.length - 1 - index };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (index + moves[event.key] + TABS.length) % TABS.length;
    setTab(TABS[next].key);
    buttons.current[next]?.focus();
  }
  return (
    <section className="card" aria-labelledby="trainee-records">
      <h2 id="trainee-records">Fiches de {name}</h2>
      <p className="muted">
        Consultation seule : ce que le stagiaire a construit dans CapVente, tel qu'il l'a enregistré.
      </p>
      <div role="tablist" aria-label="Fiches du stagiaire" className="tabs">
        {TABS.map((t, index) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`records-tab-${t.key}`}
            aria-controls={`records-panel-${t.key}`}
            aria-selected={tab === t.key}
            tabIndex={tab === t.key ? 0 : -1}
            ref={(el) => {
              buttons.current[index] = el;
            }}
            onClick={() => setTab(t.key)}
            onKeyDown={(e) => onKey(e, index)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`records-panel-${tab}`} aria-labelledby={`records-tab-${tab}`} tabIndex={0}>
        {tab === "prospects" && <ProspectsTab ownerId={traineeId} />}
        {tab === "tours" && <ToursTab ownerId={traineeId} />}
        {tab === "items" && <ItemsTab ownerId={traineeId} />}
        {tab === "sources" && <SourcesTab ownerId={traineeId} />}
        {tab === "competitors" && <CompetitorsTab ownerId={traineeId} />}
      </div>
    </section>
  );
}

function ProspectsTab({ ownerId }: { ownerId: number }) {
  const [q, setQ] = useState("");
  return (
    <>
      <form
        className="filters"
        role="search"
        aria-label="Chercher dans le fichier du stagiaire"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label="Nom, ville ou SIRET">
          {(p) => <input {...p} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
        </Field>
      </form>
      {/* Keyed on the search: a new search starts from the first page. */}
      <RecordList
        key={q}
        page={(offset) => traineeRecordQueries.prospects(ownerId, q, LIMIT, offset)}
        limit={LIMIT}
        caption="Prospects du stagiaire"
        empty={q ? "Aucun prospect ne correspond à cette recherche." : "Aucun prospect dans son fichier."}
        columns={[
          { header: "Nom", rowHeader: true, cell: (p) => <Link to={`/prospects/${p.id}`}>{p.name}</Link> },
          { header: "Statut", cell: (p) => label(PROSPECT_STATUSES, p.status) },
          { header: "Priorité", cell: (p) => label(PRIORITIES, p.priority) },
          { header: "Ville", cell: (p) => p.city ?? "—" },
          { header: "Prochain contact", cell: (p) => formatDate(p.next_contact_on) },
          { header: "Dernier contact", cell: (p) => formatDate(p.last_contact_at) },
        ]}
      />
    </>
  );
}

function ToursTab({ ownerId }: { ownerId: number }) {
  return (
    <RecordList
      page={(offset) => traineeRecordQueries.tours(ownerId, LIMIT, offset)}
      limit={LIMIT}
      caption="Tournées du stagiaire"
      empty="Aucune tournée enregistrée."
      columns={[
        { header: "Tournée", rowHeader: true, cell: (t) => <Link to={`/tournees/${t.id}`}>{t.name}</Link> },
        { header: "Premier jour", cell: (t) => formatDate(t.first_day) },
        { header: "Jours", numeric: true, cell: (t) => t.days_count },
        { header: "Visites (non placées)", numeric: true, cell: (t) => `${t.visits_planned} (${t.visits_unassigned})` },
        { header: "Distance", numeric: true, cell: (t) => fmtKm(Number(t.total_km)) },
        { header: "CO₂", numeric: true, cell: (t) => fmtCo2(Number(t.co2_total_kg)) },
        {
          header: "Gain sur son ordre",
          numeric: true,
          cell: (t) => `${summarySavings(t).percent.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} %`,
        },
      ]}
    />
  );
}

function ItemsTab({ ownerId }: { ownerId: number }) {
  return (
    <RecordList
      page={(offset) => traineeRecordQueries.items(ownerId, LIMIT, offset)}
      limit={LIMIT}
      caption="Articles de veille du stagiaire, du plus récent au plus ancien"
      empty="Aucun article de veille."
      columns={[
        { header: "Publié le", cell: (i) => formatDate(i.published_at) },
        {
          header: "Titre",
          rowHeader: true,
          cell: (i) => (
            <>
              {i.title}
              <RecordPreview type="watch_items" id={String(i.id)} />
            </>
          ),
        },
        { header: "Thème", cell: (i) => TOPICS[i.topic] ?? i.topic },
        { header: "Classement", cell: (i) => (i.classification ? CLASSIFICATIONS[i.classification] : "non classé") },
        { header: "Pertinence", numeric: true, cell: (i) => (i.relevance ? `${i.relevance}/5` : "—") },
      ]}
    />
  );
}

function SourcesTab({ ownerId }: { ownerId: number }) {
  return (
    <RecordList
      page={(offset) => traineeRecordQueries.sources(ownerId, LIMIT, offset)}
      limit={LIMIT}
      caption="Sources de veille du stagiaire"
      empty="Aucune source de veille."
      columns={[
        { header: "Source", rowHeader: true, cell: (s) => s.name },
        { header: "Type", cell: (s) => SOURCE_KINDS[s.kind] ?? s.kind },
        { header: "Thème", cell: (s) => TOPICS[s.topic] ?? s.topic },
        { header: "Fiabilité", numeric: true, cell: (s) => `${s.reliability}/5` },
        {
          header: "État",
          cell: (s) =>
            `${SOURCE_STATUSES[s.status] ?? s.status} · ${s.freshness ? (FRESHNESS[s.freshness] ?? s.freshness) : "—"}`,
        },
        { header: "Dernière lecture", cell: (s) => formatDate(s.last_fetched_at, true) },
      ]}
    />
  );
}

function CompetitorsTab({ ownerId }: { ownerId: number }) {
  return (
    <RecordList
      page={(offset) => traineeRecordQueries.competitors(ownerId, LIMIT, offset)}
      limit={LIMIT}
      caption="Concurrents étudiés par le stagiaire"
      empty="Aucun concurrent décrit."
      columns={[
        {
          header: "Concurrent",
          rowHeader: true,
          cell: (c) => (
            <>
              {c.name}
              <RecordPreview type="competitors" id={String(c.id)} />
            </>
          ),
        },
        {
          header: "Niveau de prix",
          cell: (c) => (c.price_level ? (PRICE_LEVELS[c.price_level] ?? c.price_level) : "—"),
        },
        { header: "Sources", numeric: true, cell: (c) => c.sources?.length ?? 0 },
        { header: "Articles", numeric: true, cell: (c) => c.item_count },
        { header: "Dernier article", cell: (c) => formatDate(c.last_item_at) },
      ]}
    />
  );
}
