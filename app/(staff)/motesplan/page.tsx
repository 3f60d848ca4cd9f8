import { notFound } from 'next/navigation';
import { getTranslator, type MessageKey } from '@/lib/i18n/translate';
import { planYear } from '@/lib/domain/cadence-plan';
import { localDate } from '@/lib/domain/council-quarters';
import { getCadence, mayChangeCadence } from '@/lib/server/cadence/cadence-settings';
import { listEstMeetingsFor } from '@/lib/server/cadence/list-est-meetings-for';
import { allows, findLoopAccess, listLoopOrganisations } from '@/lib/server/pledges/loop-access';
import { requireStaffUser } from '@/lib/server/auth/session';
import { MeetingDialogues } from '../../_components/dialogue/meeting-dialogues';
import { listMeetingDialogueSummaries } from '@/lib/server/dialogue/dialogue-summaries';
import { getRequestLocale } from '../../_lib/request-locale';
import { FORM_STYLE, formatLoopDate, LoopNav, LoopOutcome, PAGE_STYLE } from '../loften/_components/loop-nav';
import { planMeetingAction, saveCadenceAction } from './actions';
import { TableScroll } from '../../_components/ui/table-scroll';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const KIND: Record<'analysis' | 'follow_up', MessageKey> = { analysis: 'loop.meetings.kindAnalysis', follow_up: 'loop.meetings.kindFollowUp' };

