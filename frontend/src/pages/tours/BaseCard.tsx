// The trainee's base (where days start and end unless told otherwise): shown, and set from a
// label and coordinates or from a prospect's place (GET/PUT /tour-base).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { tourQueries, toursChanged } from "../../api/queries/tours";
import { fieldErrorsOf } from "../../api/problem";
import type { TourBaseIn, TourBaseOut } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useForm } from "../../components/useForm";
import { ErrorBanner, Field, Notice, DisclosureButton } from "../../components/ui";
import { fmtNumber } from "./format";
import { ProspectSearch } from "./ProspectSearch";

/** The base, or null when none is recorded yet (404). */
export function useTourBase() {
  return useQuery({
    ...tourQueries.base(),
  });
}

export function BaseCard() {
  const base = useTourBase();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const open = editing || base.data === null;
  return (
    <section className="card" aria-labelledby="tour-base-title">
      <h2 id="tour-base-title">Votre base</h2>
      <QueryState query={base}>
        {(b) =>
          // Never null here (QueryState shows nothing for it), but its type does not say so.
          b && (
            <p>
              <strong>{b.label}</strong>
              {b.address && <>, {b.address}</>}{" "}
              <span className="muted">
                ({fmtNumber(b.latitude, 5)} ; {fmtNumber(b.longitude, 5)})
              </span>{" "}
              : chaque journée part de là et y revient.
            </p>
          )
        }
      </QueryState>
      {/* No base yet (a 404, read as null): QueryState shows nothing for it. */}
      {base.data === null && (
        <Notice>Aucune base enregistrée : indiquez-la pour que vos journées partent et reviennent de là.</Notice>
      )}
      {saved && !open && (
        <p role="status" className="muted">
          Base enregistrée.
        </p>
      )}
      {base.data && (
        <button
          type="button"
          aria-expanded={open}
          onClick={() => {
            setEditing(!editing);
            setSaved(false);
          }}
        >
          {editing ? "Fermer" : "Modifier la base"}
        </button>
      )}
      {open && base.data !== undefined && (
        <BaseForm
          initial={base.data}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      )}
    </section>
  );
}

interface BaseDraft {
  label: string;
  address: string;
  latitude: string;
  longitude: string;
}

/** The PUT body of the form: an empty or malformed coordinate goes as null, for the server to
 * name the field. */
export function basePayload(draft: BaseDraft): TourBaseIn {
  const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.replace(",", ".")));
  const coordinate = (text: string) => (Number.isFinite(number(text)) ? number(text) : null) as number;
  return {
    label: draft.label.trim(),
    address: draft.address.trim() || null,
    latitude: coordinate(draft.latitude),
    longitude: coordinate(draft.longitude),
  };
}

function BaseForm({ initial, onDone }: { initial: TourBaseOut | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const {
    values: form,
    set,
    setValues,
    submitWith,
  } = useForm<BaseDraft>({
    label: initial?.label ?? "",
    address: initial?.address ?? "",
    latitude: initial ? String(initial.latitude) : "",
    longitude: initial ? String(initial.longitude) : "",
  });
  const [picking, setPicking] = useState(false);
  const save = useMutation({
    mutationFn: (body: TourBaseIn) => unwrap(api.PUT("/api/v1/tour-base", { body })),
    onSuccess: (data) => {
      toursChanged.base(queryClient, data);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="form-grid"
      onSubmit={submitWith((v) => save.mutate(basePayload(v)))}
      aria-label="Base des tournées"
      style={{ marginTop: "0.75rem" }}
    >
      <Field label="Nom de la base" error={errors.label}>
        {(p) => <input {...p} maxLength={200} value={form.label} onChange={(e) => set("label", e.target.value)} />}
      </Field>
      <Field label="Adresse (facultative)" error={errors.address}>
        {(p) => <input {...p} maxLength={300} value={form.address} onChange={(e) => set("address", e.target.value)} />}
      </Field>
      <Field label="Latitude" error={errors.latitude} hint="En degrés décimaux, par ex. 45,764.">
        {(p) => (
          <input {...p} inputMode="decimal" value={form.latitude} onChange={(e) => set("latitude", e.target.value)} />
        )}
      </Field>
      <Field label="Longitude" error={errors.longitude} hint="En degrés décimaux, par ex. 4,8357.">
        {(p) => (
          <input {...p} inputMode="decimal" value={form.longitude} onChange={(e) => set("longitude", e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <DisclosureButton open={picking} onToggle={() => setPicking(!picking)} closeLabel="Fermer la recherche">
          Reprendre le lieu d'un prospect
        </DisclosureButton>
      </div>
      {picking && (
        <div style={{ gridColumn: "1 / -1" }}>
          <ProspectSearch
            label="Prospect dont reprendre le lieu"
            actionLabel="Choisir ce lieu"
            onPick={(p) => {
              setValues({
                label: p.name,
                address: [p.address, p.postcode, p.city].filter(Boolean).join(" "),
                latitude: String(p.latitude),
                longitude: String(p.longitude),
              });
              setPicking(false);
            }}
          />
        </div>
      )}
      {save.error && Object.keys(errors).length === 0 && <ErrorBanner error={save.error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Enregistrement…" : "Enregistrer la base"}
        </button>
      </div>
    </form>
  );
}
