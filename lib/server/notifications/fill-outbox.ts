import 'server-only';
// Fills the notification outbox at an instant (the cron's `lagesbild notify`, or a test's fixed clock):
//  - follow_up_due: from `reminder_days_before_quarter_end` days before a follow-up quarter ends until
//    its reporting deadline, for every activity of the quarter that has not reported, to the owner;
//  - activity_overdue: a decided or ongoing activity past its end date, to the owner;
//  - vandalism_assigned: graffiti/damage assigned to an organisation and not cleaned, to it;
//  - cleanup_due: the same, from `cleanup_warning_hours` before its cleanup target passes.
// Every item carries a dedupe key, so running twice adds nothing. Audited as one event per run.
import type { Kysely } from 'kysely';
import { listUnreported, quarterDates } from '@/db/queries/pledges/follow-ups';
import { insertNotificationsForOrganisations, type NewNotification, type NotificationKind } from '@/db/queries/notifications/notification-outbox';
import { listOpenAssignments, listOverdueActivities } from '@/db/queries/notifications/reminder-candidates';
import type { Database } from '@/db/schema';
import { localDate, shiftQuarter } from '@/lib/domain/council-quarters';
import { fromLocalParts, quarterOf } from '@/lib/domain/time';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { getCadence } from '@/lib/server/cadence/cadence-settings';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface FillOutboxResult {
  municipalityCode: string;
  /** Rows added per kind (one per recipient user). */
  added: Record<NotificationKind, number>;
  /** Reminders considered per kind (before fan-out to users and deduplication). */
  candidates: Record<NotificationKind, number>;
  followUpQuarters: string[];
}

const fmt = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(d);

/** The instant a local date's day ends (next local midnight). */
function endOfLocalDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return fromLocalParts(y, m, d + 1);
}

/** Follow-up quarters whose reminder window contains `now`: [end − before days, end + deadline days]. */
export function quartersDueForReminder(now: Date, cadence: { follow_up_quarters: readonly number[]; reminder_days_before_quarter_end: number; report_deadline_days: number }): { quarter: string; deadline: Date }[] {
  const out: { quarter: string; deadline: Date }[] = [];
  for (const quarter of [shiftQuarter(quarterOf(now), -1), quarterOf(now)]) {
    if (!cadence.follow_up_quarters.includes(Number(quarter.slice(-1)))) continue;
    const end = endOfLocalDay(quarterDates(quarter).end);
    const from = end.getTime() - cadence.reminder_days_before_quarter_end * DAY_MS;
    const deadline = new Date(end.getTime() + cadence.report_deadline_days * DAY_MS);
    if (now.getTime() >= from && now.getTime() < deadline.getTime()) out.push({ quarter, deadline });
  }
  return out;
}

export async function fillNotificationOutbox(db: Kysely<Database>, o: { municipalityCode: string; now: Date; actor: string }): Promise<FillOutboxResult> {
  const { municipalityCode, now } = o;
  const cadence = await getCadence(db, municipalityCode);
  const items: NewNotification[] = [];
  const base = { municipalityCode };

  const due = quartersDueForReminder(now, cadence);
  for (const { quarter, deadline } of due) {
    for (const a of await listUnreported(db, { municipalityCode, quarter, scope: { kind: 'all' } })) {
      items.push({
        ...base,
        organisationId: a.owner_org_id,
        kind: 'follow_up_due',
        dedupeKey: `follow_up_due:${quarter}:${a.activity_id}`,
        subjectId: a.activity_id,
        title: `Dags att rapportera uppföljningen för ${quarter}`,
        body: `”${a.title}” har ingen uppföljning för ${quarter}. Rapportera senast ${fmt(deadline)}.`,
        link: `/aktiviteter/${a.activity_id}?kvartal=${quarter}`,
        dueAt: deadline,
      });
    }
  }

  for (const a of await listOverdueActivities(db, { municipalityCode, today: localDate(now) })) {
    items.push({
      ...base,
      organisationId: a.owner_org_id,
      kind: 'activity_overdue',
      dedupeKey: `activity_overdue:${a.id}:${a.ends_on}`,
      subjectId: a.id,
      title: 'En aktivitet har passerat sitt slutdatum',
      body: `”${a.title}” skulle vara klar ${a.ends_on}. Markera den som genomförd, avbruten eller rapportera läget.`,
      link: `/aktiviteter/${a.id}`,
      dueAt: endOfLocalDay(a.ends_on),
    });
  }

  const assignments = await listOpenAssignments(db, { municipalityCode, now });
  const what = (a: { kind: string; offensive: boolean }) => (a.kind === 'damage' ? 'Skadegörelse' : a.offensive ? 'Kränkande klotter' : 'Klotter');
  for (const a of assignments) {
    items.push({
      ...base,
      organisationId: a.responsible_org_id,
      kind: 'vandalism_assigned',
      dedupeKey: `vandalism_assigned:${a.id}:${a.responsible_org_id}`,
      subjectId: a.id,
      title: `${what(a)} har tilldelats er organisation`,
      body: `${what(a)} rapporterat ${fmt(a.reported_at)} ska åtgärdas inom ${a.target_hours} timmar (senast ${fmt(a.target_at)}).`,
      link: '/karta',
      dueAt: a.target_at,
    });
    if (now.getTime() >= a.target_at.getTime() - cadence.cleanup_warning_hours * HOUR_MS) {
      const passed = now.getTime() >= a.target_at.getTime();
      items.push({
        ...base,
        organisationId: a.responsible_org_id,
        kind: 'cleanup_due',
        dedupeKey: `cleanup_due:${a.id}:${a.responsible_org_id}`,
        subjectId: a.id,
        title: passed ? `Städmålet har passerats: ${what(a).toLowerCase()}` : `Städmålet passeras snart: ${what(a).toLowerCase()}`,
        body: `${what(a)} rapporterat ${fmt(a.reported_at)} skulle vara åtgärdat senast ${fmt(a.target_at)} (mål ${a.target_hours} timmar).`,
        link: '/karta',
        dueAt: a.target_at,
      });
    }
  }

  const kinds: NotificationKind[] = ['follow_up_due', 'activity_overdue', 'vandalism_assigned', 'cleanup_due'];
  const added = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<NotificationKind, number>;
  const candidates = Object.fromEntries(kinds.map((k) => [k, items.filter((i) => i.kind === k).length])) as Record<NotificationKind, number>;
  await db.transaction().execute(async (trx) => {
    for (const kind of kinds) added[kind] = await insertNotificationsForOrganisations(trx, items.filter((i) => i.kind === kind), now);
    await appendAuditEvent(trx, { actor: o.actor, action: 'create', resource: 'notification', municipalityCode, details: { now: now.toISOString(), added, candidates, quarters: due.map((d) => d.quarter) } });
  });
  return { municipalityCode, added, candidates, followUpQuarters: due.map((d) => d.quarter) };
}
