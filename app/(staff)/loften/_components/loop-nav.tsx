import { formattingLocale, getTranslator, type Locale, type MessageKey, type Translate } from '@/lib/i18n/translate';

/** The council loop's own navigation (plain links): pledges, focus areas, activities, follow-up, meetings, notifications. */
export function LoopNav({ current, t }: { current: 'loften' | 'fokusomraden' | 'aktiviteter' | 'uppfoljning' | 'motesplan' | 'notiser'; t: Translate }) {
  const links = [
    ['loften', '/loften', 'loop.nav.pledges'],
    ['fokusomraden', '/fokusomraden', 'loop.nav.focusAreas'],
    ['aktiviteter', '/aktiviteter', 'loop.nav.activities'],
    ['uppfoljning', '/uppfoljning', 'loop.nav.followUp'],
    ['motesplan', '/motesplan', 'loop.nav.meetings'],
    ['notiser', '/notiser', 'loop.nav.notifications'],
  ] as const;
  return (
    <nav aria-label={t('loop.nav.label')} style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', margin: '0.5rem 0 1rem' }}>
      {links.map(([key, href, label]) => (
        <a key={key} href={href} aria-current={key === current ? 'page' : undefined} data-testid={`loop-nav-${key}`}>
          {t(label)}
        </a>
      ))}
    </nav>
  );
}

/** The outcome of the last action, from the URL (?ok=… or ?fel=…; the action wrote it in the user's language). */
export function LoopOutcome({ params }: { params: Record<string, string | string[] | undefined> }) {
  const ok = typeof params.ok === 'string' ? params.ok : null;
  const fel = typeof params.fel === 'string' ? params.fel : null;
  if (fel) return <p role="alert" data-testid="loop-error" style={{ color: '#8a1c1c' }}>{fel}</p>;
  if (ok) return <p role="status" data-testid="loop-ok">{ok}</p>;
  return null;
}

export const ACTIVITY_STATUSES = ['proposed', 'decided', 'rejected', 'ongoing', 'done', 'cancelled'] as const;
export const FOLLOW_UP_STATUSES = ['on_track', 'delayed', 'done', 'not_started', 'cancelled'] as const;

/** An activity status in the user's language (unknown values as they are). */
export function activityStatusLabel(t: Translate, status: string): string {
  return (ACTIVITY_STATUSES as readonly string[]).includes(status) ? t(`loop.activityStatus.${status}` as MessageKey) : status;
}

export function followUpStatusLabel(t: Translate, status: string): string {
  return (FOLLOW_UP_STATUSES as readonly string[]).includes(status) ? t(`loop.followUpStatus.${status}` as MessageKey) : status;
}

/**
 * A date ('YYYY-MM-DD') or local time ('YYYY-MM-DD HH:MI', already in Swedish time) for the locale:
 * Swedish keeps the ISO form (the Swedish convention), English reads "5 Mar 2026, 14:05".
 */
export function formatLoopDate(locale: Locale, value: string | null | undefined): string {
  if (!value) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(value);
  if (!m || locale === 'sv') return value;
  const [, y, mo, d, h, mi] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)));
  return new Intl.DateTimeFormat(formattingLocale(locale), h === undefined ? { timeZone: 'UTC', dateStyle: 'medium' } : { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A period "from – to" with "until further notice" for an open end. */
export function formatLoopPeriod(locale: Locale, from: string, to: string | null): string {
  return `${formatLoopDate(locale, from)} – ${to ? formatLoopDate(locale, to) : getTranslator(locale)('loop.untilFurtherNotice')}`;
}

export const PAGE_STYLE = { padding: '1rem', maxWidth: '72rem' } as const;
export const FORM_STYLE = { display: 'grid', gap: '0.5rem', maxWidth: '36rem', margin: '0.5rem 0 1.5rem' } as const;
