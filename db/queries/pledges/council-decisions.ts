// The council's decisions on proposed activities: inserting one moves the activity's status in the
// same transaction (decided or rejected), only from 'proposed' (or from one decision to a new one).
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';

export interface CouncilDecisionRow {
  id: string;
  activity_id: string;
  meeting_id: string | null;
  meeting_name: string;
  decided_on: string;
  outcome: 'decided' | 'rejected';
  decision_text: string;
  recorded_by: string;
  created_at: string;
}

export interface InsertCouncilDecision {
  municipalityCode: string;
  activityId: string;
  meetingId: string | null;
  meetingName: string;
  decidedOn: string;
  outcome: 'decided' | 'rejected';
  decisionText: string;
  recordedBy: string;
}

/** Statuses from which a council decision may move an activity. */
export const DECIDABLE_STATUSES = ['proposed', 'decided', 'rejected'] as const;

/**
 * Inserts the decision and sets the activity's status, in the caller's transaction. Returns null when
 * the activity is not in the municipality or is no longer decidable (already ongoing, done, cancelled).
 */
export async function insertCouncilDecision(trx: Kysely<Database>, d: InsertCouncilDecision): Promise<{ id: string; previousStatus: string } | null> {
  const current = await trx
    .selectFrom('activity')
    .select('status')
    .where('municipality_code', '=', d.municipalityCode)
    .where('id', '=', d.activityId)
    .forUpdate()
    .executeTakeFirst();
  if (!current || !(DECIDABLE_STATUSES as readonly string[]).includes(current.status)) return null;
  await trx.updateTable('activity').set({ status: d.outcome, updated_at: sql`now()` }).where('id', '=', d.activityId).execute();
  const row = await trx
    .insertInto('council_decision')
    .values({
      municipality_code: d.municipalityCode,
      activity_id: d.activityId,
      meeting_id: d.meetingId,
      meeting_name: d.meetingName,
      decided_on: d.decidedOn,
      outcome: d.outcome,
      decision_text: d.decisionText,
      recorded_by: d.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, previousStatus: current.status };
}

export async function listCouncilDecisions(db: Kysely<Database>, o: { municipalityCode: string; activityId: string }): Promise<CouncilDecisionRow[]> {
  const rows = await db
    .selectFrom('council_decision')
    .select(['id', 'activity_id', 'meeting_id', 'meeting_name', 'outcome', 'decision_text', 'recorded_by'])
    .select(sql<string>`decided_on::text`.as('decided_on'))
    .select(sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('created_at'))
    .where('municipality_code', '=', o.municipalityCode)
    .where('activity_id', '=', o.activityId)
    .orderBy('decided_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, outcome: r.outcome as CouncilDecisionRow['outcome'] }));
}

export interface QuarterDecisionRow {
  id: string;
  decided_on: string;
  meeting_name: string;
  outcome: 'decided' | 'rejected';
  decision_text: string;
  activity_title: string;
  pledge_title: string | null;
}

/** The council's decisions dated within [from, to] (dates, inclusive), with the activity and pledge they concern; oldest first. */
export async function listDecisionsBetween(db: Kysely<Database>, o: { municipalityCode: string; from: string; to: string }): Promise<QuarterDecisionRow[]> {
  const rows = await db
    .selectFrom('council_decision as d')
    .innerJoin('activity as a', 'a.id', 'd.activity_id')
    .leftJoin('pledge as p', 'p.id', 'a.pledge_id')
    .select(['d.id', 'd.meeting_name', 'd.outcome', 'd.decision_text', 'a.title as activity_title', 'p.title as pledge_title'])
    .select(sql<string>`d.decided_on::text`.as('decided_on'))
    .where('d.municipality_code', '=', o.municipalityCode)
    .where('d.decided_on', '>=', o.from)
    .where('d.decided_on', '<=', o.to)
    .orderBy('d.decided_on')
    .orderBy('d.created_at')
    .execute();
  return rows.map((r) => ({ ...r, outcome: r.outcome as QuarterDecisionRow['outcome'] }));
}
