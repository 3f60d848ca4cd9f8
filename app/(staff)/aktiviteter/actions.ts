'use server';
// Activity actions: propose, record the council's decision, report a follow-up, review the public
// summary, move the status. Each calls one lib/server function; the outcome goes back in the URL.
import { redirect } from 'next/navigation';
import { proposeActivity, reviewPublicSummary, setActivityStatus, updateActivityDetails, updatePublicSummary } from '@/lib/server/activities/manage-activities';
import { recordCouncilDecision } from '@/lib/server/activities/record-council-decision';
import { reportFollowUp } from '@/lib/server/activities/report-follow-up';
import { describeLoopError, findLoopAccess, type LoopAccess } from '@/lib/server/pledges/loop-access';

const text = (f: FormData, k: string): string | undefined => {
  const v = f.get(k);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};
const list = (f: FormData, k: string): string[] => f.getAll(k).filter((v): v is string => typeof v === 'string' && v !== '');
const uuidish = (v: string | undefined) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : null);

async function run(f: FormData, back: (f: FormData) => string, work: (access: LoopAccess) => Promise<string>): Promise<never> {
  const to = back(f);
  const access = await findLoopAccess();
  if (!access) redirect(`/logga-in?next=${encodeURIComponent(to)}`);
  let outcome: string;
  try {
    outcome = `ok=${encodeURIComponent(await work(access))}`;
  } catch (err) {
    const message = describeLoopError(err);
    if (message === null) throw err;
    outcome = `fel=${encodeURIComponent(message)}`;
  }
  redirect(`${to}${to.includes('?') ? '&' : '?'}${outcome}`);
}

const activityPage = (f: FormData) => {
  const id = uuidish(text(f, 'activity_id'));
  return id ? `/aktiviteter/${id}` : '/aktiviteter';
};

export async function proposeActivityAction(f: FormData): Promise<void> {
  await run(
    f,
    () => '/aktiviteter',
    async (access) => {
      const { id } = await proposeActivity(access, {
        pledge_id: text(f, 'pledge_id') ?? null,
        focus_area_id: text(f, 'focus_area_id') ?? null,
        title: text(f, 'title') ?? '',
        owner_org_id: text(f, 'owner_org_id') ?? '',
        partner_org_ids: list(f, 'partner_org_ids'),
        starts_on: text(f, 'starts_on') ?? '',
        ends_on: text(f, 'ends_on') ?? null,
        goal: text(f, 'goal') ?? null,
        indicator: text(f, 'indicator') ?? null,
        internal_notes: text(f, 'internal_notes') ?? null,
        public_summary: text(f, 'public_summary') ?? null,
      });
      return `Förslaget är registrerat (${id}); det väntar på rådets beslut.`;
    },
  );
}

export async function recordDecisionAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access) => {
    await recordCouncilDecision(access, {
      activity_id: text(f, 'activity_id') ?? '',
      meeting_id: text(f, 'meeting_id') ?? null,
      meeting_name: text(f, 'meeting_name') ?? '',
      decided_on: text(f, 'decided_on') ?? '',
      outcome: text(f, 'outcome') ?? '',
      decision_text: text(f, 'decision_text') ?? '',
    });
    return 'Rådets beslut är registrerat.';
  });
}

export async function reportFollowUpAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access) => {
    const r = await reportFollowUp(access, {
      activity_id: text(f, 'activity_id') ?? '',
      quarter: text(f, 'quarter') ?? '',
      status: text(f, 'status') ?? '',
      indicator_value: text(f, 'indicator_value') ?? null,
      note: text(f, 'note') ?? null,
      organisation_id: text(f, 'organisation_id') ?? null,
    });
    return r.created ? `Uppföljningen för ${text(f, 'quarter')} är rapporterad.` : `Uppföljningen för ${text(f, 'quarter')} är uppdaterad.`;
  });
}

export async function reviewSummaryAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access) => {
    await reviewPublicSummary(access, { activity_id: text(f, 'activity_id') ?? '', decision: text(f, 'decision') ?? '' });
    return text(f, 'decision') === 'approve' ? 'Den publika sammanfattningen är godkänd och visas publikt.' : 'Den publika sammanfattningen är tillbakadragen.';
  });
}

export async function updateSummaryAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access) => {
    await updatePublicSummary(access, text(f, 'activity_id') ?? '', text(f, 'public_summary') ?? null);
    return 'Texten är sparad och väntar på granskning.';
  });
}

export async function setStatusAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access) => {
    await setActivityStatus(access, { activity_id: text(f, 'activity_id') ?? '', status: text(f, 'status') ?? '' });
    return 'Status är ändrad.';
  });
}

export async function updateActivityAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access) => {
    await updateActivityDetails(access, {
      activity_id: text(f, 'activity_id') ?? '',
      pledge_id: text(f, 'pledge_id') ?? null,
      focus_area_id: text(f, 'focus_area_id') ?? null,
      title: text(f, 'title') ?? '',
      owner_org_id: text(f, 'owner_org_id') ?? '',
      partner_org_ids: list(f, 'partner_org_ids'),
      starts_on: text(f, 'starts_on') ?? '',
      ends_on: text(f, 'ends_on') ?? null,
      goal: text(f, 'goal') ?? null,
      indicator: text(f, 'indicator') ?? null,
      internal_notes: text(f, 'internal_notes') ?? null,
    });
    return 'Aktiviteten är uppdaterad.';
  });
}
