import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslator, type Locale, type Translate } from '@/lib/i18n/translate';
import { requireStaffUser } from '@/lib/server/auth/session';
import type { QueueReport } from '@/lib/server/citizen-reports/moderate-citizen-report';
import { getModerationQueueForUser } from '@/lib/server/citizen-reports/moderation-for-user';
import { formattingLocale } from '@/lib/i18n/translate';
import { getRequestLocale } from '../../_lib/request-locale';
import { moderateReportAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('reports.pageTitle') };
}

const box = { border: '1px solid #d5d8de', borderRadius: 6, padding: '0.5rem 0.9rem', margin: '0.75rem 0' } as const;
const formStyle = { display: 'grid', gap: '0.4rem', maxWidth: '36rem', margin: '0.5rem 0' } as const;

function when(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}

const label = (t: Translate, key: string) => t(key as Parameters<Translate>[0]);

function Hidden({ r, decision }: { r: QueueReport; decision: string }) {
  return (
    <>
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="report_id" value={r.id} />
    </>
  );
}

function ReportDetails({ t, locale, r }: { t: Translate; locale: Locale; r: QueueReport }) {
  return (
    <>
      <p>
        <strong>{label(t, `public.reportCategory.${r.category}`)}</strong> · {t('reports.received', { date: when(locale, r.createdAt) })} ·{' '}
        {label(t, `reports.state.${r.moderationState}`)} · {label(t, `public.reportStatus.${r.publicStatus}`)}
      </p>
      <p style={{ whiteSpace: 'pre-wrap' }} aria-label={t('reports.body')}>
        {r.body}
      </p>
      {r.personalData.length ? (
        <p role="note" style={{ borderLeft: '4px solid #8a5a00', background: '#fff7e0', padding: '0.25rem 0.5rem' }}>
          {t('public.reportPersonalWarning', { what: r.personalData.map((k) => label(t, `public.reportPersonal.${k}`)).join(', ') })}
        </p>
      ) : null}
      <p>
        {t('reports.contact')}:{' '}
        {r.contactPurged ? t('reports.contactPurged') : r.contact ? [r.contact.name, r.contact.email, r.contact.phone].filter(Boolean).join(', ') : t('reports.contactNone')}
      </p>
      <p>
        {t('reports.position', { lat: r.lat.toFixed(5), lon: r.lon.toFixed(5) })} ·{' '}
        <a href={`/karta?lat=${r.lat.toFixed(5)}&lon=${r.lon.toFixed(5)}`}>karta</a>
      </p>
      {r.hasPhoto ? (
        <p>
          {t('reports.photo')}
          <br />
          <img src={`/medborgarrapporter/foto/${r.id}`} alt={t('reports.photo')} style={{ maxWidth: '100%', maxHeight: 320 }} />
        </p>
      ) : null}
    </>
  );
}

