'use client';
// The map's side panels: one record (click on a point), a lasso selection (list, counts, export) and an
// area (survey results and counts). Each is a labelled dialog region that takes focus when it opens
// and closes with Esc or its close button; the data comes from the server, never from the points.
import { useEffect, useRef, useState } from 'react';
import { CATEGORIES } from '@/lib/domain/categories';
import { formattingLocale, getTranslator, type Locale, type MessageKey, type Translate } from '@/lib/i18n/translate';
import type { AreaPanelDto } from '@/lib/map/area-panel';
import type { SelectedKind, SelectionDto } from '@/lib/map/selection';
import type { RecordDetail } from '@/lib/schemas/record-detail';
import styles from './map-panels.module.css';

const CATEGORY_BY_KEY = new Map(CATEGORIES.map((c) => [c.key, c]));

export function categoryLabel(locale: Locale, key: string): string {
  const c = CATEGORY_BY_KEY.get(key);
  return c ? (locale === 'sv' ? c.labelSv : c.labelEn) : key;
}

function formatDateTime(locale: Locale, iso: string | null | undefined, withTime = true): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(formattingLocale(locale), {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

/** A message key that may not exist (status values, sources): the raw value then. */
function maybe(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

function PanelShell(props: { title: string; testId: string; onClose: () => void; children: React.ReactNode; closeLabel: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [props.title]);
  const id = `${props.testId}-title`;
  return (
    <section className={`map-side-panel ${styles.panel}`} role="dialog" aria-modal="false" aria-labelledby={id} data-testid={props.testId}>
      <div className={styles.panelHead}>
        <h2 id={id} ref={headingRef} tabIndex={-1}>
          {props.title}
        </h2>
        <button type="button" className={styles.close} onClick={props.onClose} aria-label={props.closeLabel} data-testid="panel-close">
          ×
        </button>
      </div>
      {props.children}
    </section>
  );
}

type Fetched<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'missing' } | { status: 'error'; message: string };

function useJson<T>(url: string): Fetched<T> {
  const [state, setState] = useState<Fetched<T>>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    fetch(url, { signal: abort.signal, cache: 'no-store' })
      .then(async (res) => {
        if (res.status === 404) return setState({ status: 'missing' });
        const body = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
        if (!res.ok || !body) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
        setState({ status: 'ready', data: body });
      })
      .catch((err: Error) => {
        if (!abort.signal.aborted) setState({ status: 'error', message: err.message });
      });
    return () => abort.abort();
  }, [url]);
  return state;
}

