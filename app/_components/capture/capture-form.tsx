'use client';
// The capture form: a pin on the map, the kind (incident, unsafe place, vandalism) and its fields.
// Saving goes through a server action that validates, checks the municipality outline and warns of
// likely duplicates; the reporter then links to the existing record or saves anyway.
import { useMemo, useRef, useState } from 'react';
import type { Locale } from '@/lib/i18n/translate';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import type { CaptureKind, CleanupTargets } from '@/lib/schemas/capture';
import { type CaptureTexts, captureTexts, fieldErrorText, fill } from './capture-texts';
import styles from './capture.module.css';
import { type Pin, PickMap } from './pick-map';

/** The outcome of the server actions (mirrors lib/server/capture/save-capture.ts). */
export type CaptureActionOutcome =
  | { status: 'forbidden' }
  | { status: 'invalid'; fieldErrors: Record<string, string> }
  | {
      status: 'duplicates';
      candidates: Array<{ kind: CaptureKind; id: string; distanceM: number; at: string; label: string; status: string | null; offensive: boolean | null }>;
    }
  | { status: 'created'; kind: CaptureKind; id: string; cleanupDueAt: string | null }
  | { status: 'confirmed'; kind: CaptureKind; id: string; confirmationId: string };

export interface CaptureCategory {
  key: string;
  kind: 'crime' | 'observation';
  label: string;
  sensitivity: 'normal' | 'sensitive' | 'police-only';
}

export interface CaptureFormProps {
  locale: Locale;
  kinds: CaptureKind[];
  categories: CaptureCategory[];
  organisations: Array<{ id: string; name: string }>;
  cleanupTargets: CleanupTargets;
  /** 'YYYY-MM-DDTHH:mm' now in Stockholm, the default time. */
  nowLocal: string;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  basemapStyleUrl: string | null;
  initialView: { lon: number; lat: number; zoom: number } | null;
  saveAction: (form: FormData) => Promise<CaptureActionOutcome>;
  confirmAction: (form: FormData) => Promise<CaptureActionOutcome>;
}

const VISIBILITIES = ['restricted', 'joint', 'partners'] as const;
type Visibility = (typeof VISIBILITIES)[number];
const REASONS = ['poor_lighting', 'hidden_view', 'litter', 'gatherings', 'traffic', 'maintenance', 'vegetation', 'deserted', 'other'] as const;
const RECORD_PATH: Record<CaptureKind, string> = { incident: 'incident', unsafe_place: 'unsafe-place', vandalism: 'vandalism' };

/** Visibilities a category's sensitivity allows (DESIGN.md §2). */
function allowedVisibilities(sensitivity: CaptureCategory['sensitivity'] | undefined): Visibility[] {
  if (sensitivity === 'police-only') return ['restricted'];
  if (sensitivity === 'sensitive') return ['restricted', 'joint'];
  return [...VISIBILITIES];
}

function formatDateTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}

/** Local 'YYYY-MM-DDTHH:mm' (Stockholm) plus hours, for the due time shown before saving. */
function localPlusHours(local: string, hours: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  // Approximate in the browser (exact instant comes back from the server after saving).
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) + hours * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className={styles.error} data-testid={`error-${id.replace(/^err-/, '')}`}>
      {message}
    </p>
  );
}

