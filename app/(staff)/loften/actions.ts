'use server';
// Creating and editing a pledge or a focus area: one lib/server function each; the outcome goes back in the URL.
import { createFocusAreaAs, createPledgeAs, reviewFocusAreaPublicText, reviewPledgePublicText, updateFocusAreaAs, updatePledgeAs } from '@/lib/server/pledges/manage-pledges';
import { runLoopAction } from './_components/run-loop-action';

const text = (f: FormData, k: string): string | undefined => {
  const v = f.get(k);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};
const list = (f: FormData, k: string): string[] => f.getAll(k).filter((v): v is string => typeof v === 'string' && v !== '');

const pledgeFields = (f: FormData) => ({
  year: Number(text(f, 'year')),
  title: text(f, 'title') ?? '',
  body: text(f, 'body') ?? '',
  public_summary: text(f, 'public_summary') ?? null,
  focus_area_ids: list(f, 'focus_area_ids'),
  partner_org_ids: list(f, 'partner_org_ids'),
});

export async function createPledgeAction(f: FormData): Promise<void> {
  await runLoopAction('/loften', async (access, t) => {
    await createPledgeAs(access, pledgeFields(f));
    return t('loop.pledges.saved', { title: text(f, 'title') ?? '' });
  });
}

export async function updatePledgeAction(f: FormData): Promise<void> {
  await runLoopAction('/loften', async (access, t) => {
    const { changed } = await updatePledgeAs(access, { pledge_id: text(f, 'pledge_id') ?? '', ...pledgeFields(f) });
    return changed.length === 0 ? t('loop.noChanges') : t('loop.pledges.updated', { title: text(f, 'title') ?? '' });
  });
}

export async function reviewPledgeTextAction(f: FormData): Promise<void> {
  await runLoopAction('/loften', async (access, t) => {
    await reviewPledgePublicText(access, { pledge_id: text(f, 'pledge_id') ?? '', decision: text(f, 'decision') ?? '' });
    return text(f, 'decision') === 'approve' ? t('loop.publicText.approved') : t('loop.publicText.withdrawn');
  });
}

export async function createFocusAreaAction(f: FormData): Promise<void> {
  await runLoopAction('/fokusomraden', async (access, t) => {
    await createFocusAreaAs(access, {
      name: text(f, 'name') ?? '',
      area_id: text(f, 'area_id'),
      geom: text(f, 'geom'),
      rationale: text(f, 'rationale') ?? null,
      evidence: { source: text(f, 'area_id') ? 'area' : 'drawn', note: text(f, 'evidence_note') ?? null },
      period_from: text(f, 'period_from') ?? '',
      period_to: text(f, 'period_to') ?? null,
      public_summary: text(f, 'public_summary') ?? null,
    });
    return t('loop.focus.saved', { name: text(f, 'name') ?? '' });
  });
}

export async function updateFocusAreaAction(f: FormData): Promise<void> {
  await runLoopAction('/fokusomraden', async (access, t) => {
    const { changed } = await updateFocusAreaAs(access, {
      focus_area_id: text(f, 'focus_area_id') ?? '',
      name: text(f, 'name') ?? '',
      area_id: text(f, 'area_id'),
      geom: text(f, 'geom') ?? '',
      rationale: text(f, 'rationale') ?? null,
      evidence_note: text(f, 'evidence_note') ?? null,
      period_from: text(f, 'period_from') ?? '',
      period_to: text(f, 'period_to') ?? null,
      public_summary: text(f, 'public_summary') ?? null,
    });
    return changed.length === 0 ? t('loop.noChanges') : t('loop.focus.updated', { name: text(f, 'name') ?? '' });
  });
}

export async function reviewFocusAreaTextAction(f: FormData): Promise<void> {
  await runLoopAction('/fokusomraden', async (access, t) => {
    await reviewFocusAreaPublicText(access, { focus_area_id: text(f, 'focus_area_id') ?? '', decision: text(f, 'decision') ?? '' });
    return text(f, 'decision') === 'approve' ? t('loop.publicText.focusApproved') : t('loop.publicText.focusWithdrawn');
  });
}
