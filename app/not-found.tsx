import { getTranslator } from '@/lib/i18n/translate';
import { getRequestLocale } from './_lib/request-locale';

// Every 404 (a missing page, and a record or admin page the viewer may not see: the same answer).
// Our own page instead of Next's default, whose inline <style> the Content-Security-Policy refuses.
export default async function NotFound() {
  const t = getTranslator(await getRequestLocale());
  return (
    <main id="main" style={{ padding: '2rem', maxWidth: '40rem' }}>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </main>
  );
}
