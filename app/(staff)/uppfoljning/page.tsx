import { notFound } from 'next/navigation';
import { getTranslator } from '@/lib/i18n/translate';
import { reportingQuarter, shiftQuarter } from '@/lib/domain/council-quarters';
import { listUnreportedFor } from '@/lib/server/activities/list-unreported-for';
import { getPageLoopAccess } from '@/lib/server/pledges/loop-access';
import { getRequestLocale } from '../../_lib/request-locale';
import { activityStatusLabel, formatLoopDate, LoopNav, PAGE_STYLE } from '../loften/_components/loop-nav';
import { TableScroll } from '../../_components/ui/table-scroll';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The quarter's follow-up: who has not reported (the security coordinator's list; a partner sees its
// own activities still to report), with links to report.
export default async function FollowUpPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await getPageLoopAccess('/uppfoljning', 'follow_up');
  if (!access) notFound();
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const params = await searchParams;
  const quarter = typeof params.kvartal === 'string' && /^\d{4}-Q[1-4]$/.test(params.kvartal) ? params.kvartal : reportingQuarter(new Date());
  const rows = await listUnreportedFor(access, { quarter });
  const owners = [...new Set(rows.map((r) => r.owner_name))];
  const own = access.scope.kind === 'organisations';
  return (
    <section style={PAGE_STYLE}>
      <h1>{t('loop.followUp.pageHeading', { quarter })}</h1>
      <LoopNav current="uppfoljning" t={t} />
      <form method="get" style={{ display: 'flex', gap: '0.5rem', alignItems: 'end', margin: '0.5rem 0' }}>
        <label>
          {t('loop.quarter')}
          <input name="kvartal" defaultValue={quarter} pattern="\d{4}-Q[1-4]" style={{ display: 'block' }} />
        </label>
        <button type="submit">{t('loop.show')}</button>
        <a href={`/uppfoljning?kvartal=${shiftQuarter(quarter, -1)}`}>← {shiftQuarter(quarter, -1)}</a>
        <a href={`/uppfoljning?kvartal=${shiftQuarter(quarter, 1)}`}>{shiftQuarter(quarter, 1)} →</a>
      </form>
      <h2>{own ? t('loop.followUp.ownUnreported') : t('loop.followUp.unreported')}</h2>
      {rows.length === 0 ? (
        <p data-testid="all-reported">{t('loop.followUp.allReported', { quarter })}</p>
      ) : (
        <>
          {!own ? (
            <p data-testid="unreported-summary">
              {t('loop.followUp.summary', { count: rows.length, quarter, orgCount: owners.length, owners: owners.join(', ') })}
            </p>
          ) : null}
          <TableScroll label={own ? t('loop.followUp.ownUnreported') : t('loop.followUp.unreported')}>
            <table data-testid="unreported-table">
              <thead>
                <tr>
                  <th scope="col">{t('loop.ownerOrganisation')}</th>
                  <th scope="col">{t('loop.partners')}</th>
                  <th scope="col">{t('loop.activity')}</th>
                  <th scope="col">{t('loop.pledge')}</th>
                  <th scope="col">{t('loop.status')}</th>
                  <th scope="col">{t('loop.endsOn')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.activity_id}>
                    <td>{r.owner_name}</td>
                    <td>{r.partner_names.join(', ') || '–'}</td>
                    <td>
                      <a href={`/aktiviteter/${r.activity_id}?kvartal=${quarter}`}>{r.title}</a>
                    </td>
                    <td>{r.pledge_title ?? '–'}</td>
                    <td>{activityStatusLabel(t, r.status)}</td>
                    <td>{formatLoopDate(locale, r.ends_on)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
