import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getCaptureAccess } from '@/lib/server/capture/capture-access';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { canReadWalks, canWalk, listWalkAreas, listWalkOrganisations, listWalksFor } from '@/lib/server/walks/walks';
import { captureTexts, fill } from '../../_components/capture/capture-texts';
import styles from '../../_components/capture/capture.module.css';
import { DatabaseStatus } from '../../_components/ui/database-status';
import { getRequestLocale } from '../../_lib/request-locale';
import { createWalkAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: captureTexts(await getRequestLocale()).walksTitle };
}

function formatDate(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export default async function WalksPage({ searchParams }: { searchParams: SearchParams }) {
  const locale = await getRequestLocale();
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;
  const access = await getCaptureAccess();
  if (!access || !canReadWalks(access.viewer)) notFound();
  const texts = captureTexts(locale);
  const params = await searchParams;
  const failed = typeof params.fel === 'string' ? params.fel.split(',').filter(Boolean) : [];
  const [walks, organisations, areas] = await Promise.all([
    listWalksFor(access.db, access.viewer),
    listWalkOrganisations(access.db, access.viewer.municipalityCode),
    listWalkAreas(access.viewer.municipalityCode),
  ]);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());
  return (
    <div className={styles.page}>
      <h1>{texts.walksTitle}</h1>
      <p className={styles.muted}>{texts.walksIntro}</p>
      {canWalk(access.viewer) ? (
        <details className={styles.walkCreate} open={failed.length > 0 || walks.length === 0}>
          <summary data-testid="walk-new">{texts.walkNew}</summary>
          {failed.length > 0 ? (
            <div className={styles.errorSummary} role="alert" data-testid="walk-errors">
              <p>{texts.errorsTitle}</p>
              <ul>
                {failed.map((f) => (
                  <li key={f}>{f === 'forbidden' ? texts.forbidden : (texts.error[f] ?? f)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <form action={createWalkAction} className={styles.form} data-testid="walk-create-form">
            <label className={styles.field}>
              {texts.walkTitle}
              <input name="title" required maxLength={200} aria-invalid={failed.includes('title')} data-testid="walk-title" />
            </label>
            <label className={styles.field}>
              {texts.walkDate}
              <input type="date" name="walked_on" required defaultValue={today} aria-invalid={failed.includes('walked_on')} data-testid="walk-date" />
            </label>
            <label className={styles.field}>
              {texts.walkArea}
              <select name="area_id" defaultValue="">
                <option value="">{texts.walkNoArea}</option>
                {areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className={styles.checks}>
              <legend>{texts.walkOrgs}</legend>
              {organisations.map((o) => (
                <label key={o.id}>
                  <input type="checkbox" name="organisation_ids" value={o.id} defaultChecked={o.id === access.organisationId} data-testid="walk-org" />
                  {o.name}
                </label>
              ))}
            </fieldset>
            <label className={styles.field}>
              {texts.walkNotes}
              <textarea name="notes" rows={2} maxLength={4000} />
            </label>
            <button type="submit" className={styles.button} data-testid="walk-create">
              {texts.walkCreate}
            </button>
          </form>
        </details>
      ) : null}
      {walks.length === 0 ? <p>{texts.walksEmpty}</p> : null}
      <ul className={styles.walkList} data-testid="walk-list">
        {walks.map((w) => (
          <li key={w.id} data-testid="walk-item">
            <h2>
              <a href={`/vandringar/${w.id}`}>{w.title}</a>
            </h2>
            <p className={styles.muted}>
              {formatDate(locale, w.walked_on)}
              {w.area_name ? ` · ${w.area_name}` : ''}
              {w.organisations.length ? ` · ${w.organisations.join(', ')}` : ''}
            </p>
            <p className={styles.actions}>
              <span>{fill(texts.walkPoints, { count: w.points, fixed: w.fixed })}</span>
              <a href={`/vandringar/${w.id}/protokoll`}>{texts.walkProtocol}</a>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
