'use server';
// Creating a pledge and a focus area: one lib/server function each; the outcome goes back in the URL.
import { redirect } from 'next/navigation';
import { describeLoopError, findLoopAccess, type LoopAccess } from '@/lib/server/pledges/loop-access';
import { createFocusAreaAs, createPledgeAs } from '@/lib/server/pledges/manage-pledges';

const text = (f: FormData, k: string): string | undefined => {
  const v = f.get(k);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};
const list = (f: FormData, k: string): string[] => f.getAll(k).filter((v): v is string => typeof v === 'string' && v !== '');

async function run(back: string, work: (access: LoopAccess) => Promise<string>): Promise<never> {
  const access = await findLoopAccess();
  if (!access) redirect(`/logga-in?next=${encodeURIComponent(back)}`);
  let outcome: string;
  try {
    outcome = `ok=${encodeURIComponent(await work(access))}`;
  } catch (err) {
    const message = describeLoopError(err);
    if (message === null) throw err;
    outcome = `fel=${encodeURIComponent(message)}`;
  }
  redirect(`${back}?${outcome}`);
}

export async function createPledgeAction(f: FormData): Promise<void> {
  await run('/loften', async (access) => {
    await createPledgeAs(access, {
      year: Number(text(f, 'year')),
      title: text(f, 'title') ?? '',
      body: text(f, 'body') ?? '',
      public_summary: text(f, 'public_summary') ?? null,
      focus_area_ids: list(f, 'focus_area_ids'),
      partner_org_ids: list(f, 'partner_org_ids'),
    });
    return `Medborgarlöftet ”${text(f, 'title')}” är sparat.`;
  });
}

export async function createFocusAreaAction(f: FormData): Promise<void> {
  await run('/fokusomraden', async (access) => {
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
    return `Fokusområdet ”${text(f, 'name')}” är sparat.`;
  });
}
