import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { TIME_ZONE } from '@/lib/domain/constants';
import { type Locale, type MessageKey, type Translate, formattingLocale, getTranslator } from '@/lib/i18n/translate';
import { RECORD_ENUMS, type RecordDetail, isRecordKind } from '@/lib/schemas/record-detail';
import { HttpError } from '@/lib/server/auth/errors';
import { requireStaffUser } from '@/lib/server/auth/session';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { getRecordDetail } from '@/lib/server/records/get-record-detail';
import { type RecordFormChoices, getRecordFormChoices } from '@/lib/server/records/get-record-form-choices';
import { isoToStockholmLocal } from '@/lib/server/records/record-form';
import { DatabaseStatus } from '../../../../../_components/ui/database-status';
import { getRequestLocale } from '../../../../../_lib/request-locale';
import { updateRecordAction } from './actions';
import s from './record-page.module.css';

export const dynamic = 'force-dynamic';

type Params = Promise<{ kind: string; id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('record.pageTitle') };
}

/** Field → message from the action's redirect (`fel=` JSON pairs), or a general outcome. */
function parseOutcome(params: Record<string, string | string[] | undefined>): { saved: boolean; general: 'gone' | 'forbidden' | null; fields: Map<string, string[]> } {
  const fields = new Map<string, string[]>();
  const fel = typeof params.fel === 'string' ? params.fel : null;
  let general: 'gone' | 'forbidden' | null = null;
  if (fel === 'gone' || fel === 'forbidden') general = fel;
  else if (fel) {
    try {
      const pairs = JSON.parse(fel) as unknown;
      if (Array.isArray(pairs)) {
        for (const p of pairs) {
          if (Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') fields.set(p[0] || '_', [...(fields.get(p[0] || '_') ?? []), p[1]]);
        }
      }
    } catch {
      fields.set('_', [fel.slice(0, 300)]);
    }
  }
  return { saved: params.ok === 'saved', general, fields };
}

function dateTime(locale: Locale, iso: string | null, t: Translate): string {
  if (!iso) return t('record.none');
  return new Intl.DateTimeFormat(formattingLocale(locale), { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

// One incident, unsafe place or vandalism report (the map's detail panel links here: "Öppna / Redigera"),
// with an edit form for those allowed. Hidden and missing records are both a 404.
export default async function RecordPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { kind, id } = await params;
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;
  await requireStaffUser(`/karta/post/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`);
  if (!isRecordKind(kind)) notFound();
  let detail: RecordDetail;
  try {
    detail = await getRecordDetail(kind, id);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) notFound();
    throw err;
  }
  const outcome = parseOutcome(await searchParams);
  const choices = detail.canEdit ? await getRecordFormChoices(detail) : null;
  const heading = detail.kind === 'incident' ? (locale === 'sv' ? detail.categoryLabelSv : detail.categoryLabelEn) : detail.kind === 'unsafe-place' ? detail.title : t(`record.vandalismKind.${detail.vandalismKind}` as MessageKey);

  return (
    <article className={s.page} data-testid="record-page" data-record-kind={detail.kind} data-record-id={detail.id}>
      <p>
        <a href="/karta">← {t('record.backToMap')}</a>
      </p>
      <p>{t(`record.kind.${detail.kind}`)}</p>
      <h1 data-testid="record-heading">{heading}</h1>
      {outcome.saved ? (
        <p className={s.notice} role="status" data-testid="record-saved">
          {t('record.edit.saved')}
        </p>
      ) : null}
      {outcome.general || outcome.fields.size > 0 ? (
        <div className={s.error} role="alert" data-testid="record-error">
          {outcome.general === 'gone' ? t('record.edit.gone') : outcome.general === 'forbidden' ? t('record.edit.forbidden') : t('record.edit.failed')}
          {outcome.fields.get('_')?.map((m) => <p key={m}>{m}</p>)}
        </div>
      ) : null}
      <h2>{t('record.details')}</h2>
      <Details detail={detail} locale={locale} t={t} />
      {detail.canEdit && choices ? (
        <EditForm detail={detail} choices={choices} locale={locale} t={t} errors={outcome.fields} />
      ) : (
        <p data-testid="record-read-only">{t('record.edit.readOnly')}</p>
      )}
    </article>
  );
}

function Details({ detail: d, locale, t }: { detail: RecordDetail; locale: Locale; t: Translate }) {
  const rows: [MessageKey, ReactNode][] = [];
  const text = (v: string | null) => v ?? t('record.none');
  if (d.kind === 'incident') {
    rows.push(['record.field.category', locale === 'sv' ? d.categoryLabelSv : d.categoryLabelEn]);
    rows.push(['record.field.occurred_at', dateTime(locale, d.occurredAt, t)]);
    if (d.occurredTo) rows.push(['record.field.occurred_to', dateTime(locale, d.occurredTo, t)]);
    rows.push(['record.field.source', d.source]);
    rows.push(['record.field.description', text(d.description)]);
    if (d.externalId) rows.push(['record.field.external_id', d.externalId]);
    if (d.vandalismIds.length > 0) {
      rows.push([
        'record.field.vandalism',
        d.vandalismIds.map((v) => (
          <a key={v} href={`/karta/post/vandalism/${v}`} style={{ marginRight: '0.5rem' }}>
            {v.slice(0, 8)}
          </a>
        )),
      ]);
    }
  } else if (d.kind === 'unsafe-place') {
    rows.push(['record.field.title', d.title]);
    rows.push(['record.field.status', t(`record.status.${d.status}` as MessageKey)]);
    rows.push(['record.field.reasons', d.reasons.length ? d.reasons.map((r) => t(`record.reason.${r}` as MessageKey)).join(', ') : t('record.none')]);
    rows.push(['record.field.proposed_measure', text(d.proposedMeasure)]);
    rows.push(['record.field.description', text(d.description)]);
    rows.push(['record.field.public_summary', text(d.publicSummary)]);
    rows.push(['record.field.reported_at', dateTime(locale, d.reportedAt, t)]);
    if (d.statusChangedAt) rows.push(['record.field.status_changed_at', dateTime(locale, d.statusChangedAt, t)]);
    if (d.fixedAt) rows.push(['record.field.fixed_at', dateTime(locale, d.fixedAt, t)]);
    rows.push(['record.field.source', d.source]);
    if (d.walk) rows.push(['record.field.walk', `${d.walk.title} (${d.walk.walkedOn})`]);
  } else {
    rows.push(['record.field.kind', t(`record.vandalismKind.${d.vandalismKind}` as MessageKey)]);
    rows.push(['record.field.offensive', d.offensive ? t('record.yes') : t('record.no')]);
    rows.push(['record.field.status', t(`record.status.${d.status}` as MessageKey)]);
    rows.push(['record.field.reported_at', dateTime(locale, d.reportedAt, t)]);
    if (d.assignedAt) rows.push(['record.field.assigned_at', dateTime(locale, d.assignedAt, t)]);
    if (d.remediatedAt) rows.push(['record.field.remediated_at', dateTime(locale, d.remediatedAt, t)]);
    rows.push(['record.field.responsible_org_id', d.responsibleOrganisation?.name ?? t('record.none')]);
    rows.push(['record.field.cost_sek', d.costSek === null ? t('record.none') : new Intl.NumberFormat(formattingLocale(locale), { style: 'currency', currency: 'SEK' }).format(d.costSek)]);
    rows.push(['record.field.description', text(d.description)]);
    rows.push(['record.field.public_summary', text(d.publicSummary)]);
    if (d.externalId) rows.push(['record.field.external_id', d.externalId]);
    if (d.incidentId) rows.push(['record.field.incident', <a href={`/karta/post/incident/${d.incidentId}`}>{d.incidentId.slice(0, 8)}</a>]);
  }
  rows.push(['record.field.location', `${d.lat.toFixed(6)}, ${d.lon.toFixed(6)}`]);
  rows.push(['record.field.organisation', d.organisation?.name ?? t('record.none')]);
  rows.push(['record.field.visibility', t(`record.visibility.${d.visibility}`)]);
  rows.push(['record.field.sensitivity', t(`record.sensitivity.${d.sensitivity}`)]);
  rows.push(['record.field.updated_at', dateTime(locale, d.updatedAt, t)]);
  return (
    <dl className={s.details} data-testid="record-details">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{t(label)}</dt>
          <dd data-field={label.replace('record.field.', '')}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Field({ name, label, errors, children }: { name: string; label: string; errors: Map<string, string[]>; children: ReactNode }) {
  const messages = errors.get(name);
  return (
    <div className={s.field}>
      <label htmlFor={`f-${name}`}>{label}</label>
      {children}
      {messages?.map((m) => (
        <span key={m} className={s.fieldError} id={`e-${name}`} data-testid={`error-${name}`}>
          {m}
        </span>
      ))}
    </div>
  );
}

function EditForm({ detail: d, choices, locale, t, errors }: { detail: RecordDetail; choices: RecordFormChoices; locale: Locale; t: Translate; errors: Map<string, string[]> }) {
  const input = (name: string, value: string | number | null, type = 'text', extra: Record<string, unknown> = {}) => (
    <input id={`f-${name}`} name={name} type={type} defaultValue={value ?? ''} aria-invalid={errors.has(name) || undefined} aria-describedby={errors.has(name) ? `e-${name}` : undefined} {...extra} />
  );
  const area = (name: string, value: string | null) => <textarea id={`f-${name}`} name={name} rows={4} defaultValue={value ?? ''} aria-invalid={errors.has(name) || undefined} />;
  const select = (name: string, value: string, options: readonly { value: string; label: string }[]) => (
    <select id={`f-${name}`} name={name} defaultValue={value} aria-invalid={errors.has(name) || undefined}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  const F = (name: string, label: MessageKey, control: ReactNode) => (
    <Field key={name} name={name} label={t(label)} errors={errors}>
      {control}
    </Field>
  );
  const visibility = select('visibility', d.visibility, RECORD_ENUMS.visibility.map((v) => ({ value: v, label: t(`record.visibility.${v}`) })));
  const fields: ReactNode[] = [];
  if (d.kind === 'incident') {
    fields.push(F('category_key', 'record.field.category', select('category_key', d.categoryKey, choices.categories.map((c) => ({ value: c.key, label: locale === 'sv' ? c.labelSv : c.labelEn })))));
    fields.push(F('occurred_at', 'record.field.occurred_at', input('occurred_at', isoToStockholmLocal(d.occurredAt), 'datetime-local', { required: true, step: 1 })));
    fields.push(F('occurred_to', 'record.field.occurred_to', input('occurred_to', isoToStockholmLocal(d.occurredTo), 'datetime-local', { step: 1 })));
    fields.push(F('description', 'record.field.description', area('description', d.description)));
  } else if (d.kind === 'unsafe-place') {
    fields.push(F('title', 'record.field.title', input('title', d.title, 'text', { required: true, maxLength: 200 })));
    fields.push(F('status', 'record.field.status', select('status', d.status, RECORD_ENUMS.unsafeStatuses.map((v) => ({ value: v, label: t(`record.status.${v}` as MessageKey) })))));
    fields.push(
      <Field key="reasons" name="reasons" label={t('record.field.reasons')} errors={errors}>
        <fieldset className={s.reasons} id="f-reasons">
          <input type="hidden" name="reasons__present" value="1" />
          {RECORD_ENUMS.unsafeReasons.map((r) => (
            <label key={r}>
              <input type="checkbox" name="reasons" value={r} defaultChecked={d.reasons.includes(r)} /> {t(`record.reason.${r}` as MessageKey)}
            </label>
          ))}
        </fieldset>
      </Field>,
    );
    fields.push(F('proposed_measure', 'record.field.proposed_measure', area('proposed_measure', d.proposedMeasure)));
    fields.push(F('fixed_at', 'record.field.fixed_at', input('fixed_at', isoToStockholmLocal(d.fixedAt), 'datetime-local', { step: 1 })));
    fields.push(F('description', 'record.field.description', area('description', d.description)));
    fields.push(F('public_summary', 'record.field.public_summary', area('public_summary', d.publicSummary)));
  } else {
    fields.push(F('kind', 'record.field.kind', select('kind', d.vandalismKind, RECORD_ENUMS.vandalismKinds.map((v) => ({ value: v, label: t(`record.vandalismKind.${v}` as MessageKey) })))));
    fields.push(
      F(
        'offensive',
        'record.field.offensive',
        <>
          <input type="hidden" name="offensive__present" value="1" />
          {select('offensive', String(d.offensive), [
            { value: 'false', label: t('record.no') },
            { value: 'true', label: t('record.yes') },
          ])}
        </>,
      ),
    );
    fields.push(F('status', 'record.field.status', select('status', d.status, RECORD_ENUMS.vandalismStatuses.map((v) => ({ value: v, label: t(`record.status.${v}` as MessageKey) })))));
    fields.push(
      F(
        'responsible_org_id',
        'record.field.responsible_org_id',
        select('responsible_org_id', d.responsibleOrganisation?.id ?? '', [{ value: '', label: t('record.none') }, ...choices.organisations.map((o) => ({ value: o.id, label: o.name }))]),
      ),
    );
    fields.push(F('assigned_at', 'record.field.assigned_at', input('assigned_at', isoToStockholmLocal(d.assignedAt), 'datetime-local', { step: 1 })));
    fields.push(F('remediated_at', 'record.field.remediated_at', input('remediated_at', isoToStockholmLocal(d.remediatedAt), 'datetime-local', { step: 1 })));
    fields.push(F('cost_sek', 'record.field.cost_sek', input('cost_sek', d.costSek, 'text', { inputMode: 'decimal' })));
    fields.push(F('description', 'record.field.description', area('description', d.description)));
    fields.push(F('public_summary', 'record.field.public_summary', area('public_summary', d.publicSummary)));
  }
  fields.push(F('lat', 'record.field.lat', input('lat', d.lat, 'text', { inputMode: 'decimal' })));
  fields.push(F('lon', 'record.field.lon', input('lon', d.lon, 'text', { inputMode: 'decimal' })));
  fields.push(F('visibility', 'record.field.visibility', visibility));
  return (
    <section>
      <h2>{t('record.edit.heading')}</h2>
      <p>{t('record.timeHint')}</p>
      <form action={updateRecordAction} className={s.form} data-testid="record-form">
        <input type="hidden" name="kind" value={d.kind} />
        <input type="hidden" name="id" value={d.id} />
        {fields}
        <div>
          <button type="submit">{t('record.edit.save')}</button>
        </div>
      </form>
    </section>
  );
}
