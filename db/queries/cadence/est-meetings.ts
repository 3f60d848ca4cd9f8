// EST meetings of a year (planned ones have a date still to come), with who took part and how many
// council decisions reference them.
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';

export interface EstMeetingListRow {
  id: string;
  held_on: string;
  kind: 'analysis' | 'follow_up';
  organisation_names: string[];
  decision_count: number;
  has_notes: boolean;
}

export async function listEstMeetings(db: Kysely<Database>, o: { municipalityCode: string; year: number | null }): Promise<EstMeetingListRow[]> {
  const rows = await db
    .selectFrom('est_meeting')
    .select(['id', 'kind'])
    .select(sql<string>`held_on::text`.as('held_on'))
    .select(sql<string[]>`ARRAY(SELECT o.name FROM est_meeting_organisation mo JOIN organisation o ON o.id = mo.organisation_id WHERE mo.meeting_id = est_meeting.id ORDER BY o.name)`.as('organisation_names'))
    .select(sql<number>`(SELECT count(*)::int FROM council_decision d WHERE d.meeting_id = est_meeting.id)`.as('decision_count'))
    .select(sql<boolean>`(notes IS NOT NULL OR decisions IS NOT NULL)`.as('has_notes'))
    .where('municipality_code', '=', o.municipalityCode)
    .$if(o.year !== null, (q) => q.where(sql<number>`extract(year FROM held_on)::int`, '=', o.year!))
    .orderBy('held_on')
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as EstMeetingListRow['kind'], decision_count: Number(r.decision_count) }));
}
