'use server';
// Activity actions: propose, record the council's decision, report a follow-up, review the public
// summary, move the status. Each calls one lib/server function; the outcome goes back in the URL.
import { proposeActivity, reviewPublicSummary, setActivityStatus, updateActivityDetails, updatePublicSummary } from '@/lib/server/activities/manage-activities';
import { recordCouncilDecision } from '@/lib/server/activities/record-council-decision';
import { reportFollowUp } from '@/lib/server/activities/report-follow-up';
import type { LoopAccess } from '@/lib/server/pledges/loop-access';
import type { Translate } from '@/lib/i18n/translate';
import { runLoopAction } from '../loften/_components/run-loop-action';

const text = (f: FormData, k: string): string | undefined => {
  const v = f.get(k);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};
const list = (f: FormData, k: string): string[] => f.getAll(k).filter((v): v is string => typeof v === 'string' && v !== '');
const uuidish = (v: string | undefined) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : null);

function run(f: FormData, back: (f: FormData) => string, work: (access: LoopAccess, t: Translate) => Promise<string>): Promise<never> {
  return runLoopAction(back(f), work);
}

const activityPage = (f: FormData) => {
  const id = uuidish(text(f, 'activity_id'));
  return id ? `/aktiviteter/${id}` : '/aktiviteter';
};

export async function proposeActivityAction(f: FormData): Promise<void> {
  await run(
    f,
    () => '/aktiviteter',
    async (access, t) => {
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
      return t('loop.activities.proposed', { id });
    },
  );
}

export async function recordDecisionAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access, t) => {
    await recordCouncilDecision(access, {
      activity_id: text(f, 'activity_id') ?? '',
      meeting_id: text(f, 'meeting_id') ?? null,
      meeting_name: text(f, 'meeting_name') ?? '',
      decided_on: text(f, 'decided_on') ?? '',
      outcome: text(f, 'outcome') ?? '',
      decision_text: text(f, 'decision_text') ?? '',
    });
    return t('loop.decision.recorded');
  });
}

export async function reportFollowUpAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access, t) => {
    const r = await reportFollowUp(access, {
      activity_id: text(f, 'activity_id') ?? '',
      quarter: text(f, 'quarter') ?? '',
      status: text(f, 'status') ?? '',
      indicator_value: text(f, 'indicator_value') ?? null,
      note: text(f, 'note') ?? null,
      organisation_id: text(f, 'organisation_id') ?? null,
    });
    return r.created ? t('loop.followUp.reported', { quarter: text(f, 'quarter') ?? '' }) : t('loop.followUp.updated', { quarter: text(f, 'quarter') ?? '' });
  });
}

export async function reviewSummaryAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access, t) => {
    await reviewPublicSummary(access, { activity_id: text(f, 'activity_id') ?? '', decision: text(f, 'decision') ?? '' });
    return text(f, 'decision') === 'approve' ? t('loop.summary.approved') : t('loop.summary.withdrawn');
  });
}

export async function updateSummaryAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access, t) => {
    await updatePublicSummary(access, text(f, 'activity_id') ?? '', text(f, 'public_summary') ?? null);
    return t('loop.summary.saved');
  });
}

export async function setStatusAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access, t) => {
    await setActivityStatus(access, { activity_id: text(f, 'activity_id') ?? '', status: text(f, 'status') ?? '' });
    return t('loop.activity.statusChanged');
  });
}

export async function updateActivityAction(f: FormData): Promise<void> {
  await run(f, activityPage, async (access, t) => {
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
    return t('loop.activity.updated');
  });
}
