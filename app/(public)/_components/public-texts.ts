// Small formatting helpers shared by the public pages (locale passed in; no data access).
import { formattingLocale, type Locale, type Translate } from '@/lib/i18n/translate';
import type { MessageKey } from '@/lib/i18n/translate';

/** "12", "minst 12" / "at least 12", or "färre än 5" / "fewer than 5". */
export function figureText(t: Translate, f: { count: number | null; atLeast: boolean }, k: number): string {
  if (f.count === null) return t('public.fewerThan', { k });
  return f.atLeast ? t('public.atLeast', { n: f.count }) : String(f.count);
}

/** A calendar date 'YYYY-MM-DD' in the reader's language (no time of day is ever shown). */
export function formatDay(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** A message key built from a prefix and a value, falling back to the value when the table lacks it. */
export function labelOf(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}