export function CaptureForm(props: CaptureFormProps) {
  const { locale, kinds, categories, organisations, cleanupTargets, nowLocal } = props;
  const texts: CaptureTexts = captureTexts(locale);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [kind, setKind] = useState<CaptureKind>(kinds[0]);
  const [pin, setPin] = useState<Pin | null>(null);
  const [categoryKey, setCategoryKey] = useState('');
  const [vandalismKind, setVandalismKind] = useState<'graffiti' | 'damage'>('graffiti');
  const [offensive, setOffensive] = useState(false);
  const [reportedAt, setReportedAt] = useState(nowLocal);
  const [vandalismStatus, setVandalismStatus] = useState<'reported' | 'assigned' | 'cleaned'>('reported');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CaptureActionOutcome | null>(null);
  const [linkNote, setLinkNote] = useState('');
  const [formKey, setFormKey] = useState(0);

  const errors = outcome?.status === 'invalid' ? outcome.fieldErrors : {};
  const err = (field: string) => (errors[field] ? fieldErrorText(texts, field, errors[field]) : undefined);
  const category = categories.find((c) => c.key === categoryKey);
  const visibilities = kind === 'incident' ? allowedVisibilities(category?.sensitivity) : [...VISIBILITIES];
  const defaultVisibility: Visibility = kind === 'incident' ? (visibilities.includes('joint') ? 'joint' : 'restricted') : 'partners';
  const targetHours = vandalismKind === 'graffiti' ? (offensive ? cleanupTargets.offensive_graffiti_hours : cleanupTargets.graffiti_hours) : cleanupTargets.damage_hours;
  const due = localPlusHours(reportedAt, targetHours);
  const crimes = useMemo(() => categories.filter((c) => c.kind === 'crime'), [categories]);
  const observations = useMemo(() => categories.filter((c) => c.kind === 'observation'), [categories]);

  const submit = async (onDuplicate: 'check' | 'save') => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    data.set('kind', kind);
    data.set('lon', pin ? String(pin.lon) : '');
    data.set('lat', pin ? String(pin.lat) : '');
    data.set('on_duplicate', onDuplicate);
    setBusy(true);
    try {
      const result = await props.saveAction(data);
      setOutcome(result);
      if (result.status === 'invalid' || result.status === 'duplicates' || result.status === 'forbidden') {
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    } catch {
      setOutcome({ status: 'invalid', fieldErrors: { failed: texts.failed } });
    } finally {
      setBusy(false);
    }
  };

  const linkTo = async (recordId: string) => {
    if (!pin) return;
    const data = new FormData();
    data.set('kind', kind);
    data.set('record_id', recordId);
    data.set('lon', String(pin.lon));
    data.set('lat', String(pin.lat));
    data.set('note', linkNote);
    setBusy(true);
    try {
      setOutcome(await props.confirmAction(data));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setOutcome(null);
    setPin(null);
    setLinkNote('');
    setFormKey((k) => k + 1);
  };

  const candidateLabel = (c: Extract<CaptureActionOutcome, { status: 'duplicates' }>['candidates'][number]) => {
    if (c.kind === 'incident') return categories.find((x) => x.key === c.label)?.label ?? c.label;
    if (c.kind === 'vandalism') return texts.vandalismKindOption[c.label as 'graffiti' | 'damage'] ?? c.label;
    return c.label;
  };

  const done = outcome?.status === 'created' || outcome?.status === 'confirmed';

  return (
    <div className={styles.captureLayout}>
      <PickMap
        texts={texts}
        areas={props.areas}
        bounds={props.bounds}
        basemapStyleUrl={props.basemapStyleUrl}
        initialView={props.initialView}
        pin={pin}
        onPin={(p) => {
          setPin(p);
          if (outcome?.status === 'duplicates') setOutcome(null);
        }}
      />
      <div className={styles.formColumn}>
        <div ref={summaryRef} tabIndex={-1} aria-live="polite" data-testid="capture-outcome">
          {outcome?.status === 'invalid' ? (
            <div className={styles.errorSummary} role="alert" data-testid="capture-errors">
              <p>{errors.failed ?? texts.errorsTitle}</p>
              <ul>
                {Object.entries(errors)
                  .filter(([f]) => f !== 'failed')
                  .map(([f, m]) => (
                    <li key={f}>
                      <a href={`#field-${f === 'lat' ? 'lon' : f}`}>{fieldErrorText(texts, f, m)}</a>
                    </li>
                  ))}
              </ul>
            </div>
          ) : null}
          {outcome?.status === 'forbidden' ? (
            <p className={styles.error} role="alert">
              {texts.forbidden}
            </p>
          ) : null}
          {outcome?.status === 'duplicates' ? (
            <section className={styles.duplicates} data-testid="duplicate-warning" aria-labelledby="dup-title">
              <h2 id="dup-title">{texts.duplicatesTitle}</h2>
              <p>{fill(texts.duplicatesIntro, { count: outcome.candidates.length })}</p>
              <label className={styles.field}>
                {texts.linkNote}
                <textarea value={linkNote} onChange={(e) => setLinkNote(e.target.value)} rows={2} maxLength={4000} />
              </label>
              <ul className={styles.candidateList}>
                {outcome.candidates.map((c) => (
                  <li key={c.id} data-testid="duplicate-candidate">
                    <span>{fill(texts.duplicateItem, { label: candidateLabel(c), distance: c.distanceM, date: formatDateTime(locale, c.at) })}</span>
                    <button type="button" className={styles.buttonSecondary} disabled={busy} onClick={() => linkTo(c.id)} data-testid="link-existing">
                      {texts.linkExisting}
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" className={styles.button} disabled={busy} onClick={() => submit('save')} data-testid="save-anyway">
                {texts.saveAnyway}
              </button>
            </section>
          ) : null}
          {done ? (
            <section className={styles.success} data-testid="capture-success" data-kind={outcome.kind} data-id={outcome.id}>
              <p>{outcome.status === 'created' ? texts.saved[outcome.kind] : texts.confirmed}</p>
              {outcome.status === 'created' && outcome.cleanupDueAt ? <p data-testid="saved-due">{fill(texts.savedDue, { due: formatDateTime(locale, outcome.cleanupDueAt) })}</p> : null}
              <p className={styles.actions}>
                <a href={`/karta/post/${RECORD_PATH[outcome.kind]}/${outcome.id}`}>{texts.openRecord}</a>
                <button type="button" className={styles.button} onClick={reset} data-testid="capture-another">
                  {texts.newRecord}
                </button>
              </p>
            </section>
          ) : null}
        </div>

        <form
          key={formKey}
          ref={formRef}
          className={done ? styles.hidden : styles.form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit('check');
          }}
          data-testid="capture-form"
        >
          <span id="field-lon" className={styles.anchor} />
          <FieldError id="err-lon" message={err('lon') ?? err('lat')} />
          <fieldset className={styles.kinds}>
            <legend>{texts.kindLegend}</legend>
            {kinds.map((k) => (
              <label key={k} className={styles.kindOption}>
                <input type="radio" name="kind_choice" value={k} checked={kind === k} onChange={() => { setKind(k); setOutcome(null); }} data-testid={`kind-${k}`} />
                {texts.kind[k]}
              </label>
            ))}
          </fieldset>

          {kind === 'incident' ? (
            <>
              <label className={styles.field} id="field-category_key">
                {texts.category}
                <select name="category_key" value={categoryKey} onChange={(e) => setCategoryKey(e.target.value)} aria-invalid={!!err('category_key')} aria-describedby="err-category_key" data-testid="field-category">
                  <option value="">{texts.choose}</option>
                  <optgroup label={texts.categoryGroupCrime}>
                    {crimes.map((c) => (
                      <option key={c.key} value={c.key}>
                        {c.label}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label={texts.categoryGroupObservation}>
                    {observations.map((c) => (
                      <option key={c.key} value={c.key}>
                        {c.label}
                      </option>
                    ))}
                  </optgroup>
                </select>
              </label>
              <FieldError id="err-category_key" message={err('category_key')} />
              <label className={styles.field} id="field-occurred_at">
                {texts.occurredAt}
                <input type="datetime-local" name="occurred_at" defaultValue={nowLocal} aria-invalid={!!err('occurred_at')} aria-describedby="err-occurred_at" data-testid="field-occurred-at" />
              </label>
              <FieldError id="err-occurred_at" message={err('occurred_at')} />
              <label className={styles.field} id="field-occurred_to">
                {texts.occurredTo}
                <input type="datetime-local" name="occurred_to" aria-invalid={!!err('occurred_to')} aria-describedby="err-occurred_to" data-testid="field-occurred-to" />
              </label>
              <FieldError id="err-occurred_to" message={err('occurred_to')} />
            </>
          ) : null}

          {kind === 'unsafe_place' ? (
            <>
              <label className={styles.field} id="field-title">
                {texts.title}
                <input name="title" maxLength={200} aria-invalid={!!err('title')} aria-describedby="err-title" data-testid="field-title" />
              </label>
              <FieldError id="err-title" message={err('title')} />
              <fieldset className={styles.checks} id="field-reasons" aria-describedby="err-reasons">
                <legend>{texts.reasons}</legend>
                {REASONS.map((r) => (
                  <label key={r}>
                    <input type="checkbox" name="reasons" value={r} data-testid={`reason-${r}`} />
                    {texts.reason[r]}
                  </label>
                ))}
              </fieldset>
              <FieldError id="err-reasons" message={err('reasons')} />
              <label className={styles.field} id="field-proposed_measure">
                {texts.proposedMeasure}
                <textarea name="proposed_measure" rows={2} maxLength={4000} data-testid="field-measure" />
              </label>
              <FieldError id="err-proposed_measure" message={err('proposed_measure')} />
              <label className={styles.field} id="field-status">
                {texts.status}
                <select name="status" defaultValue="open">
                  <option value="open">{texts.unsafeStatus.open}</option>
                  <option value="planned">{texts.unsafeStatus.planned}</option>
                </select>
              </label>
              <FieldError id="err-status" message={err('status')} />
            </>
          ) : null}

          {kind === 'vandalism' ? (
            <>
              <fieldset className={styles.kinds} id="field-vandalism_kind">
                <legend>{texts.vandalismKind}</legend>
                {(['graffiti', 'damage'] as const).map((k) => (
                  <label key={k} className={styles.kindOption}>
                    <input type="radio" name="vandalism_kind" value={k} checked={vandalismKind === k} onChange={() => setVandalismKind(k)} data-testid={`vandalism-${k}`} />
                    {texts.vandalismKindOption[k]}
                  </label>
                ))}
              </fieldset>
              <FieldError id="err-vandalism_kind" message={err('vandalism_kind')} />
              {vandalismKind === 'graffiti' ? (
                <label className={styles.checkLine} id="field-offensive">
                  <input type="checkbox" name="offensive" checked={offensive} onChange={(e) => setOffensive(e.target.checked)} data-testid="field-offensive" />
                  {texts.offensive}
                </label>
              ) : null}
              <FieldError id="err-offensive" message={err('offensive')} />
              <label className={styles.field} id="field-reported_at">
                {texts.reportedAt}
                <input type="datetime-local" name="reported_at" value={reportedAt} onChange={(e) => setReportedAt(e.target.value)} aria-describedby="err-reported_at" />
              </label>
              <FieldError id="err-reported_at" message={err('reported_at')} />
              {due ? (
                <p className={styles.due} data-testid="cleanup-due">
                  {fill(texts.dueAt, { due, hours: targetHours })}
                </p>
              ) : null}
              <label className={styles.field} id="field-status">
                {texts.status}
                <select name="status" value={vandalismStatus} onChange={(e) => setVandalismStatus(e.target.value as typeof vandalismStatus)}>
                  {(['reported', 'assigned', 'cleaned'] as const).map((s) => (
                    <option key={s} value={s}>
                      {texts.vandalismStatus[s]}
                    </option>
                  ))}
                </select>
              </label>
              <label className={styles.field} id="field-responsible_org_id">
                {texts.responsibleOrg}
                <select name="responsible_org_id" defaultValue="" aria-describedby="err-responsible_org_id">
                  <option value="">{texts.choose}</option>
                  {organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </label>
              <FieldError id="err-responsible_org_id" message={err('responsible_org_id')} />
              {vandalismStatus === 'cleaned' ? (
                <>
                  <label className={styles.field} id="field-remediated_at">
                    {texts.remediatedAt}
                    <input type="datetime-local" name="remediated_at" defaultValue={nowLocal} />
                  </label>
                  <FieldError id="err-remediated_at" message={err('remediated_at')} />
                </>
              ) : null}
              <label className={styles.field} id="field-cost_sek">
                {texts.cost}
                <input name="cost_sek" inputMode="decimal" aria-describedby="err-cost_sek" />
              </label>
              <FieldError id="err-cost_sek" message={err('cost_sek')} />
            </>
          ) : null}

          <label className={styles.field} id="field-description">
            {texts.description}
            <textarea name="description" rows={3} maxLength={4000} data-testid="field-description" />
          </label>
          <FieldError id="err-description" message={err('description')} />
          <fieldset className={styles.checks} id="field-visibility">
            <legend>{texts.visibility}</legend>
            {visibilities.map((v) => (
              <label key={`${kind}-${categoryKey}-${v}`}>
                <input type="radio" name="visibility" value={v} defaultChecked={v === defaultVisibility} data-testid={`visibility-${v}`} />
                {texts.visibilityOption[v]}
              </label>
            ))}
          </fieldset>
          <FieldError id="err-visibility" message={err('visibility')} />
          <FieldError id="err-form" message={err('form')} />
          <button type="submit" className={styles.button} disabled={busy} data-testid="capture-save">
            {busy ? texts.saving : texts.save}
          </button>
        </form>
      </div>
    </div>
  );
}