// The moderation queue: pending reports first, then the latest handled ones.
export default async function CitizenReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireStaffUser('/medborgarrapporter');
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const queue = await getModerationQueueForUser(user, new Date());
  if (!queue) notFound();
  const params = await searchParams;
  const ok = typeof params.ok === 'string' ? params.ok : null;
  const fel = typeof params.fel === 'string' ? params.fel : null;
  return (
    <section style={{ padding: '1rem', overflowY: 'auto', height: '100%' }}>
      <h1>{t('reports.heading')}</h1>
      <p>{t('reports.intro')}</p>
      {fel ? (
        <p role="alert" data-testid="moderation-error">
          {t('reports.failed', { message: fel })}
        </p>
      ) : null}
      {ok ? (
        <p role="status" data-testid="moderation-ok">
          {t('reports.done', { what: ok })}
        </p>
      ) : null}
      {queue.pending.length === 0 ? <p>{t('reports.none')}</p> : null}
      {queue.pending.map((r) => (
        <article key={r.id} style={box} data-testid="pending-report" data-report-id={r.id}>
          <ReportDetails t={t} locale={locale} r={r} />
          {r.nearby.length ? (
            <>
              <h3>{t('reports.near')}</h3>
              <ul>
                {r.nearby.map((n) => (
                  <li key={n.id}>
                    {label(t, `public.reportCategory.${n.category}`)}, {n.distanceM} m, {when(locale, n.createdAt)} ({label(t, `reports.state.${n.moderationState}`)})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <details open>
            <summary>{t('reports.approve')}</summary>
            <form action={moderateReportAction} style={formStyle}>
              <Hidden r={r} decision="approve" />
              <label>
                {t('reports.publicSummary')}
                <textarea name="public_summary" rows={2} maxLength={500} style={{ display: 'block', width: '100%' }} />
              </label>
              <label>
                <input type="checkbox" name="public_pin" /> {t('reports.publicPin')}
              </label>
              <label>
                {t('reports.setStatus')}
                <select name="public_status" defaultValue="received" style={{ display: 'block' }}>
                  {(['received', 'planned', 'fixed'] as const).map((s) => (
                    <option key={s} value={s}>
                      {label(t, `public.reportStatus.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{t('reports.approve')}</button>
            </form>
          </details>
          {r.nearby.length ? (
            <details>
              <summary>{t('reports.merge')}</summary>
              <form action={moderateReportAction} style={formStyle}>
                <Hidden r={r} decision="merge" />
                <label>
                  {t('reports.mergeInto')}
                  <select name="merged_into_id" style={{ display: 'block' }}>
                    {r.nearby.map((n) => (
                      <option key={n.id} value={n.id}>
                        {label(t, `public.reportCategory.${n.category}`)}, {n.distanceM} m, {when(locale, n.createdAt)}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit">{t('reports.merge')}</button>
              </form>
            </details>
          ) : null}
          <details>
            <summary>{t('reports.convert')}</summary>
            <form action={moderateReportAction} style={formStyle}>
              <Hidden r={r} decision="convert" />
              <label>
                {t('reports.convertKind')}
                <select name="kind" defaultValue={r.category === 'graffiti_damage' ? 'graffiti' : 'unsafe_place'} style={{ display: 'block' }}>
                  <option value="unsafe_place">{t('reports.convertUnsafe')}</option>
                  <option value="graffiti">{t('reports.convertGraffiti')}</option>
                  <option value="damage">{t('reports.convertDamage')}</option>
                </select>
              </label>
              <label>
                {t('reports.convertTitle')}
                <input name="title" maxLength={200} style={{ display: 'block', width: '100%' }} />
              </label>
              <label>
                {t('reports.publicSummary')}
                <textarea name="public_summary" rows={2} maxLength={500} style={{ display: 'block', width: '100%' }} />
              </label>
              <label>
                <input type="checkbox" name="public_pin" /> {t('reports.publicPin')}
              </label>
              <button type="submit">{t('reports.convert')}</button>
            </form>
          </details>
          <details>
            <summary>{t('reports.reject')}</summary>
            <form action={moderateReportAction} style={formStyle}>
              <Hidden r={r} decision="reject" />
              <label>
                {t('reports.rejectReason')}
                <textarea name="rejection_reason" rows={2} required maxLength={2000} style={{ display: 'block', width: '100%' }} />
              </label>
              <button type="submit">{t('reports.reject')}</button>
            </form>
          </details>
        </article>
      ))}
      <h2>{t('reports.handled')}</h2>
      {queue.handled.map((r) => (
        <article key={r.id} style={box} data-testid="handled-report" data-report-id={r.id}>
          <ReportDetails t={t} locale={locale} r={r} />
          {r.publicSummary ? (
            <p>
              {t('reports.publicSummary')}: {r.publicSummary} {r.publicPin ? '📍' : ''}
            </p>
          ) : null}
          {r.moderationState === 'approved' || r.moderationState === 'converted' ? (
            <form action={moderateReportAction} style={{ ...formStyle, gridTemplateColumns: '1fr auto', alignItems: 'end' }}>
              <Hidden r={r} decision="status" />
              <label>
                {t('reports.setStatus')}
                <select name="public_status" defaultValue={r.publicStatus} style={{ display: 'block' }}>
                  {(['received', 'planned', 'fixed'] as const).map((s) => (
                    <option key={s} value={s}>
                      {label(t, `public.reportStatus.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{t('reports.setStatus')}</button>
            </form>
          ) : null}
        </article>
      ))}
    </section>
  );
}
