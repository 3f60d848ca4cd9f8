'use server';
// The EST cadence setting and planning a meeting: one lib/server function each.
import { saveCadence } from '@/lib/server/cadence/cadence-settings';
import { planEstMeeting } from '@/lib/server/cadence/plan-meeting';
import type { Translate } from '@/lib/i18n/translate';
import type { LoopAccess } from '@/lib/server/pledges/loop-access';
import { runLoopAction } from '../loften/_components/run-loop-action';

function run(work: (access: LoopAccess, t: Translate) => Promise<string>): Promise<never> {
  return runLoopAction('/motesplan', work);
}

export async function saveCadenceAction(f: FormData): Promise<void> {
  await run(async (access, t) => {
    await saveCadence(access, {
      analysis_meetings_per_year: f.get('analysis_meetings_per_year'),
      follow_up_quarters: f.getAll('follow_up_quarters'),
      reminder_days_before_quarter_end: f.get('reminder_days_before_quarter_end'),
      report_deadline_days: f.get('report_deadline_days'),
      cleanup_warning_hours: f.get('cleanup_warning_hours'),
    });
    return t('loop.cadence.saved');
  });
}

export async function planMeetingAction(f: FormData): Promise<void> {
  await run(async (access, t) => {
    const heldOn = f.get('held_on');
    await planEstMeeting(access, { held_on: typeof heldOn === 'string' ? heldOn : '', kind: f.get('kind'), organisation_ids: f.getAll('organisation_ids').filter((v) => v !== '') });
    return t('loop.meetings.added', { date: String(heldOn) });
  });
}
