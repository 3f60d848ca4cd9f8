import { getTranslator, type Locale } from '@/lib/i18n/translate';
import type { DatabaseState } from '@/lib/server/db';
import { HealthPoller } from './health-poller';

/** Shown instead of a page while the database starts (PGlite takes 10–25 s) or after it failed. */
export function DatabaseStatus({ locale, state }: { locale: Locale; state: DatabaseState }) {
  const t = getTranslator(locale);
  const backend = t(state.backend === 'pglite' ? 'db.backend.pglite' : 'db.backend.postgres');
  if (state.phase === 'failed') {
    return (
      <section className="db-status db-status--failed" role="alert" data-testid="db-status" data-phase="failed">
        <h1>{t('db.failedTitle')}</h1>
        <p>{t('db.backendLabel', { backend })}</p>
        <p className="db-status__error">{state.error ?? '?'}</p>
        <p>{t('db.failedHelp')}</p>
      </section>
    );
  }
  return (
    <section className="db-status" data-testid="db-status" data-phase={state.phase} aria-busy="true">
      <h1>
        <span className="db-status__spinner" aria-hidden="true" />
        {t('db.startingTitle')}
      </h1>
      <p>{t('db.startingHelp')}</p>
      <p>{t('db.backendLabel', { backend })}</p>
      <HealthPoller locale={locale} initialPhase={state.phase} />
      <p>{t('db.autoRefresh')}</p>
    </section>
  );
}
