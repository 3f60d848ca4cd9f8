import { notFound } from 'next/navigation';
import { getTranslator, type MessageKey, type Translate } from '@/lib/i18n/translate';
import { HttpError } from '@/lib/server/auth/errors';
import { requireStaffUser } from '@/lib/server/auth/session';
import { getFeedbackExport } from '@/lib/server/cadence/feedback-export';
import { allows, findLoopAccess } from '@/lib/server/pledges/loop-access';
import { getRequestLocale } from '../../../_lib/request-locale';
import { formatLoopDate } from '../../loften/_components/loop-nav';
import { TableScroll } from '../../../_components/ui/table-scroll';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATUSES = ['proposed', 'decided', 'rejected', 'ongoing', 'done', 'cancelled', 'open', 'planned'];
const status = (t: Translate, s: string) => (STATUSES.includes(s) ? t(`loop.feedback.status.${s}` as MessageKey) : s);

// Återkoppling after an EST meeting, printable (A4): what the actors may see at partner precision.
export default async function FeedbackPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const id = typeof params.mote === 'string' ? params.mote : '';
  await requireStaffUser(`/motesplan/aterkoppling?mote=${encodeURIComponent(id)}`);
  const access = await findLoopAccess();
  if (!access || !allows(access, 'read', 'est_meeting') || !allows(access, 'export', 'incident_aggregate')) notFound();
  const f = await getFeedbackExport(access, id, 'page').catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) notFound();
    throw err;
  });
  return (
    <article style={{ padding: '1rem', maxWidth: '48rem', margin: '0 auto' }} data-testid="feedback-export">
      <style>{'@page { size: A4; margin: 18mm; } @media print { .staff-header, .demo-banner, .no-print { display: none !important; } }'}</style>
      <h1>{t('loop.feedback.heading', { date: formatLoopDate(locale, f.meeting.held_on) })}</h1>
      <p>
        {f.meeting.kind === 'analysis' ? t('loop.meetings.kindAnalysis') : t('loop.feedback.kindFollowUp')}
        {f.meeting.organisation_names.length > 0 ? `, ${t('loop.feedback.participants', { names: f.meeting.organisation_names.join(', ') })}` : ''}. {t('loop.feedback.intro')}
      </p>
      <p className="no-print">
        <a href={`/motesplan/aterkoppling/csv?mote=${f.meeting.id}`}>{t('loop.feedback.csv')}</a> · {t('loop.feedback.print')}
      </p>
      <h2>{t('loop.feedback.incidents', { quarter: f.quarter })}</h2>
      {f.aggregates ? (
        <TableScroll label={t('loop.feedback.incidents', { quarter: f.quarter })}>
          <table>
            <caption>{t('loop.feedback.caption', { version: f.aggregates.version, k: f.aggregates.k })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('loop.feedback.area')}</th>
                <th scope="col">{t('loop.feedback.group')}</th>
                <th scope="col">{t('loop.feedback.count')}</th>
              </tr>
            </thead>
            <tbody>
              {[...f.aggregates.municipalityTotals, ...f.aggregates.areaTotals].map((c, i) => (
                <tr key={`${c.areaName}-${c.group}-${i}`}>
                  <td>{c.areaName}</td>
                  <td>{c.groupLabel}</td>
                  <td>{c.display}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p data-testid="no-aggregates">{t('loop.feedback.noAggregates', { quarter: f.quarter })}</p>
      )}
      <h2>{t('loop.feedback.places')}</h2>
      {f.places.length === 0 ? (
        <p>{t('loop.feedback.noPlaces')}</p>
      ) : (
        <TableScroll label={t('loop.feedback.places')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('loop.feedback.place')}</th>
                <th scope="col">{t('loop.feedback.area')}</th>
                <th scope="col">{t('loop.feedback.measure')}</th>
                <th scope="col">{t('loop.status')}</th>
              </tr>
            </thead>
            <tbody>
              {f.places.map((p) => (
                <tr key={p.id}>
                  <td>{p.title}</td>
                  <td>{p.district ?? '–'}</td>
                  <td>{p.proposed_measure ?? '–'}</td>
                  <td>{status(t, p.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t('loop.feedback.cleanup', { quarter: f.quarter })}</h2>
      <TableScroll label={t('loop.feedback.cleanup', { quarter: f.quarter })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('loop.owner')}</th>
              <th scope="col">{t('loop.feedback.reported')}</th>
              <th scope="col">{t('loop.feedback.cleaned')}</th>
              <th scope="col">{t('loop.feedback.open')}</th>
            </tr>
          </thead>
          <tbody>
            {f.cleanup.map((c) => (
              <tr key={c.organisation}>
                <td>{c.organisation}</td>
                <td>{c.reported}</td>
                <td>{c.cleaned}</td>
                <td>{c.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t('loop.feedback.activities')}</h2>
      <TableScroll label={t('loop.feedback.activities')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('loop.activity')}</th>
              <th scope="col">{t('loop.owner')}</th>
              <th scope="col">{t('loop.status')}</th>
              <th scope="col">{t('loop.feedback.lastFollowUp')}</th>
            </tr>
          </thead>
          <tbody>
            {f.activities.map((a, i) => (
              <tr key={`${a.title}-${i}`}>
                <td>
                  {a.title}
                  {a.public_summary ? <div style={{ fontSize: '0.9em' }}>{a.public_summary}</div> : null}
                </td>
                <td>{a.owner_name}</td>
                <td>{status(t, a.status)}</td>
                <td>{a.last_quarter ? `${a.last_quarter}: ${a.last_value ?? '–'}${a.indicator ? ` (${a.indicator})` : ''}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <footer style={{ marginTop: '2rem', fontSize: '0.85em' }}>{t('loop.feedback.footer')}</footer>
    </article>
  );
}