export function RecordPanel({ locale, kind, id, onClose }: { locale: Locale; kind: SelectedKind; id: string; onClose: () => void }) {
  const t = getTranslator(locale);
  const state = useJson<RecordDetail>(`/api/v1/records/${kind}/${encodeURIComponent(id)}`);
  const rows: [string, string | null | undefined][] = [];
  if (state.status === 'ready') {
    const r = state.data;
    if (r.kind === 'incident') {
      rows.push([t('karta.record.category'), locale === 'sv' ? r.categoryLabelSv : r.categoryLabelEn]);
      rows.push([t('karta.record.occurred'), formatDateTime(locale, r.occurredAt)]);
      if (r.occurredTo) rows.push([t('karta.record.occurredTo'), formatDateTime(locale, r.occurredTo)]);
      rows.push([t('karta.record.source'), maybe(t, `source.${r.source}`, r.source)]);
    } else if (r.kind === 'unsafe-place') {
      rows.push([t('karta.kind.unsafe-place'), r.title]);
      rows.push([t('karta.record.status'), maybe(t, `status.${r.status}`, r.status)]);
      rows.push([t('karta.record.reasons'), r.reasons.map((x) => maybe(t, `karta.reason.${x}`, x)).join(', ') || '–']);
      rows.push([t('karta.record.measure'), r.proposedMeasure]);
      rows.push([t('karta.record.reported'), formatDateTime(locale, r.reportedAt, false)]);
      if (r.walk) rows.push([t('karta.record.walk'), `${r.walk.title} (${r.walk.walkedOn})`]);
    } else {
      rows.push([t('karta.record.category'), maybe(t, `karta.vandalismKind.${r.vandalismKind}`, r.vandalismKind)]);
      rows.push([t('karta.record.status'), maybe(t, `status.${r.status}`, r.status)]);
      rows.push([t('karta.record.offensive'), r.offensive ? t('karta.yes') : t('karta.no')]);
      rows.push([t('karta.record.reported'), formatDateTime(locale, r.reportedAt)]);
      if (r.remediatedAt) rows.push([t('karta.record.remediated'), formatDateTime(locale, r.remediatedAt)]);
      if (r.responsibleOrganisation) rows.push([t('karta.record.responsible'), r.responsibleOrganisation.name]);
      if (r.costSek !== null) rows.push([t('karta.record.cost'), `${new Intl.NumberFormat(formattingLocale(locale)).format(r.costSek)} kr`]);
    }
    rows.push([t('karta.record.organisation'), r.organisation?.name ?? '–']);
    rows.push([t('karta.record.visibility'), maybe(t, `karta.visibility.${r.visibility}`, r.visibility)]);
    rows.push([t('karta.record.description'), r.description]);
  }
  return (
    <PanelShell title={t(`karta.kind.${kind}`)} testId="record-panel" onClose={onClose} closeLabel={t('karta.close')}>
      {state.status === 'loading' ? <p>{t('karta.record.loading')}</p> : null}
      {state.status === 'missing' ? <p data-testid="record-missing">{t('karta.record.notFound')}</p> : null}
      {state.status === 'error' ? <p className="map-panel__error">{t('karta.record.error', { message: state.message })}</p> : null}
      {state.status === 'ready' ? (
        <>
          <dl className={styles.fields} data-testid="record-fields" data-kind={kind} data-id={id}>
            {rows.map(([k, v]) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{k}</dt>
                <dd>{v || '–'}</dd>
              </div>
            ))}
          </dl>
          {state.data.canEdit ? (
            <div className={styles.actions}>
              <a href={`/karta/post/${kind}/${encodeURIComponent(id)}`} data-testid="record-edit">
                {t('karta.record.edit')}
              </a>
            </div>
          ) : null}
        </>
      ) : null}
    </PanelShell>
  );
}

export type SelectionState = { status: 'loading' } | { status: 'ready'; dto: SelectionDto } | { status: 'error'; message: string };

