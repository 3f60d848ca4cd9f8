'use server';
// Server actions of the sign-in pages: each calls one lib/server/auth function and redirects.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/lib/schemas/auth';
import { recordMeetingMode } from '@/lib/server/auth/meeting-mode';
import { MEETING_MODE_COOKIE } from '@/lib/server/auth/session';
import {
  confirmTotpEnrolment,
  type EnrolmentStart,
  signInWithPassword,
  signOutCurrentUser,
  startOidcSignIn,
  startTotpEnrolment,
  verifyTwoFactorCode,
} from '@/lib/server/auth/sign-in';

function errorCode(r: Awaited<ReturnType<typeof signInWithPassword>>): string {
  if (r.status === 'invalid') return 'invalid';
  return r.status === 'failed' && r.throttled ? 'throttled' : 'failed';
}

export async function signInAction(formData: FormData): Promise<void> {
  const next = safeNextPath(formData.get('next'));
  const r = await signInWithPassword({ email: formData.get('email'), password: formData.get('password') });
  if (r.status === 'ok') redirect(next);
  if (r.status === 'two_factor') redirect(`/logga-in/tvastegs?next=${encodeURIComponent(next)}`);
  redirect(`/logga-in?fel=${errorCode(r)}&next=${encodeURIComponent(next)}`);
}

export async function verifyCodeAction(formData: FormData): Promise<void> {
  const next = safeNextPath(formData.get('next'));
  const r = await verifyTwoFactorCode(formData.get('code'));
  if (r.status === 'ok') redirect(next);
  redirect(`/logga-in/tvastegs?fel=${errorCode(r)}&next=${encodeURIComponent(next)}`);
}

export type EnrolmentState = { step: 'password'; error?: boolean } | { step: 'confirm'; secret: string; totpURI: string; backupCodes: string[]; error?: boolean };

export async function enrolmentAction(state: EnrolmentState, formData: FormData): Promise<EnrolmentState> {
  // Posted without the page's state (no JavaScript, or by hand) it arrives as (formData) alone: start over
  // instead of failing with a 500.
  if (!(formData instanceof FormData) || typeof state !== 'object' || state === null || !('step' in state)) return { step: 'password', error: true };
  if (state.step === 'password') {
    const started: EnrolmentStart = await startTotpEnrolment(formData.get('password'));
    return started.status === 'ok' ? { step: 'confirm', secret: started.secret, totpURI: started.totpURI, backupCodes: started.backupCodes } : { step: 'password', error: true };
  }
  const r = await confirmTotpEnrolment(formData.get('code'));
  if (r.status === 'ok') redirect('/karta');
  return { ...state, error: true };
}

export async function signOutAction(): Promise<void> {
  await signOutCurrentUser();
  redirect('/logga-in');
}

export async function oidcSignInAction(formData: FormData): Promise<void> {
  const provider = String(formData.get('provider') ?? '');
  const next = safeNextPath(formData.get('next'));
  const url = /^[a-z0-9]+$/.test(provider) ? await startOidcSignIn(provider, next) : null;
  redirect(url ?? `/logga-in?fel=failed&next=${encodeURIComponent(next)}`);
}

/** Meeting mode on or off for this browser (a shared screen): only joint records until turned off. */
export async function setMeetingModeAction(formData: FormData): Promise<void> {
  const on = formData.get('on') === '1';
  const store = await cookies();
  if (on) store.set(MEETING_MODE_COOKIE, '1', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 12 * 3600 });
  else store.delete(MEETING_MODE_COOKIE);
  await recordMeetingMode(on);
  redirect(safeNextPath(formData.get('next')));
}
