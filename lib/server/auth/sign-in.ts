import 'server-only';
// What the sign-in pages' server actions do: each step calls better-auth (which sets or clears the
// session cookie through its next-cookies plugin) and answers with a state the form can show.
// Failures say nothing about which part was wrong.
// isAPIError, not instanceof: bundlers can load the error class twice (seen under next dev).
import { isAPIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { signInInputSchema, totpCodeSchema } from '@/lib/schemas/auth';
import { getAuth } from './get-auth';

export type SignInResult = { status: 'ok' } | { status: 'two_factor' } | { status: 'failed'; throttled: boolean; retryAfterSeconds?: number } | { status: 'invalid' };

function failure(err: unknown): SignInResult {
  if (isAPIError(err)) {
    const throttled = err.statusCode === 429;
    const retry = Number(new Headers(err.headers).get('retry-after'));
    return { status: 'failed', throttled, ...(throttled && retry > 0 ? { retryAfterSeconds: retry } : {}) };
  }
  throw err;
}

export async function signInWithPassword(input: { email: unknown; password: unknown }): Promise<SignInResult> {
  const parsed = signInInputSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid' };
  const auth = await getAuth();
  try {
    const result = await auth.api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() });
    return 'twoFactorRedirect' in result && result.twoFactorRedirect ? { status: 'two_factor' } : { status: 'ok' };
  } catch (err) {
    return failure(err);
  }
}

/** The second step of a sign-in: the TOTP code (or a backup code) for the pending two-factor cookie. */
export async function verifyTwoFactorCode(code: unknown): Promise<SignInResult> {
  const raw = typeof code === 'string' ? code.trim() : '';
  const auth = await getAuth();
  try {
    if (totpCodeSchema.safeParse(raw).success) await auth.api.verifyTOTP({ body: { code: raw }, headers: await headers() });
    else if (/^[A-Za-z0-9-]{8,20}$/.test(raw)) await auth.api.verifyBackupCode({ body: { code: raw }, headers: await headers() });
    else return { status: 'invalid' };
    return { status: 'ok' };
  } catch (err) {
    return failure(err);
  }
}

export type EnrolmentStart = { status: 'ok'; totpURI: string; secret: string; backupCodes: string[] } | { status: 'failed' };

/** Starts TOTP enrolment for the signed-in user (their password again); confirmed by a first code. */
export async function startTotpEnrolment(password: unknown): Promise<EnrolmentStart> {
  if (typeof password !== 'string' || !password) return { status: 'failed' };
  const auth = await getAuth();
  try {
    const result = await auth.api.enableTwoFactor({ body: { password, method: 'totp' }, headers: await headers() });
    if (result.method !== 'totp') return { status: 'failed' };
    const secret = new URL(result.totpURI).searchParams.get('secret') ?? '';
    return { status: 'ok', totpURI: result.totpURI, secret, backupCodes: result.backupCodes };
  } catch (err) {
    if (isAPIError(err)) return { status: 'failed' };
    throw err;
  }
}

export async function confirmTotpEnrolment(code: unknown): Promise<SignInResult> {
  const parsed = totpCodeSchema.safeParse(code);
  if (!parsed.success) return { status: 'invalid' };
  const auth = await getAuth();
  try {
    await auth.api.verifyTOTP({ body: { code: parsed.data }, headers: await headers() });
    return { status: 'ok' };
  } catch (err) {
    return failure(err);
  }
}

export async function signOutCurrentUser(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() }).catch(() => undefined);
}

/** OIDC providers to offer on the sign-in page (id and button label only). */
export async function listSignInProviders(): Promise<{ id: string; name: string }[]> {
  const { parseOidcProviders } = await import('@/lib/schemas/auth');
  return parseOidcProviders(process.env).map((p) => ({ id: p.id, name: p.name }));
}

/** The URL that starts an OIDC sign-in with a provider (generic OAuth providers sign in as "social"). */
export async function startOidcSignIn(providerId: string, callbackPath: string): Promise<string | null> {
  const auth = await getAuth();
  try {
    const result = await auth.api.signInSocial({ body: { provider: providerId, callbackURL: callbackPath, errorCallbackURL: '/logga-in?fel=failed' }, headers: await headers() });
    return 'url' in result && typeof result.url === 'string' ? result.url : null;
  } catch (err) {
    if (isAPIError(err)) return null;
    throw err;
  }
}
