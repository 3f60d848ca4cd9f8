'use server';
// The EST cadence setting and planning a meeting: one lib/server function each.
import { redirect } from 'next/navigation';
import { saveCadence } from '@/lib/server/cadence/cadence-settings';
import { planEstMeeting } from '@/lib/server/cadence/plan-meeting';
import { describeLoopError, findLoopAccess, type LoopAccess } from '@/lib/server/pledges/loop-access';

async function run(work: (access: LoopAccess) => Promise<string>): Promise<never> {
  const access = await findLoopAccess();
  if (!access) redirect('/logga-in?next=%2Fmotesplan');
  let outcome: string;
  try {
    outcome = `ok=${encodeURIComponent(await work(access))}`;
  } catch (err) {
    const message = describeLoopError(err);
    if (message === null) throw err;
    outcome = `fel=${encodeURIComponent(message)}`;
  }
  redirect(`/motesplan?${outcome}`);
}

export async function saveCadenceAction(f: FormData): Promise<void> {
  await run(async (access) => {
    await saveCadence(access, {
      analysis_meetings_per_year: f.get('analysis_meetings_per_year'),
      follow_up_quarters: f.getAll('follow_up_quarters'),
      reminder_days_before_quarter_end: f.get('reminder_days_before_quarter_end'),
      report_deadline_days: f.get('report_deadline_days'),
      cleanup_warning_hours: f.get('cleanup_warning_hours'),
    });
    return 'Mötesrytmen är sparad.';
  });
}

export async function planMeetingAction(f: FormData): Promise<void> {
  await run(async (access) => {
    const heldOn = f.get('held_on');
    await planEstMeeting(access, { held_on: typeof heldOn === 'string' ? heldOn : '', kind: f.get('kind'), organisation_ids: f.getAll('organisation_ids').filter((v) => v !== '') });
    return `Mötet ${String(heldOn)} är inlagt.`;
  });
}
