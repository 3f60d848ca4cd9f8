'use server';
// Server actions of walk mode: create a walk (then on to it), add an observation as you walk. Each finds
// the signed-in viewer (signed out: to sign-in) and calls one lib/server/walks function, which checks
// the permission table, validates and audits.
import { redirect } from 'next/navigation';
import { formToObject } from '@/lib/schemas/capture';
import { getCaptureAccess } from '@/lib/server/capture/capture-access';
import { addWalkObservation, createWalk, type WalkOutcome } from '@/lib/server/walks/walks';

export async function createWalkAction(form: FormData): Promise<void> {
  const access = await getCaptureAccess();
  if (!access) redirect('/logga-in?next=%2Fvandringar');
  const outcome = await createWalk(access, formToObject(form, ['organisation_ids']));
  if (outcome.status === 'created') redirect(`/vandringar/${outcome.id}?ny=1`);
  const fields = outcome.status === 'invalid' ? Object.keys(outcome.fieldErrors).join(',') : 'forbidden';
  redirect(`/vandringar?fel=${encodeURIComponent(fields)}`);
}

export async function addWalkObservationAction(form: FormData): Promise<WalkOutcome> {
  const access = await getCaptureAccess();
  if (!access) redirect('/logga-in?next=%2Fvandringar');
  return addWalkObservation(access, formToObject(form, ['reasons']), { now: new Date() });
}
