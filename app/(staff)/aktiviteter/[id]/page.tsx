import { notFound } from 'next/navigation';
import { getTranslator } from '@/lib/i18n/translate';
import { reportingQuarter } from '@/lib/domain/council-quarters';
import { getActivityDetail } from '@/lib/server/activities/get-activity-detail';
import { HttpError } from '@/lib/server/auth/errors';
import { listEstMeetingsFor } from '@/lib/server/cadence/list-est-meetings-for';
import { allows, getPageLoopAccess, listLoopOrganisations } from '@/lib/server/pledges/loop-access';
import { listFocusAreasFor, listPledgesFor } from '@/lib/server/pledges/manage-pledges';
import { getRequestLocale } from '../../../_lib/request-locale';
import { activityStatusLabel, FOLLOW_UP_STATUSES, followUpStatusLabel, FORM_STYLE, formatLoopDate, formatLoopPeriod, LoopNav, LoopOutcome, PAGE_STYLE } from '../../loften/_components/loop-nav';
import { recordDecisionAction, reportFollowUpAction, reviewSummaryAction, setStatusAction, updateActivityAction, updateSummaryAction } from '../actions';
import { TableScroll } from '../../../_components/ui/table-scroll';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// One activity: the council's decisions (and recording one), the quarterly follow-ups (and reporting
// one, for the organisations taking part), the moderation of its public summary.
export default async function ActivityPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const access = await getPageLoopAccess(`/aktiviteter/${id}`, 'activity');
  if (!access) notFound();
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const query = await searchParams;
  const detail = await getActivityDetail(access, id).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) notFound();
    throw err;
  });
  const a = detail.activity;
  const mayDecide = allows(access, 'update', 'activity');
  const mayReport = allows(access, 'create', 'follow_up') && (access.est || detail.reportingOrganisationIds.length > 0);
  const meetings = mayDecide ? await listEstMeetingsFor(access, { year: null }) : [];
  const [pledges, focusAreas, organisations] = mayDecide ? await Promise.all([listPledgesFor(access), listFocusAreasFor(access), listLoopOrganisations(access)]) : [[], [], []];
  const quarter = typeof query.kvartal === 'string' && /^\d{4}-Q[1-4]$/.test(query.kvartal) ? query.kvartal : reportingQuarter(new Date());
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section style={PAGE_STYLE}>
      <h1>{a.title}</h1>
      <LoopNav current="aktiviteter" t={t} />
      <LoopOutcome params={query} />
      <dl data-testid="activity-facts">
        <dt>{t('loop.status')}</dt>
        <dd data-testid="activity-status">{activityStatusLabel(t, a.status)}</dd>
        <dt>{t('loop.pledge')}</dt>
        <dd>{a.pledge_title ? `${a.pledge_title} (${a.pledge_year})` : '–'}</dd>
        <dt>{t('loop.focusArea')}</dt>
        <dd>{a.focus_area_name ?? '–'}</dd>
        <dt>{t('loop.ownerOrganisation')}</dt>
        <dd>{a.owner_name}</dd>
        <dt>{t('loop.partners')}</dt>
        <dd>{a.partner_names.join(', ') || '–'}</dd>
        <dt>{t('loop.period')}</dt>
        <dd>
          {formatLoopPeriod(locale, a.starts_on, a.ends_on)}
        </dd>
        <dt>{t('loop.goal')}</dt>
        <dd>{a.goal ?? '–'}</dd>
        <dt>{t('loop.indicator')}</dt>
        <dd>{a.indicator ?? '–'}</dd>
        {a.internal_notes !== null ? (
          <>
            <dt>{t('loop.internalNotes')}</dt>
            <dd>{a.internal_notes}</dd>
          </>
        ) : null}
        <dt>{t('loop.publicSummary')}</dt>
        <dd data-testid="public-summary">
          {a.public_summary ?? '–'}{' '}
          <em>({a.public_summary_approved ? t('loop.summary.isApproved') : a.published_summary !== null ? t('loop.summary.waiting') : t('loop.summary.notApproved')})</em>
          {!a.public_summary_approved && a.published_summary !== null ? (
            <div data-testid="published-summary">{t('loop.summary.published', { text: `${a.published_title ?? ''}: ${a.published_summary}` })}</div>
          ) : null}
        </dd>
      </dl>

      <h2>{t('loop.decision.heading')}</h2>
      {detail.decisions.length === 0 ? (
        <p>{t('loop.decision.none')}</p>
      ) : (
        <TableScroll label={t('loop.decision.heading')}>
          <table data-testid="decisions-table">
            <thead>
              <tr>
                <th scope="col">{t('loop.date')}</th>
                <th scope="col">{t('loop.meeting')}</th>
                <th scope="col">{t('loop.decision.outcome')}</th>
                <th scope="col">{t('loop.decision.text')}</th>
                <th scope="col">{t('loop.decision.recordedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.decisions.map((d) => (
                <tr key={d.id}>
                  <td>{formatLoopDate(locale, d.decided_on)}</td>
                  <td>{d.meeting_name}</td>
                  <td>{activityStatusLabel(t, d.outcome)}</td>
                  <td>{d.decision_text}</td>
                  <td>{d.recorded_by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {mayDecide && ['proposed', 'decided', 'rejected'].includes(a.status) ? (
        <form action={recordDecisionAction} style={FORM_STYLE} data-testid="decision-form">
          <input type="hidden" name="activity_id" value={a.id} />
          <label>
            {t('loop.decision.meetingName')}
            <input name="meeting_name" required defaultValue={t('loop.decision.meetingDefault', { date: today })} style={{ display: 'block', width: '100%' }} />
          </label>
          <label>
            {t('loop.decision.estMeeting')}
            <select name="meeting_id" style={{ display: 'block' }}>
              <option value="">{t('loop.none')}</option>
              {meetings.map((m) => (
                <option key={m.id} value={m.id}>
                  {formatLoopDate(locale, m.held_on)} ({m.kind === 'analysis' ? t('loop.meetings.kindAnalysisShort') : t('loop.meetings.kindFollowUpShort')})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('loop.decision.date')}
            <input type="date" name="decided_on" required defaultValue={today} style={{ display: 'block' }} />
          </label>
          <fieldset>
            <legend>{t('loop.decision.outcome')}</legend>
            <label>
              <input type="radio" name="outcome" value="decided" defaultChecked /> {activityStatusLabel(t, 'decided')}
            </label>{' '}
            <label>
              <input type="radio" name="outcome" value="rejected" /> {activityStatusLabel(t, 'rejected')}
            </label>
          </fieldset>
          <label>
            {t('loop.decision.text')}
            <textarea name="decision_text" required rows={2} style={{ display: 'block', width: '100%' }} />
          </label>
          <button type="submit">{t('loop.decision.submit')}</button>
        </form>
      ) : null}
      {mayDecide && (a.status === 'decided' || a.status === 'ongoing') ? (
        <form action={setStatusAction} style={{ display: 'flex', gap: '0.5rem', margin: '0.5rem 0' }}>
          <input type="hidden" name="activity_id" value={a.id} />
          {(a.status === 'decided' ? ['ongoing', 'cancelled'] : ['done', 'cancelled']).map((s) => (
            <button key={s} type="submit" name="status" value={s}>
              {t('loop.activity.markAs', { status: activityStatusLabel(t, s).toLowerCase() })}
            </button>
          ))}
        </form>
      ) : null}

      <h2>{t('loop.followUp.heading')}</h2>
      {detail.followUps.length === 0 ? (
        <p>{t('loop.followUp.none')}</p>
      ) : (
        <TableScroll label={t('loop.followUp.heading')}>
          <table data-testid="follow-ups-table">
            <thead>
              <tr>
                <th scope="col">{t('loop.quarter')}</th>
                <th scope="col">{t('loop.status')}</th>
                <th scope="col">{t('loop.followUp.value')}</th>
                {access.includeInternal ? <th scope="col">{t('loop.followUp.whatDone')}</th> : null}
                <th scope="col">{t('loop.followUp.reportedBy')}</th>
                <th scope="col">{t('loop.followUp.reportedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.followUps.map((f) => (
                <tr key={f.id}>
                  <td>{f.quarter}</td>
                  <td>{followUpStatusLabel(t, f.status)}</td>
                  <td>{f.indicator_value ?? '–'}</td>
                  {access.includeInternal ? <td>{f.note ?? ''}</td> : null}
                  <td>{f.reported_by_org_name ?? '–'}</td>
                  <td>{formatLoopDate(locale, f.reported_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {mayReport ? (
        <form action={reportFollowUpAction} style={FORM_STYLE} data-testid="follow-up-form">
          <h3>{t('loop.followUp.report')}</h3>
          <input type="hidden" name="activity_id" value={a.id} />
          <label>
            {t('loop.quarter')}
            <input name="quarter" required pattern="\d{4}-Q[1-4]" defaultValue={quarter} style={{ display: 'block' }} />
          </label>
          <label>
            {t('loop.status')}
            <select name="status" style={{ display: 'block' }}>
              {FOLLOW_UP_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {followUpStatusLabel(t, value)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('loop.followUp.value')}{a.indicator ? ` (${a.indicator})` : ''}
            <input name="indicator_value" inputMode="decimal" style={{ display: 'block' }} />
          </label>
          <label>
            {t('loop.followUp.whatDoneQuarter')}
            <textarea name="note" rows={3} style={{ display: 'block', width: '100%' }} />
          </label>
          <button type="submit">{t('loop.followUp.submit')}</button>
        </form>
      ) : null}

      {mayDecide ? (
        <details style={{ margin: '1rem 0' }}>
          <summary>{t('loop.activity.edit')}</summary>
          <form action={updateActivityAction} style={FORM_STYLE} data-testid="edit-activity-form">
            <input type="hidden" name="activity_id" value={a.id} />
            <label>
              {t('loop.title')}
              <input name="title" required maxLength={200} defaultValue={a.title} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              {t('loop.pledge')}
              <select name="pledge_id" defaultValue={a.pledge_id ?? ''} style={{ display: 'block' }}>
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
              <select name="focus_area_id" defaultValue={a.focus_area_id ?? ''} style={{ display: 'block' }}>
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
              <select name="owner_org_id" defaultValue={a.owner_org_id} style={{ display: 'block' }}>
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
                  <input type="checkbox" name="partner_org_ids" value={o.id} defaultChecked={a.partner_org_ids.includes(o.id)} /> {o.name}
                </label>
              ))}
            </fieldset>
            <label>
              {t('loop.startsOn')}
              <input type="date" name="starts_on" required defaultValue={a.starts_on} style={{ display: 'block' }} />
            </label>
            <label>
              {t('loop.endsOn')}
              <input type="date" name="ends_on" defaultValue={a.ends_on ?? ''} style={{ display: 'block' }} />
            </label>
            <label>
              {t('loop.goal')}
              <textarea name="goal" rows={2} defaultValue={a.goal ?? ''} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              {t('loop.indicator')}
              <input name="indicator" maxLength={200} defaultValue={a.indicator ?? ''} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              {t('loop.internalNotes')}
              <textarea name="internal_notes" rows={2} defaultValue={a.internal_notes ?? ''} style={{ display: 'block', width: '100%' }} />
            </label>
            <button type="submit">{t('loop.saveChanges')}</button>
          </form>
        </details>
      ) : null}

      {mayDecide ? (
        <>
          <h2>{t('loop.publicSummary')}</h2>
          <p>{t('loop.summary.help')}</p>
          <form action={updateSummaryAction} style={FORM_STYLE}>
            <input type="hidden" name="activity_id" value={a.id} />
            <label>
              {t('loop.summary.text')}
              <textarea name="public_summary" rows={2} defaultValue={a.public_summary ?? ''} style={{ display: 'block', width: '100%' }} />
            </label>
            <button type="submit">{t('loop.summary.save')}</button>
          </form>
          <form action={reviewSummaryAction} style={{ display: 'flex', gap: '0.5rem' }} data-testid="review-form">
            <input type="hidden" name="activity_id" value={a.id} />
            <button type="submit" name="decision" value="approve" disabled={a.public_summary === null || a.public_summary_approved}>
              {t('loop.summary.approve')}
            </button>
            <button type="submit" name="decision" value="withdraw" disabled={a.published_summary === null}>
              {t('loop.summary.withdraw')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
