import 'server-only';
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, type Locale, resolveLocale } from '@/lib/i18n/translate';

/** The language of this request: the `lang` cookie (set by /sprak, which `?lang=` redirects to). */
export async function getRequestLocale(): Promise<Locale> {
  const store = await cookies();
  return resolveLocale({ cookie: store.get(LOCALE_COOKIE)?.value });
}

/** Where `?lang=xx` on a page goes: /sprak sets the cookie and comes back without the parameter. */
export function languageSwitchHref(lang: Locale, path: string, params?: URLSearchParams): string {
  const rest = new URLSearchParams(params);
  rest.delete('lang');
  const next = rest.size ? `${path}?${rest.toString()}` : path;
  return `/sprak?${new URLSearchParams({ lang, next }).toString()}`;
}
