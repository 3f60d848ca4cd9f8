'use server';
// Server actions of the capture page: each finds the signed-in viewer (signed out: to sign-in) and calls
// one lib/server/capture function, which checks the permission table, validates and audits.
import { redirect } from 'next/navigation';
import { CAPTURE_KINDS, type CaptureKind, formToObject } from '@/lib/schemas/capture';
import { getCaptureAccess } from '@/lib/server/capture/capture-access';
import { type CaptureOutcome, confirmExistingRecord, saveCapture } from '@/lib/server/capture/save-capture';

function kindOf(form: FormData): CaptureKind | null {
  const k = form.get('kind');
  return typeof k === 'string' && (CAPTURE_KINDS as readonly string[]).includes(k) ? (k as CaptureKind) : null;
}

/** Validate, warn of likely duplicates (unless on_duplicate=save) and create the record. */
export async function saveCaptureAction(form: FormData): Promise<CaptureOutcome> {
  const access = await getCaptureAccess();
  if (!access) redirect('/logga-in?next=%2Fregistrera');
  const kind = kindOf(form);
  if (!kind) return { status: 'invalid', fieldErrors: { kind: 'kind must be one of: incident, unsafe_place, vandalism' } };
  return saveCapture(access, kind, formToObject(form, ['reasons']), { now: new Date(), saveAnyway: form.get('on_duplicate') === 'save' });
}

/** "Link to the existing one instead": confirm a record the duplicate warning offered. */
export async function confirmCaptureAction(form: FormData): Promise<CaptureOutcome> {
  const access = await getCaptureAccess();
  if (!access) redirect('/logga-in?next=%2Fregistrera');
  return confirmExistingRecord(access, formToObject(form), { now: new Date() });
}
