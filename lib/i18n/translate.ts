// A typed translator over the flat message tables. Pure: the locale is passed in.
import { en } from './messages/en';
import { type MessageKey, type Messages, sv } from './messages/sv';

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';
/** Cookie that remembers the chosen language. */
export const LOCALE_COOKIE = 'lang';

const TABLES: Record<Locale, Messages> = { sv, en };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale from `?lang=` (wins) or the cookie; Swedish otherwise. */
export function resolveLocale(input: { query?: string | null; cookie?: string | null }): Locale {
  if (isLocale(input.query)) return input.query;
  if (isLocale(input.cookie)) return input.cookie;
  return DEFAULT_LOCALE;
}

/** BCP 47 tag for number and date formatting (dates and numbers in sv-SE or en-GB style). */
export function formattingLocale(locale: Locale): string {
  return locale === 'sv' ? 'sv-SE' : 'en-GB';
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(formattingLocale(locale)).format(n);
}

/** Returns t(key, params): numbers in params are formatted for the locale. */
export function getTranslator(locale: Locale): Translate {
  const table = TABLES[locale];
  return (key, params) => {
    const text = table[key] ?? sv[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = params[name];
      if (v === undefined) return m;
      return typeof v === 'number' ? formatNumber(locale, v) : v;
    });
  };
}

export type { MessageKey, Messages };
