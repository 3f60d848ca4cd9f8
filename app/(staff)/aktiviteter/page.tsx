import { notFound } from 'next/navigation';
import { getTranslator } from '@/lib/i18n/translate';
import { listActivitiesFor } from '@/lib/server/activities/list-activities-for';
import { allows, getPageLoopAccess, listLoopOrganisations } from '@/lib/server/pledges/loop-access';
import { listFocusAreasFor, listPledgesFor } from '@/lib/server/pledges/manage-pledges';
import { getRequestLocale } from '../../_lib/request-locale';
import { activityStatusLabel, FORM_STYLE, formatLoopDate, formatLoopPeriod, LoopNav, LoopOutcome, PAGE_STYLE } from '../loften/_components/loop-nav';
import { proposeActivityAction } from './actions';
import { TableScroll } from '../../_components/ui/table-scroll';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Activities (insatser): the EST group sees all and proposes new ones; a partner sees those its
// organisation owns or partners in; the council reads without internal notes.
export default async function ActivitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await getPageLoopAccess('/aktiviteter', 'activity');
  if (!access) notFound();
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const params = await searchParams;
  const rows = await listActivitiesFor(access);
  const mayPropose = allows(access, 'create', 'activity');
  const [pledges, focusAreas, organisations] = mayPropose ? await Promise.all([listPledgesFor(access), listFocusAreasFor(access), listLoopOrganisations(access)]) : [[], [], []];
  return (
    <section style={PAGE_STYLE}>
      <h1>{t('loop.activities.heading')}</h1>
      <LoopNav current="aktiviteter" t={t} />
      <LoopOutcome params={params} />
      {access.scope.kind === 'organisations' ? <p>{t('loop.activities.ownScope')}</p> : null}
      <TableScroll label={t('loop.activities.heading')}>
        <table data-testid="activities-table">
          <thead>
            <tr>
              <th scope="col">{t('loop.activity')}</th>
              <th scope="col">{t('loop.pledge')}</th>
              <th scope="col">{t('loop.owner')}</th>
              <th scope="col">{t('loop.partners')}</th>
              <th scope="col">{t('loop.period')}</th>
              <th scope="col">{t('loop.status')}</th>
              <th scope="col">{t('loop.councilDecision')}</th>
              <th scope="col">{t('loop.activities.reportedQuarters')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={`/aktiviteter/${a.id}`}>{a.title}</a>
                </td>
                <td>{a.pledge_title ? `${a.pledge_title} (${a.pledge_year})` : '–'}</td>
                <td>{a.owner_name}</td>
                <td>{a.partner_names.join(', ') || '–'}</td>
                <td>
                  {formatLoopPeriod(locale, a.starts_on, a.ends_on)}
                </td>
                <td>{activityStatusLabel(t, a.status)}</td>
                <td>{a.decision_on ? `${a.decision_outcome === 'rejected' ? t('loop.decision.rejectedShort') : t('loop.decision.decidedShort')} ${formatLoopDate(locale, a.decision_on)}` : '–'}</td>
                <td>{a.reported_quarters.join(', ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {mayPropose ? (
        <>
          <h2>{t('loop.activities.propose')}</h2>
          <p>{t('loop.activities.proposeHelp')}</p>
          <form action={proposeActivityAction} style={FORM_STYLE} data-testid="propose-activity-form">
            <label>
              {t('loop.title')}
              <input name="title" required maxLength={200} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              {t('loop.pledge')}
              <select name="pledge_id" style={{ display: 'block' }}>
                <option value="">{t('loop.none')}</option>
                {pledges.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.year}: {p.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('loop.focusArea')}
              <select name="focus_area_id" style={{ display: 'block' }}>
                <option value="">{t('loop.none')}</option>
                {focusAreas.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('loop.ownerOrganisation')}
              <select name="owner_org_id" required style={{ display: 'block' }}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>{t('loop.partners')}</legend>
              {organisations.map((o) => (
                <label key={o.id} style={{ display: 'block' }}>
                  <input type="checkbox" name="partner_org_ids" value={o.id} /> {o.name}
                </label>
              ))}
            </fieldset>
            <label>
              {t('loop.startsOn')}
              <input type="date" name="starts_on" required style={{ display: 'block' }} />
            </label>
            <label>
              {t('loop.endsOn')}
              <input type="date" name="ends_on" style={{ display: 'block' }} />
            </label>
            <label>
              {t('loop.goal')}
              <textarea name="goal" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              {t('loop.indicatorHelp')}
              <input name="indicator" maxLength={200} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              {t('loop.internalNotesHelp')}
              <textarea name="internal_notes" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              {t('loop.publicSummaryHelp')}
              <textarea name="public_summary" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <button type="submit">{t('loop.activities.submitProposal')}</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
