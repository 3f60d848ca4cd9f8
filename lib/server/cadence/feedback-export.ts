import 'server-only';
// Återkoppling after an EST meeting: the situational picture for the actors at partner precision —
// the latest partner-audience aggregates published before the meeting (the disclosure core: small
// counts suppressed), unsafe places and graffiti/damage that every partner may see, and the pledges'
// activities with status and follow-up figures. Nothing restricted, joint-only or sensitive; no free text.
import { countPartnerVisibleVandalism, type FeedbackActivity, type FeedbackCleanup, type FeedbackMeeting, type FeedbackPlace, findFeedbackMeeting, listFeedbackActivities, listPartnerVisiblePlaces } from '@/db/queries/cadence/feedback';
import { quarterDates } from '@/db/queries/pledges/follow-ups';
import { shiftQuarter } from '@/lib/domain/council-quarters';
import type { PublishedCellDto } from '@/lib/privacy/build-published-quarter';
import { uuidSchema } from '@/lib/schemas/common';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { csvCell } from '@/lib/server/audit/audit-csv';
import { notFound } from '@/lib/server/auth/errors';
import { listAudienceAggregates } from '@/lib/server/disclosure/list-audience-aggregates';
import { assertAllowed, type LoopAccess } from '@/lib/server/pledges/loop-access';

export interface FeedbackExport {
  meeting: FeedbackMeeting;
  /** The quarter the aggregates describe: the last closed one before the meeting. */
  quarter: string;
  aggregates: { version: number; k: number; areaTotals: PublishedCellDto[]; municipalityTotals: PublishedCellDto[] } | null;
  places: FeedbackPlace[];
  cleanup: FeedbackCleanup[];
  activities: FeedbackActivity[];
}

export async function getFeedbackExport(access: LoopAccess, meetingId: string, format: 'page' | 'csv'): Promise<FeedbackExport> {
  await assertAllowed(access, 'read', 'est_meeting');
  await assertAllowed(access, 'export', 'incident_aggregate');
  if (!uuidSchema.safeParse(meetingId).success) throw notFound('The meeting');
  const meeting = await findFeedbackMeeting(access.db, { municipalityCode: access.municipalityCode, meetingId });
  if (!meeting) throw notFound('The meeting');
  const heldQuarter = `${meeting.held_on.slice(0, 4)}-Q${Math.floor((Number(meeting.held_on.slice(5, 7)) - 1) / 3) + 1}`;
  const quarter = shiftQuarter(heldQuarter, -1);
  const { start } = quarterDates(quarter);
  const [published] = await listAudienceAggregates(access.db, { municipalityCode: access.municipalityCode, audience: 'partner', quarter });
  const result: FeedbackExport = {
    meeting,
    quarter,
    aggregates: published ? { version: published.version, k: published.k, areaTotals: published.areaTotals, municipalityTotals: published.municipalityTotals } : null,
    places: await listPartnerVisiblePlaces(access.db, { municipalityCode: access.municipalityCode, until: meeting.held_on }),
    cleanup: await countPartnerVisibleVandalism(access.db, { municipalityCode: access.municipalityCode, from: start, until: meeting.held_on }),
    activities: await listFeedbackActivities(access.db, { municipalityCode: access.municipalityCode }),
  };
  await appendAuditEvent(access.db, {
    actor: access.viewer.actor,
    action: 'export',
    resource: 'feedback_export',
    municipalityCode: access.municipalityCode,
    details: { meeting_id: meetingId, quarter, format, precision: 'partner', publication_version: published?.version ?? null },
    ids: result.places.map((p) => p.id),
  });
  return result;
}

/** The export as CSV (one table, a `section` column), formula cells neutralised. */
export function feedbackCsv(f: FeedbackExport): string {
  const lines = [['section', 'name', 'detail', 'value', 'status'].map(csvCell).join(',')];
  const add = (...cells: unknown[]) => lines.push(cells.map(csvCell).join(','));
  add('meeting', f.meeting.held_on, f.meeting.kind, f.meeting.organisation_names.join('; '), '');
  if (f.aggregates) {
    for (const c of f.aggregates.municipalityTotals) add(`aggregate ${f.quarter} (k=${f.aggregates.k}, v${f.aggregates.version})`, c.areaName, c.groupLabel, c.display, '');
    for (const c of f.aggregates.areaTotals) add(`aggregate ${f.quarter} (k=${f.aggregates.k}, v${f.aggregates.version})`, c.areaName, c.groupLabel, c.display, '');
  } else add(`aggregate ${f.quarter}`, 'not published for partners yet', '', '', '');
  for (const p of f.places) add('unsafe_place', p.title, `${p.district ?? ''} ${p.reasons.join(' ')}`.trim(), p.proposed_measure ?? '', p.status);
  for (const c of f.cleanup) add('graffiti_damage', c.organisation, `reported ${c.reported}, cleaned ${c.cleaned}`, c.open, 'open');
  for (const a of f.activities) add('activity', a.title, `${a.owner_name}; ${a.pledge_title ?? ''}`, a.last_value ?? '', `${a.status}${a.last_quarter ? ` / ${a.last_quarter} ${a.last_status}` : ''}`);
  return `${lines.join('\r\n')}\r\n`;
}