export function SelectionPanel(props: {
  locale: Locale;
  state: SelectionState;
  onClose: () => void;
  onOpen: (kind: SelectedKind, id: string) => void;
  onExport: (format: 'csv' | 'geojson') => Promise<void>;
}) {
  const { locale, state } = props;
  const t = getTranslator(locale);
  const [exportError, setExportError] = useState<string | null>(null);
  const run = (format: 'csv' | 'geojson') => {
    setExportError(null);
    props.onExport(format).catch((err: Error) => setExportError(err.message));
  };
  const dto = state.status === 'ready' ? state.dto : null;
  const total = dto ? (dto.counts.incidents ?? 0) + (dto.counts.unsafePlaces ?? 0) + (dto.counts.vandalism ?? 0) : 0;
  const layerCount = (label: MessageKey, n: number | null, key: string) => (
    <li data-testid={`selection-count-${key}`} data-count={n ?? ''}>
      <span>{t(label)}</span>
      <strong>{n === null ? t('summary.hidden') : new Intl.NumberFormat(formattingLocale(locale)).format(n)}</strong>
    </li>
  );
  return (
    <PanelShell title={t('karta.selection.title')} testId="selection-panel" onClose={props.onClose} closeLabel={t('karta.close')}>
      {state.status === 'loading' ? <p>{t('karta.selection.loading')}</p> : null}
      {state.status === 'error' ? <p className="map-panel__error">{t('karta.selection.error', { message: state.message })}</p> : null}
      {dto ? (
        <div data-testid="selection-result" data-total={total}>
          <ul className={styles.counts}>
            {layerCount('summary.incidents', dto.counts.incidents, 'incidents')}
            {layerCount('summary.unsafe', dto.counts.unsafePlaces, 'unsafe')}
            {layerCount('summary.vandalism', dto.counts.vandalism, 'vandalism')}
          </ul>
          {dto.byCategory.length ? (
            <table className={styles.table}>
              <caption className={styles.muted} style={{ textAlign: 'left' }}>
                {t('karta.selection.byCategory')}
              </caption>
              <tbody>
                {dto.byCategory.map((c) => (
                  <tr key={c.key} data-testid="selection-category" data-key={c.key} data-count={c.count}>
                    <th scope="row">{categoryLabel(locale, c.key)}</th>
                    <td className={styles.num}>{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {total === 0 ? <p data-testid="selection-empty">{t('karta.selection.empty')}</p> : null}
          {dto.canExport && total > 0 ? (
            <div className={styles.actions}>
              <button type="button" onClick={() => run('csv')} data-testid="export-csv">
                {t('karta.selection.exportCsv')}
              </button>
              <button type="button" onClick={() => run('geojson')} data-testid="export-geojson">
                {t('karta.selection.exportGeojson')}
              </button>
            </div>
          ) : null}
          {!dto.canExport && total > 0 ? <p className={styles.muted}>{t('karta.selection.noExport')}</p> : null}
          {exportError ? <p className="map-panel__error">{t('karta.selection.exportError', { message: exportError })}</p> : null}
          {dto.records.length ? (
            <>
              <h3 style={{ fontSize: '0.95rem', margin: '0.5rem 0 0.25rem' }}>{t('karta.selection.records')}</h3>
              <ul className={styles.records}>
                {dto.records.map((r) => (
                  <li key={`${r.kind}:${r.id}`} data-testid="selection-record" data-kind={r.kind} data-id={r.id}>
                    <button type="button" onClick={() => props.onOpen(r.kind, r.id)}>
                      {t(`karta.kind.${r.kind}`)}: {r.kind === 'incident' ? categoryLabel(locale, r.label) : r.kind === 'vandalism' ? maybe(t, `karta.vandalismKind.${r.label}`, r.label) : r.label}
                      {r.status ? ` (${maybe(t, `status.${r.status}`, r.status)})` : ''}
                      <span className={styles.muted}> · {formatDateTime(locale, r.at, r.kind !== 'unsafe-place')}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {dto.truncated ? <p className={styles.muted}>{t('karta.selection.truncated', { count: 2000 })}</p> : null}
        </div>
      ) : null}
    </PanelShell>
  );
}

/** Dialogue summaries of the area (issue 5), newest first, each folded to its title with a link to correct it; a link to add one. */
function AreaDialogues({ locale, dialogues }: { locale: Locale; dialogues: NonNullable<AreaPanelDto['dialogues']> }) {
  const t = getTranslator(locale);
  const k = (key: string, p?: Record<string, string | number>) => t(key as Parameters<typeof t>[0], p);
  return (
    <section data-testid="area-dialogues">
      <h3 style={{ fontSize: '0.95rem', margin: '0.5rem 0 0.25rem' }}>{k('import.dialogue.panelHeading')}</h3>
      {dialogues.length === 0 ? <p className={styles.muted}>{k('import.dialogue.panelNone')}</p> : null}
      {dialogues.map((d) => (
        <details key={d.id} data-testid="area-dialogue-row" data-kind={d.kind} data-title={d.title}>
          <summary>{d.title}</summary>
          <p className={styles.muted}>
            {k('import.dialogue.panelMeta', {
              kind: k(`import.dialogue.kind.${d.kind}`),
              date: d.heldOn,
              participants: d.participants === null ? '' : k('import.dialogue.panelParticipants', { count: d.participants }),
              meeting: d.meetingHeldOn ? k('import.dialogue.panelMeeting', { date: d.meetingHeldOn }) : '',
            })}
            {d.source ? ` · ${d.source}` : ''}
          </p>
          <p style={{ whiteSpace: 'pre-wrap', margin: '0.25rem 0' }}>{d.summary}</p>
          <p>
            <a href={`/import/dialog/${encodeURIComponent(d.id)}`} aria-label={k('dialogueEdit.linkLabel', { title: d.title })} data-testid="area-dialogue-edit">
              {k('dialogueEdit.link')}
            </a>
          </p>
        </details>
      ))}
      <p>
        <a href="/import#dialog">{k('import.dialogue.panelAdd')}</a>
      </p>
    </section>
  );
}

export function AreaPanel({ locale, areaId, filterQuery, onClose }: { locale: Locale; areaId: string; filterQuery: string; onClose: () => void }) {
  const t = getTranslator(locale);
  const state = useJson<AreaPanelDto>(`/api/v1/situation/areas/${encodeURIComponent(areaId)}?${filterQuery}`);
  const nf = new Intl.NumberFormat(formattingLocale(locale));
  const title = state.status === 'ready' ? t('karta.area.title', { name: state.data.area.name }) : t('karta.area.loading');
  return (
    <PanelShell title={title} testId="area-panel" onClose={onClose} closeLabel={t('karta.close')}>
      {state.status === 'missing' ? <p>{t('karta.record.notFound')}</p> : null}
      {state.status === 'error' ? <p className="map-panel__error">{t('karta.record.error', { message: state.message })}</p> : null}
      {state.status === 'ready' ? (
        <div data-area-id={state.data.area.id}>
          <h3 style={{ fontSize: '0.95rem', margin: '0 0 0.25rem' }}>{t('karta.area.counts')}</h3>
          {state.data.counts.mode === 'exact' ? (
            <ul className={styles.counts}>
              {(
                [
                  ['summary.incidents', state.data.counts.incidents, 'incidents'],
                  ['summary.unsafe', state.data.counts.unsafePlaces, 'unsafe'],
                  ['summary.vandalism', state.data.counts.vandalism, 'vandalism'],
                ] as const
              ).map(([label, n, key]) => (
                <li key={key} data-testid={`area-count-${key}`} data-count={n ?? ''}>
                  <span>{t(label)}</span>
                  <strong>{n === null ? t('summary.hidden') : nf.format(n)}</strong>
                </li>
              ))}
            </ul>
          ) : (
            <>
              <ul className={styles.counts}>
                <li data-testid="area-count-incidents" data-count={state.data.counts.incidents ?? ''}>
                  <span>{t('summary.incidents')}</span>
                  <strong>{state.data.counts.incidents === null ? t('karta.area.suppressed', { k: state.data.counts.k }) : nf.format(state.data.counts.incidents)}</strong>
                </li>
              </ul>
              <p className={styles.muted}>{t('karta.area.aggregateNote', { from: state.data.counts.from, to: state.data.counts.to, k: state.data.counts.k })}</p>
            </>
          )}
          <h3 style={{ fontSize: '0.95rem', margin: '0.5rem 0 0.25rem' }}>{t('karta.area.surveys')}</h3>
          {state.data.surveys.length ? (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t('karta.area.year')}</th>
                  <th scope="col">{t('karta.area.indicator')}</th>
                  <th scope="col">{t('karta.area.value')}</th>
                  <th scope="col">{t('karta.area.source')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.surveys.map((s, i) => (
                  <tr key={`${s.year}:${s.indicator}:${i}`} data-testid="area-survey-row" data-year={s.year} data-indicator={s.indicator} data-value={s.value}>
                    <td>{s.year}</td>
                    <td>{s.indicator}</td>
                    <td className={styles.num}>
                      {nf.format(s.value)}
                      {s.unit === 'percent' ? ' %' : ` ${s.unit}`}
                    </td>
                    <td>{s.source ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className={styles.muted}>{t('karta.area.noSurveys')}</p>
          )}
          {state.data.dialogues ? <AreaDialogues locale={locale} dialogues={state.data.dialogues} /> : null}
        </div>
      ) : null}
    </PanelShell>
  );
}
