// `lagesbild notify` on the demo data with a fixed clock, on both databases: which reminders fire,
// that a second run adds nothing, who receives what, and that without SMTP nothing is sent and the
// outbox says so; with a transport the pending e-mails go out once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { seedDemo } from '@/db/seed/demo';
import { executeNotify } from '@/lib/cli/notify';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { openFreshTestDatabase, testBackend } from '@/lib/testing/test-database';
import { quartersDueForReminder } from './fill-outbox';

const UNTIL = new Date('2026-09-30T22:00:00Z');
// A fixed clock ten days before 2026-Q4 ends (inside the 14-day reminder window) and two weeks after
// 2026-Q3's deadline: Q4 is due; Q3's reminders have closed.
const NOW = new Date('2026-12-21T08:00:00+01:00');
let h: DatabaseHandle;
const out: string[] = [];
const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s) };
const env = { smtpUrl: null, from: 'lagesbild@test', baseUrl: 'https://lagesbild.example' };

async function users(): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const o of await h.db.selectFrom('organisation').select(['id', 'kind']).where('municipality_code', '=', DEMO_MUNICIPALITY_CODE).execute()) {
    const id = `user-${o.kind}`;
    await sql`INSERT INTO auth_user (id, name, email) VALUES (${id}, ${o.kind}, ${`${o.kind}@notify.test`})`.execute(h.db);
    await sql`INSERT INTO role_membership (user_id, municipality_code, role, organisation_id) VALUES (${id}, ${DEMO_MUNICIPALITY_CODE}, ${o.kind === 'police' ? 'police' : o.kind === 'municipality' ? 'municipality' : 'partner'}, ${o.id})`.execute(h.db);
    ids[o.kind] = id;
  }
  // A council member holds no organisation: never a recipient.
  await sql`INSERT INTO auth_user (id, name, email) VALUES ('user-council', 'council', 'council@notify.test')`.execute(h.db);
  await sql`INSERT INTO role_membership (user_id, municipality_code, role, organisation_id) VALUES ('user-council', ${DEMO_MUNICIPALITY_CODE}, 'council', NULL)`.execute(h.db);
  return ids;
}

async function outbox() {
  const { rows } = await sql<{ user_id: string; kind: string; dedupe_key: string; email_status: string }>`
    SELECT user_id, kind, dedupe_key, email_status FROM notification ORDER BY user_id, dedupe_key`.execute(h.db);
  return rows;
}

describe(`notify on ${testBackend()}`, () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    h = await openFreshTestDatabase();
    await seedDemo(h.db, { seed: 1, until: UNTIL, years: 1 });
    ids = await users();
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('opens the reminder window 14 days before a quarter ends and closes it 15 days after', () => {
    const cadence = { follow_up_quarters: [1, 2, 3, 4], reminder_days_before_quarter_end: 14, report_deadline_days: 15 };
    expect(quartersDueForReminder(new Date('2026-12-17T23:00:00Z'), cadence).map((q) => q.quarter)).toEqual(['2026-Q4']);
    expect(quartersDueForReminder(new Date('2026-12-17T22:59:00Z'), cadence)).toEqual([]);
    expect(quartersDueForReminder(new Date('2027-01-15T22:59:00Z'), cadence).map((q) => q.quarter)).toEqual(['2026-Q4']);
    expect(quartersDueForReminder(new Date('2027-01-15T23:00:00Z'), cadence)).toEqual([]);
    expect(quartersDueForReminder(new Date('2026-12-20T12:00:00Z'), { ...cadence, follow_up_quarters: [1, 2, 3] })).toEqual([]);
  });

  it('fills the outbox with the reminders due at a fixed clock, to the owners’ users only', async () => {
    expect(await executeNotify(h, {}, io, { now: NOW, env })).toBe(0);
    const rows = await outbox();
    const keys = (kind: string) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.dedupe_key.split(':').slice(0, 2).join(':')))];
    // 2026-Q4 follow-ups: every running activity of the quarter lacks one (the demo ends before Q4).
    const dueQ4 = rows.filter((r) => r.kind === 'follow_up_due');
    expect(dueQ4.length).toBeGreaterThanOrEqual(4);
    expect(keys('follow_up_due')).toEqual(['follow_up_due:2026-Q4']);
    // The lighting at resecentrum ended 2026-06-30 and is still ongoing: overdue, to the municipality.
    const overdue = rows.filter((r) => r.kind === 'activity_overdue');
    expect(overdue.map((r) => r.user_id)).toEqual([ids.municipality]);
    // Open graffiti/damage assignments reach their responsible organisation; their cleanup targets have passed.
    const assigned = rows.filter((r) => r.kind === 'vandalism_assigned');
    const { rows: open } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM vandalism_report WHERE status = 'assigned' AND remediated_at IS NULL`.execute(h.db);
    expect(assigned.length).toBe(open[0].n);
    expect(rows.filter((r) => r.kind === 'cleanup_due').length).toBe(open[0].n);
    expect(rows.some((r) => r.user_id === 'user-council')).toBe(false);
    expect(new Set(rows.map((r) => r.email_status))).toEqual(new Set(['not_configured']));
    expect(out.join('')).toMatch(/SMTP_URL is not set, nothing sent/);
  });

  it('adds nothing when run twice with the same clock, or later the same day', async () => {
    const before = await outbox();
    await executeNotify(h, {}, io, { now: NOW, env });
    await executeNotify(h, {}, io, { now: new Date(NOW.getTime() + 6 * 3_600_000), env });
    expect(await outbox()).toEqual(before);
  });

  it('sends pending e-mails once through the transport when SMTP is configured, and none twice', async () => {
    // A new reminder after a report disappears and a new activity becomes overdue: a later clock in Q1.
    const sent: { to: string; subject: string; text: string }[] = [];
    const transport = { sendMail: async (m: { to: string; subject: string; text: string }) => void sent.push(m) };
    const later = new Date('2027-03-20T08:00:00+01:00');
    await executeNotify(h, {}, io, { now: later, env: { ...env, smtpUrl: 'smtp://unused' }, transport });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((m) => m.subject.startsWith('Lägesbild: ') && m.text.includes('https://lagesbild.example/'))).toBe(true);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification WHERE email_status = 'sent'`.execute(h.db);
    expect(rows[0].n).toBe(sent.length);
    const again = sent.length;
    await executeNotify(h, {}, io, { now: later, env: { ...env, smtpUrl: 'smtp://unused' }, transport });
    expect(sent.length).toBe(again);
  });

  it('retries a failed e-mail on the next run and records the error', async () => {
    // Any row back to pending: ids are random, so it may be one already sent once (attempts 1) or one
    // never tried (attempts 0); the failed run adds exactly one attempt to what it had.
    const { rows: picked } = await sql<{ id: string; email_attempts: number }>`
      UPDATE notification SET email_status = 'pending' WHERE id = (SELECT id FROM notification ORDER BY id LIMIT 1) RETURNING id, email_attempts`.execute(h.db);
    const failing = { sendMail: async () => Promise.reject(new Error('connection refused')) };
    expect(await executeNotify(h, { 'no-send': false }, io, { now: new Date('2027-03-20T08:00:00+01:00'), env, transport: failing })).toBe(1);
    const { rows } = await sql<{ id: string; email_status: string; email_attempts: number; email_error: string }>`SELECT id, email_status, email_attempts, email_error FROM notification WHERE email_status = 'failed'`.execute(h.db);
    expect(rows).toEqual([{ id: picked[0].id, email_status: 'failed', email_attempts: picked[0].email_attempts + 1, email_error: 'connection refused' }]);
  });
});
