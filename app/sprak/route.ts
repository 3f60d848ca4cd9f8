// GET /sprak?lang=en&next=/karta – remembers the language in a cookie and returns to the page
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from '@/lib/i18n/translate';
import { safeLocalPath } from '../_lib/safe-local-path';

export const dynamic = 'force-dynamic';

const ONE_YEAR_S = 60 * 60 * 24 * 365;

export function GET(request: Request): Response {
  const params = new URL(request.url).searchParams;
  const lang = params.get('lang');
  // Only same-site paths: an open redirect would let a link carry users anywhere.
  const target = safeLocalPath(params.get('next'));
  // A relative Location keeps the host the browser used (behind a proxy, request.url may name another).
  return new Response(null, {
    status: 303,
    headers: {
      location: target,
      'set-cookie': `${LOCALE_COOKIE}=${isLocale(lang) ? lang : DEFAULT_LOCALE}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`,
      'cache-control': 'no-store',
    },
  });
}
