'use client';
// The staff map's filters, read from and written to the URL (STYLE.md rule 6): the same filtersSchema
// parses them here, on the page and in the API, so a copied link reproduces the picture.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState, useTransition } from 'react';
import { CATEGORIES, CATEGORY_GROUPS, CATEGORY_GROUP_LABELS, CATEGORY_KEYS } from '@/lib/domain/categories';
import { getTranslator, type Locale, type MessageKey } from '@/lib/i18n/translate';
import { WEEKDAYS } from '@/lib/map/hour-weekday-matrix';
import { hourRange, hourRangeOf, monthPeriod, monthsBetween } from '@/lib/map/month-window';
import type { IncidentSource } from '@/lib/domain/constants';
import {
  MAP_LAYERS,
  MAP_VIEWS,
  UNSAFE_PLACE_STATUSES,
  VANDALISM_STATUSES,
  compactIntSet,
  filtersInputFrom,
  filtersSchema,
  shownLayers,
  unmappedSources,
} from '@/lib/schemas/map-filters';
import styles from './filter-bar.module.css';

/** Seconds per month while the time slider plays. */
const PLAY_STEP_MS = 2000;

export interface FilterBarProps {
  locale: Locale;
  /** The period shown when the URL names none. */
  defaultPeriod: { from: string; to: string };
  /** First and last month of the time slider. */
  monthDomain: { first: string; last: string };
  organisations: { id: string; name: string }[];
  areas: { id: string; name: string }[];
  /** Sources offered for the incident layer (lib/schemas/map-filters mapSourceOptions). */
  sources: readonly IncidentSource[];
  /** The police feed's own list, when the viewer may read it (named when the URL filters by the feed). */
  policeFeedHref: string | null;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function FilterBar({ locale, defaultPeriod, monthDomain, organisations, areas, sources, policeFeedHref }: FilterBarProps) {
  const t = getTranslator(locale);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [playing, setPlaying] = useState(false);
  const [copied, setCopied] = useState(false);

  // The URL being navigated to, shown at once (the server answers the new URL a moment later).
  const current = searchParams.toString();
  const [optimistic, setOptimistic] = useState<{ base: string; next: string } | null>(null);
  const query = optimistic && optimistic.base === current ? optimistic.next : current;
  const filters = useMemo(() => {
    const parsed = filtersSchema.safeParse(filtersInputFrom(new URLSearchParams(query)));
    return parsed.success ? parsed.data : filtersSchema.parse({});
  }, [query]);
  const from = filters.from ?? defaultPeriod.from;
  const to = filters.to ?? defaultPeriod.to;
  const months = useMemo(() => monthsBetween(monthDomain.first, monthDomain.last), [monthDomain.first, monthDomain.last]);
  const monthIndex = Math.max(0, months.indexOf(to.slice(0, 7)));

  const update = (change: (p: URLSearchParams) => void) => {
    const p = new URLSearchParams(query);
    change(p);
    p.delete('lang');
    const qs = p.toString();
    setOptimistic({ base: current, next: qs });
    // The map's view (#map=zoom/lat/lng, kept by MapLibre) stays in the link across filter changes.
    const hash = typeof window === 'undefined' ? '' : window.location.hash;
    startTransition(() => router.replace(`${qs ? `${pathname}?${qs}` : pathname}${hash}`, { scroll: false }));
  };
  const setOrDelete = (p: URLSearchParams, key: string, value: string | null | undefined) => {
    if (value) p.set(key, value);
    else p.delete(key);
  };
  const setMonth = (i: number) => {
    const period = monthPeriod(months[i]);
    update((p) => {
      p.set('from', period.from);
      p.set('to', period.to);
    });
  };

  // Play: one month per step until the last month of the slider.
  useEffect(() => {
    if (!playing) return;
    if (monthIndex >= months.length - 1) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(() => setMonth(monthIndex + 1), PLAY_STEP_MS);
    return () => window.clearTimeout(timer);
    // Steps when the URL (monthIndex) has moved.
  }, [playing, monthIndex, months.length]);

  const toggleIn = <T extends string | number>(all: readonly T[], current: readonly T[] | undefined, value: T): T[] | null => {
    const set = new Set(current ?? all);
    if (set.has(value)) set.delete(value);
    else set.add(value);
    const next = all.filter((x) => set.has(x));
    return next.length === 0 || next.length === all.length ? null : next;
  };

  const hours = hourRangeOf(filters.hours);
  const layers = shownLayers(filters);
  const categorySet = new Set(filters.categories ?? CATEGORY_KEYS);
  // A link may name a source the select does not offer (e.g. the police feed): shown as chosen, never
  // silently as "all", and the feed gets a note on why the map is empty for it.
  const source = filters.sources?.[0] ?? '';
  const sourceChoices: readonly string[] = source && !sources.includes(source) ? [...sources, source] : sources;
  const unmapped = unmappedSources(filters);

  return (
    <form className={styles.bar} aria-labelledby="filters-title" data-testid="filter-bar" aria-busy={pending} onSubmit={(e) => e.preventDefault()}>
      <h2 id="filters-title" className={styles.heading}>
        {t('filters.title')}
      </h2>

      <div className={styles.row}>
        <label className={styles.field}>
          <span>{t('filters.from')}</span>
          <input type="date" value={from} max={to} onChange={(e) => e.target.value && update((p) => p.set('from', e.target.value))} data-testid="filter-from" />
        </label>
        <label className={styles.field}>
          <span>{t('filters.to')}</span>
          <input type="date" value={to} min={from} onChange={(e) => e.target.value && update((p) => p.set('to', e.target.value))} data-testid="filter-to" />
        </label>
      </div>

      {months.length > 1 ? (
        <div className={styles.row}>
          <button
            type="button"
            className={styles.play}
            onClick={() => setPlaying((x) => !x)}
            aria-pressed={playing}
            aria-label={playing ? t('filters.pause') : t('filters.play')}
            title={playing ? t('filters.pause') : t('filters.play')}
            data-testid="filter-play"
          >
            <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span>
          </button>
          <label className={styles.slider}>
            <span className={styles.hint}>{t('filters.month', { month: months[monthIndex] })}</span>
            <input
              type="range"
              min={0}
              max={months.length - 1}
              step={1}
              value={monthIndex}
              aria-label={t('filters.monthSlider')}
              aria-valuetext={months[monthIndex]}
              onChange={(e) => setMonth(Number(e.target.value))}
              data-testid="filter-month"
            />
          </label>
        </div>
      ) : null}

      <fieldset className={styles.fieldset}>
        <legend>{t('filters.weekdays')}</legend>
        <div className={styles.chips}>
          {WEEKDAYS.map((wd) => (
            <label key={wd} className={styles.chip}>
              <input
                type="checkbox"
                checked={!filters.weekdays || filters.weekdays.includes(wd)}
                onChange={() => update((p) => setOrDelete(p, 'weekdays', toggleIn(WEEKDAYS, filters.weekdays, wd)?.join(',')))}
                data-testid={`filter-weekday-${wd}`}
              />
              <abbr title={t(`weekdayLong.${wd}` as MessageKey)}>{t(`weekday.${wd}` as MessageKey)}</abbr>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>{t('filters.hours')}</legend>
        <div className={styles.row}>
          <label className={styles.field}>
            <span>{t('filters.hourFrom')}</span>
            <select
              value={hours ? String(hours.start) : ''}
              onChange={(e) =>
                update((p) => setOrDelete(p, 'hours', e.target.value === '' ? null : compactIntSet(hourRange(Number(e.target.value), hours?.end ?? 23))))
              }
              data-testid="filter-hour-from"
            >
              <option value="">{t('filters.allDay')}</option>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {String(h).padStart(2, '0')}:00
                </option>
              ))}
            </select>
          </label>
          <label className={styles.field}>
            <span>{t('filters.hourTo')}</span>
            <select
              value={hours ? String(hours.end) : ''}
              onChange={(e) =>
                update((p) => setOrDelete(p, 'hours', e.target.value === '' ? null : compactIntSet(hourRange(hours?.start ?? 0, Number(e.target.value)))))
              }
              data-testid="filter-hour-to"
            >
              <option value="">{t('filters.allDay')}</option>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {String(h).padStart(2, '0')}:59
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>

      <details className={styles.details}>
        <summary>
          {t('filters.categories')}: {filters.categories ? t('filters.categoriesCount', { count: filters.categories.length }) : t('filters.allCategories')}
        </summary>
        {CATEGORY_GROUPS.map((g) => {
          const cats = CATEGORIES.filter((c) => c.group === g);
          if (cats.length === 0) return null;
          return (
            <fieldset key={g} className={styles.fieldset}>
              <legend>{CATEGORY_GROUP_LABELS[g][locale]}</legend>
              {cats.map((c) => (
                <label key={c.key} className={styles.check}>
                  <input
                    type="checkbox"
                    checked={categorySet.has(c.key)}
                    onChange={() => update((p) => setOrDelete(p, 'categories', toggleIn(CATEGORY_KEYS, filters.categories, c.key)?.join(',')))}
                  />
                  {locale === 'sv' ? c.labelSv : c.labelEn}
                </label>
              ))}
            </fieldset>
          );
        })}
      </details>

      {unmapped.length ? (
        <div className={styles.notice} role="status" data-testid="filter-source-unmapped">
          <p>{t('mapSource.feedNotOnMap')}</p>
          <p>
            {policeFeedHref ? (
              <>
                <a href={policeFeedHref}>{t('mapSource.feedList')}</a>{' '}
              </>
            ) : null}
            <button type="button" className={styles.linkButton} onClick={() => update((p) => p.delete('sources'))} data-testid="filter-source-clear">
              {t('mapSource.showAll')}
            </button>
          </p>
        </div>
      ) : null}

      <div className={styles.row}>
        <label className={styles.field}>
          <span>{t('filters.source')}</span>
          <select value={filters.sources?.[0] ?? ''} onChange={(e) => update((p) => setOrDelete(p, 'sources', e.target.value))} data-testid="filter-source">
            <option value="">{t('filters.all')}</option>
            {sourceChoices.map((s) => (
              <option key={s} value={s}>
                {unmapped.includes(s as IncidentSource) ? t('mapSource.optionUnmapped', { source: t(`source.${s}` as MessageKey) }) : t(`source.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>{t('filters.organisation')}</span>
          <select value={filters.org ?? ''} onChange={(e) => update((p) => setOrDelete(p, 'org', e.target.value))} data-testid="filter-org">
            <option value="">{t('filters.all')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className={styles.field}>
        <span>{t('filters.area')}</span>
        <select value={filters.area ?? ''} onChange={(e) => update((p) => setOrDelete(p, 'area', e.target.value))} data-testid="filter-area">
          <option value="">{t('filters.all')}</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>

      <fieldset className={styles.fieldset}>
        <legend>{t('filters.layers')}</legend>
        {MAP_LAYERS.map((layer) => (
          <div key={layer}>
            <label className={styles.check}>
              <input
                type="checkbox"
                checked={layers.includes(layer)}
                // The last layer shown stays on: an empty map has no link to share.
                disabled={layers.length === 1 && layers.includes(layer)}
                onChange={() => {
                  const next = layers.includes(layer) ? layers.filter((l) => l !== layer) : MAP_LAYERS.filter((l) => l === layer || layers.includes(l));
                  update((p) => setOrDelete(p, 'layers', next.length === MAP_LAYERS.length ? null : next.join(',')));
                }}
                data-testid={`filter-layer-${layer}`}
              />
              {t(`layer.${layer}` as MessageKey)}
            </label>
            {layer !== 'incidents' && layers.includes(layer) ? (
              <div className={styles.indent}>
                {(layer === 'unsafe' ? UNSAFE_PLACE_STATUSES : VANDALISM_STATUSES).map((s) => {
                  const all = [...UNSAFE_PLACE_STATUSES, ...VANDALISM_STATUSES];
                  return (
                    <label key={s} className={styles.chip}>
                      <input
                        type="checkbox"
                        checked={!filters.status || filters.status.includes(s)}
                        onChange={() => update((p) => setOrDelete(p, 'status', toggleIn(all, filters.status, s)?.join(',')))}
                      />
                      {t(`status.${s}` as MessageKey)}
                    </label>
                  );
                })}
              </div>
            ) : null}
          </div>
        ))}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>{t('filters.view')}</legend>
        <div className={styles.chips}>
          {MAP_VIEWS.map((v) => (
            <label key={v} className={styles.chip}>
              <input
                type="radio"
                name="view"
                value={v}
                checked={(filters.view ?? 'points') === v}
                onChange={() => update((p) => setOrDelete(p, 'view', v === 'points' ? null : v))}
                data-testid={`filter-view-${v}`}
              />
              {t(`view.${v}` as MessageKey)}
            </label>
          ))}
        </div>
      </fieldset>

      <div className={styles.row}>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true));
          }}
          data-testid="filter-copy"
        >
          {t('filters.copyLink')}
        </button>
        <a href={pathname} className={styles.reset}>
          {t('filters.reset')}
        </a>
      </div>
      <p role="status" className={styles.hint}>
        {copied ? t('filters.copied') : ''}
      </p>
    </form>
  );
}
