// `lagesbild report --as USER` (issue 7): the session the command mints is one the app's own auth
// accepts for exactly that user, lives at most 10 minutes, is refused for users who may not read the
// report or must still enrol a second factor, and is deleted afterwards; every step is audited.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { countReportSessions } from '@/db/queries/auth/report-sessions';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { createConfiguredAuth } from './get-auth';
import { createUser, setUserDisabled } from './manage-users';
import { mintReportSession, REPORT_SESSION_AGENT, ReportSessionRefusedError, revokeReportSession } from './report-session';

let h: DatabaseHandle;
let code: string;
const PASSWORD = 'ett-långt-lösenord-2026';
const email = (who: string) => `${who}.${code}@report.test`;

async function auditOf(action: string, as: string): Promise<{ actor: string; details: Record<string, unknown> }[]> {
  const { rows } = await sql<{ actor: string; details: Record<string, unknown> }>`SELECT actor, details FROM audit_event WHERE resource = 'session' AND action = ${action} AND details->>'as' = ${as} ORDER BY id`.execute(h.db);
  return rows;
}

describe(`report session for the CLI on ${testBackend()}`, () => {
  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
    const orgs = await h.db
      .insertInto('organisation')
      .values([
        { municipality_code: code, name: 'Polisen', kind: 'police' },
        { municipality_code: code, name: 'Bostäder', kind: 'housing' },
      ])
      .returning(['id', 'kind'])
      .execute();
    const org = (kind: string) => orgs.find((o) => o.kind === kind)!.id;
    const auth = await createConfiguredAuth(h.db);
    const actor = 'test';
    await createUser(h.db, auth, { email: email('council'), name: 'Rådsledamot', password: PASSWORD, memberships: [{ municipality_code: code, role: 'council' }] }, { actor });
    await createUser(h.db, auth, { email: email('police'), name: 'Polis utan TOTP', password: PASSWORD, memberships: [{ municipality_code: code, role: 'police', organisation_id: org('police') }] }, { actor });
    await createUser(h.db, auth, { email: email('partner'), name: 'Partner', password: PASSWORD, memberships: [{ municipality_code: code, role: 'partner', organisation_id: org('housing') }] }, { actor });
    await createUser(h.db, auth, { email: email('gone'), name: 'Avstängd', password: PASSWORD, memberships: [{ municipality_code: code, role: 'council' }] }, { actor });
    await setUserDisabled(h.db, email('gone'), true, { actor });
  }, 180_000);

  it('mints a session the app accepts for exactly that user, for at most 10 minutes, and deletes it afterwards (audited)', async () => {
    const now = new Date();
    const session = await mintReportSession(h.db, { email: email('council').toUpperCase(), actor: 'cli:operator', quarter: '2026-Q3', secure: false, ttlSeconds: 3600 });
    expect(session.cookie.name).toBe('lagesbild.session_token');
    expect(session.expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(600_000 + 5_000);
    expect(session.expiresAt.getTime() - now.getTime()).toBeGreaterThan(590_000);
    const auth = await createConfiguredAuth(h.db);
    const found = await auth.api.getSession({ headers: new Headers({ cookie: `${session.cookie.name}=${session.cookie.value}` }) });
    expect(found?.user.email).toBe(email('council'));
    // A forged signature is not accepted.
    const forged = session.cookie.value.replace(/\.[^.]+$/, '.AAAA');
    expect(await auth.api.getSession({ headers: new Headers({ cookie: `${session.cookie.name}=${forged}` }) })).toBeNull();
    expect((await mintReportSession(h.db, { email: email('council'), actor: 'cli:operator', quarter: '2026-Q3', secure: true })).cookie.name).toBe('__Secure-lagesbild.session_token');
    const created = await auditOf('create', email('council'));
    expect(created.length).toBe(2);
    expect(created[0].actor).toBe('cli:operator');
    expect(created[0].details).toMatchObject({ via: 'cli report', quarter: '2026-Q3', session_id: session.id });

    await revokeReportSession(h.db, { session, actor: 'cli:operator', quarter: '2026-Q3', outcome: 'written' });
    expect(await auth.api.getSession({ headers: new Headers({ cookie: `${session.cookie.name}=${session.cookie.value}` }) })).toBeNull();
    const deleted = await auditOf('delete', email('council'));
    expect(deleted.map((d) => [d.details.session_id, d.details.outcome, d.details.deleted])).toEqual([[session.id, 'written', 1]]);
  });

  it('sweeps the command’s expired sessions when it mints the next one', async () => {
    const before = await countReportSessions(h.db, REPORT_SESSION_AGENT);
    expect(before).toBeGreaterThanOrEqual(1);
    await mintReportSession(h.db, { email: email('council'), actor: 'cli:operator', quarter: '2026-Q3', secure: false, now: new Date(Date.now() + 3_600_000) });
    expect(await countReportSessions(h.db, REPORT_SESSION_AGENT)).toBe(1);
  });

  it('refuses users who may not read the report, are disabled, do not exist, or must enrol a second factor (audited, no session)', async () => {
    const sessions = await countReportSessions(h.db, REPORT_SESSION_AGENT);
    for (const [who, reason] of [
      ['partner', /no role that may read the council report/],
      ['gone', /disabled/],
      ['nobody', /no such user/],
      ['police', /second factor/],
    ] as const) {
      await expect(mintReportSession(h.db, { email: email(who), actor: 'cli:operator', quarter: '2026-Q3', secure: false })).rejects.toThrow(reason);
      await expect(mintReportSession(h.db, { email: email(who), actor: 'cli:operator', quarter: '2026-Q3', secure: false })).rejects.toBeInstanceOf(ReportSessionRefusedError);
      expect((await auditOf('denied', email(who))).length).toBe(2);
    }
    expect(await countReportSessions(h.db, REPORT_SESSION_AGENT)).toBe(sessions);
  });
});
