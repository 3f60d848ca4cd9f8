import 'server-only';
// Sign-in throttling that backs off per account and per client address without letting an attacker
// lock an analyst out: the account-wide back-off is short and skipped for a client address that has
// signed in to that account before; the strict back-off is per (account, address) pair and per address.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { listThrottleRows, type ThrottleRow, upsertThrottleRow } from '@/db/queries/auth/throttle';
import type { Database } from '@/db/schema';

type Kind = 'pair' | 'account' | 'address';

/** failures tolerated before back-off starts, and the longest back-off (seconds). */
export const THROTTLE_POLICY: Readonly<Record<Kind, { free: number; maxSeconds: number }>> = {
  pair: { free: 4, maxSeconds: 15 * 60 },
  account: { free: 10, maxSeconds: 60 },
  address: { free: 30, maxSeconds: 15 * 60 },
};

/** Failures older than this no longer count. */
const WINDOW_MS = 15 * 60_000;
/** A client address that signed in to the account within this time is known: no account-wide back-off. */
const KNOWN_CLIENT_MS = 30 * 86_400_000;

function key(kind: Kind, email: string, address: string): string {
  const raw = kind === 'pair' ? `pair:${email}|${address}` : kind === 'account' ? `account:${email}` : `address:${address}`;
  return crypto.createHash('sha256').update(raw).digest('hex');
}

function keys(email: string, address: string): Record<Kind, string> {
  const e = email.trim().toLowerCase();
  return { pair: key('pair', e, address), account: key('account', e, address), address: key('address', e, address) };
}

/** Back-off after the n-th failure in a row: 0 while free, then 1 s doubling up to the cap. */
export function backoffSeconds(kind: Kind, failures: number): number {
  const { free, maxSeconds } = THROTTLE_POLICY[kind];
  if (failures <= free) return 0;
  return Math.min(maxSeconds, 2 ** Math.min(30, failures - free - 1));
}

export interface ThrottleCheck {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** May this client try to sign in to this account now? */
export async function checkSignInThrottle(db: Kysely<Database>, attempt: { email: string; address: string; now?: Date }): Promise<ThrottleCheck> {
  const now = (attempt.now ?? new Date()).getTime();
  const k = keys(attempt.email, attempt.address);
  const rows = new Map((await listThrottleRows(db, Object.values(k))).map((r) => [r.key, r]));
  const pair = rows.get(k.pair);
  const known = pair?.last_success_at ? now - pair.last_success_at.getTime() < KNOWN_CLIENT_MS : false;
  let until = 0;
  for (const kind of ['pair', 'account', 'address'] as const) {
    if (kind === 'account' && known) continue;
    const blocked = rows.get(k[kind])?.blocked_until?.getTime() ?? 0;
    if (blocked > until) until = blocked;
  }
  return until > now ? { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000) } : { allowed: true, retryAfterSeconds: 0 };
}

export async function recordSignInFailure(db: Kysely<Database>, attempt: { email: string; address: string; now?: Date }): Promise<void> {
  const now = attempt.now ?? new Date();
  const k = keys(attempt.email, attempt.address);
  const rows = new Map((await listThrottleRows(db, Object.values(k))).map((r) => [r.key, r]));
  for (const kind of ['pair', 'account', 'address'] as const) {
    const old: ThrottleRow | undefined = rows.get(k[kind]);
    const recent = old?.last_failure_at && now.getTime() - old.last_failure_at.getTime() < WINDOW_MS;
    const failures = recent ? old!.failures + 1 : 1;
    const seconds = backoffSeconds(kind, failures);
    await upsertThrottleRow(db, {
      key: k[kind],
      failures,
      last_failure_at: now,
      blocked_until: seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null,
      last_success_at: old?.last_success_at ?? null,
    });
  }
}

/** A successful sign-in clears the pair's failures and marks the address as known for the account. */
export async function recordSignInSuccess(db: Kysely<Database>, attempt: { email: string; address: string; now?: Date }): Promise<void> {
  const now = attempt.now ?? new Date();
  await upsertThrottleRow(db, { key: keys(attempt.email, attempt.address).pair, failures: 0, last_failure_at: null, blocked_until: null, last_success_at: now });
}

/** The client address as the reverse proxy reports it (first x-forwarded-for entry), else 'unknown'. */
export function clientAddress(headers: Headers | undefined | null): string {
  const forwarded = headers?.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers?.get('x-real-ip')?.trim() || 'unknown';
}
