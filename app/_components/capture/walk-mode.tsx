'use client';
// Walk mode on a phone: tap the map (or use the location) where you stand, tick the reasons, say what
// you see and what should happen, save. Each point is saved at once as an unsafe place of the walk and
// appears numbered on the map and in the list below.
import { useRef, useState } from 'react';
import type { Locale } from '@/lib/i18n/translate';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import { captureTexts, fieldErrorText, fill } from './capture-texts';
import styles from './capture.module.css';
import { type NumberedPoint, type Pin, PickMap } from './pick-map';

export interface WalkPoint {
  sequence: number;
  title: string;
  reasons: string[];
  lon: number;
  lat: number;
  proposed_measure: string | null;
  responsible_org_name: string | null;
}

type Outcome =
  | { status: 'forbidden' }
  | { status: 'invalid'; fieldErrors: Record<string, string> }
  | { status: 'created'; id: string; point?: WalkPoint };

export interface WalkModeProps {
  locale: Locale;
  walkId: string;
  points: WalkPoint[];
  organisations: Array<{ id: string; name: string }>;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  basemapStyleUrl: string | null;
  addAction: (form: FormData) => Promise<Outcome>;
}

const REASONS = ['poor_lighting', 'hidden_view', 'litter', 'gatherings', 'traffic', 'maintenance', 'vegetation', 'deserted', 'other'] as const;

export function WalkMode(props: WalkModeProps) {
  const texts = captureTexts(props.locale);
  const formRef = useRef<HTMLFormElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const [pin, setPin] = useState<Pin | null>(null);
  const [points, setPoints] = useState<WalkPoint[]>(props.points);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const numbered: NumberedPoint[] = points.map((p) => ({ n: p.sequence, lon: p.lon, lat: p.lat, label: p.title }));
  const err = (f: string) => (errors[f] ? fieldErrorText(texts, f, errors[f]) : undefined);

  const save = async () => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    data.set('walk_id', props.walkId);
    data.set('lon', pin ? String(pin.lon) : '');
    data.set('lat', pin ? String(pin.lat) : '');
    setBusy(true);
    setMessage(null);
    try {
      const out = await props.addAction(data);
      if (out.status === 'created' && out.point) {
        const p = out.point;
        setPoints((prev) => [...prev, p]);
        setErrors({});
        setPin(null);
        setFormKey((k) => k + 1);
        setMessage(fill(texts.walkPointSaved, { n: p.sequence }));
      } else if (out.status === 'invalid') {
        setErrors(out.fieldErrors);
      } else {
        setMessage(texts.forbidden);
      }
    } catch {
      setMessage(texts.failed);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => statusRef.current?.focus());
    }
  };

  return (
    <div className={styles.captureLayout}>
      <PickMap
        texts={texts}
        areas={props.areas}
        bounds={props.bounds}
        basemapStyleUrl={props.basemapStyleUrl}
        initialView={null}
        pin={pin}
        onPin={setPin}
        points={numbered}
        tall
      />
      <div className={styles.formColumn}>
        <div ref={statusRef} tabIndex={-1} aria-live="polite">
          {message ? (
            <p className={styles.success} data-testid="walk-message">
              {message}
            </p>
          ) : null}
          {Object.keys(errors).length ? (
            <div className={styles.errorSummary} role="alert" data-testid="walk-point-errors">
              <p>{texts.errorsTitle}</p>
              <ul>
                {Object.entries(errors).map(([f, m]) => (
                  <li key={f}>{fieldErrorText(texts, f, m)}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <form
          key={formKey}
          ref={formRef}
          className={styles.form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          data-testid="walk-point-form"
        >
          {err('lon') ? <p className={styles.error}>{err('lon')}</p> : null}
          <fieldset className={styles.checks}>
            <legend>{texts.reasons}</legend>
            {REASONS.map((r) => (
              <label key={r}>
                <input type="checkbox" name="reasons" value={r} data-testid={`walk-reason-${r}`} />
                {texts.reason[r]}
              </label>
            ))}
          </fieldset>
          {err('reasons') ? <p className={styles.error}>{err('reasons')}</p> : null}
          <label className={styles.field}>
            {texts.walkNote}
            <textarea name="note" rows={2} maxLength={4000} data-testid="walk-note" />
          </label>
          <label className={styles.field}>
            {texts.proposedMeasure}
            <textarea name="proposed_measure" rows={2} maxLength={4000} data-testid="walk-measure" />
          </label>
          <label className={styles.field}>
            {texts.walkResponsible}
            <select name="responsible_org_id" defaultValue="" data-testid="walk-responsible">
              <option value="">{texts.walkNoResponsible}</option>
              {props.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.field}>
            {texts.walkPointTitle}
            <input name="title" maxLength={200} />
          </label>
          <fieldset className={styles.checks}>
            <legend>{texts.visibility}</legend>
            {(['partners', 'joint', 'restricted'] as const).map((v) => (
              <label key={v}>
                <input type="radio" name="visibility" value={v} defaultChecked={v === 'partners'} />
                {texts.visibilityOption[v]}
              </label>
            ))}
          </fieldset>
          <button type="submit" className={styles.button} disabled={busy} data-testid="walk-point-save">
            {busy ? texts.saving : texts.walkAddPoint}
          </button>
        </form>
        <section aria-labelledby="points-so-far">
          <h2 id="points-so-far">{texts.walkPointsSoFar}</h2>
          {points.length === 0 ? <p className={styles.muted}>{texts.walkNoPoints}</p> : null}
          <ol className={styles.pointList} data-testid="walk-points">
            {points.map((p) => (
              <li key={p.sequence} value={p.sequence}>
                {p.title} – {p.reasons.map((r) => texts.reason[r as keyof typeof texts.reason] ?? r).join(', ')}
                {p.proposed_measure ? ` · ${p.proposed_measure}` : ''}
                {p.responsible_org_name ? ` (${p.responsible_org_name})` : ''}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