// The EST cadence as a setting and the year view of planned and held meetings; after each held
// meeting, the återkoppling export for the actors at partner precision.
export default async function MeetingPlanPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaffUser('/motesplan');
  const access = await findLoopAccess();
  if (!access) notFound();
  const readsMeetings = allows(access, 'read', 'est_meeting');
  const changesCadence = mayChangeCadence(access);
  if (!readsMeetings && !changesCadence) notFound();
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const monthName = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { month: 'long', timeZone: 'UTC' });
  const MONTHS = Array.from({ length: 12 }, (_, i) => monthName.format(new Date(Date.UTC(2026, i, 1))));
  const params = await searchParams;
  const today = localDate(new Date());
  const year = typeof params.ar === 'string' && /^\d{4}$/.test(params.ar) ? Number(params.ar) : Number(today.slice(0, 4));
  const cadence = await getCadence(access.db, access.municipalityCode);
  const meetings = readsMeetings ? await listEstMeetingsFor(access, { year }) : [];
  const dialogues = await listMeetingDialogueSummaries(access.db, access.viewer, meetings.map((m) => m.id));
  const plan = planYear(year, cadence);
  const organisations = allows(access, 'create', 'est_meeting') ? await listLoopOrganisations(access) : [];
  return (
    <section style={PAGE_STYLE}>
      <h1>{t('loop.meetings.heading', { year: String(year) })}</h1>
      <LoopNav current="motesplan" t={t} />
      <LoopOutcome params={params} />
      <p>
        {t('loop.meetings.rhythm', {
          meetings: cadence.analysis_meetings_per_year,
          quarters: cadence.follow_up_quarters.join(', '),
          reminder: cadence.reminder_days_before_quarter_end,
          deadline: cadence.report_deadline_days,
        })}
      </p>
      <p>
        <a href={`/motesplan?ar=${year - 1}`}>← {year - 1}</a> · <a href={`/motesplan?ar=${year + 1}`}>{year + 1} →</a>
      </p>
      {readsMeetings ? (
        <TableScroll label={t('loop.meetings.heading', { year: String(year) })}>
          <table data-testid="year-view">
            <thead>
              <tr>
                <th scope="col">{t('loop.meetings.month')}</th>
                <th scope="col">{t('loop.meetings.planned')}</th>
                <th scope="col">{t('loop.meetings.entered')}</th>
              </tr>
            </thead>
            <tbody>
              {MONTHS.map((name, i) => {
                const month = i + 1;
                const planned = plan.filter((p) => p.month === month);
                const held = meetings.filter((m) => Number(m.held_on.slice(5, 7)) === month);
                return (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{planned.map((p) => (p.kind === 'analysis' ? t('loop.meetings.planAnalysis') : t('loop.meetings.planFollowUp', { quarter: p.quarter ?? '' }))).join(', ') || '–'}</td>
                    <td>
                      {held.length === 0
                        ? '–'
                        : held.map((m) => (
                            <div key={m.id} data-testid="meeting">
                              {formatLoopDate(locale, m.held_on)} {t(KIND[m.kind])} – {m.held_on <= today ? t('loop.meetings.held') : t('loop.meetings.plannedOne')}
                              {m.organisation_names.length > 0 ? ` (${m.organisation_names.join(', ')})` : ''}
                              {m.decision_count > 0 ? `, ${t('loop.meetings.decisions', { count: m.decision_count })}` : ''}
                              {m.held_on <= today ? (
                                <>
                                  {' '}
                                  · <a href={`/motesplan/aterkoppling?mote=${m.id}`}>{t('loop.feedback.link')}</a> · <a href={`/motesplan/aterkoppling/csv?mote=${m.id}`}>CSV</a>
                                </>
                              ) : null}
                              <MeetingDialogues rows={dialogues.get(m.id)} />
                            </div>
                          ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {organisations.length > 0 ? (
        <>
          <h2>{t('loop.meetings.add')}</h2>
          <form action={planMeetingAction} style={FORM_STYLE}>
            <label>
              {t('loop.date')}
              <input type="date" name="held_on" required style={{ display: 'block' }} />
            </label>
            <label>
              {t('loop.meetings.kind')}
              <select name="kind" style={{ display: 'block' }}>
                <option value="analysis">{t(KIND.analysis)}</option>
                <option value="follow_up">{t(KIND.follow_up)}</option>
              </select>
            </label>
            <fieldset>
              <legend>{t('loop.meetings.organisations')}</legend>
              {organisations.map((o) => (
                <label key={o.id} style={{ display: 'block' }}>
                  <input type="checkbox" name="organisation_ids" value={o.id} /> {o.name}
                </label>
              ))}
            </fieldset>
            <button type="submit">{t('loop.meetings.addSubmit')}</button>
          </form>
        </>
      ) : null}
      {changesCadence ? (
        <>
          <h2>{t('loop.cadence.heading')}</h2>
          <form action={saveCadenceAction} style={FORM_STYLE} data-testid="cadence-form">
            <label>
              {t('loop.cadence.meetingsPerYear')}
              <input type="number" name="analysis_meetings_per_year" min={1} max={52} required defaultValue={cadence.analysis_meetings_per_year} style={{ display: 'block' }} />
            </label>
            <fieldset>
              <legend>{t('loop.cadence.quarters')}</legend>
              {[1, 2, 3, 4].map((q) => (
                <label key={q} style={{ marginRight: '1rem' }}>
                  <input type="checkbox" name="follow_up_quarters" value={q} defaultChecked={cadence.follow_up_quarters.includes(q)} /> Q{q}
                </label>
              ))}
            </fieldset>
            <label>
              {t('loop.cadence.reminderDays')}
              <input type="number" name="reminder_days_before_quarter_end" min={0} max={90} defaultValue={cadence.reminder_days_before_quarter_end} style={{ display: 'block' }} />
            </label>
            <label>
              {t('loop.cadence.deadlineDays')}
              <input type="number" name="report_deadline_days" min={0} max={90} defaultValue={cadence.report_deadline_days} style={{ display: 'block' }} />
            </label>
            <label>
              {t('loop.cadence.cleanupHours')}
              <input type="number" name="cleanup_warning_hours" min={0} max={336} defaultValue={cadence.cleanup_warning_hours} style={{ display: 'block' }} />
            </label>
            <button type="submit">{t('loop.cadence.save')}</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
