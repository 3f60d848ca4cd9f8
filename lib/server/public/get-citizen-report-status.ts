import 'server-only';
// What a reporter sees through their status link: the category, when it arrived, the public status
// (received → planned → fixed) with its date, and the moderator's public text. Never the report's own
// text, contact details, photo or position (the link may be shared). A merged report shows the status
// of the report it was merged into. Unknown tokens and malformed ones look the same.
import type { Kysely } from 'kysely';
import { findReportByTokenHash, findReportStatusById } from '@/db/queries/citizen-reports/citizen-reports';
import type { Database } from '@/db/schema';
import { hashStatusToken, isStatusTokenShape } from '../citizen-reports/status-token';
import { getDb } from '../db';
import { getDefaultMunicipalityCode } from '../situation/get-staff-context';

export interface CitizenReportStatus {
  category: string;
  /** 'YYYY-MM-DD' (Stockholm) */
  receivedOn: string;
  state: 'in_review' | 'approved' | 'merged' | 'converted' | 'rejected';
  publicStatus: 'received' | 'planned' | 'fixed' | 'closed';
  statusChangedOn: string;
  publicSummary: string | null;
}

const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

export async function findCitizenReportStatus(db: Kysely<Database>, o: { municipalityCode: string; token: string }): Promise<CitizenReportStatus | null> {
  if (!isStatusTokenShape(o.token)) return null;
  const own = await findReportByTokenHash(db, hashStatusToken(o.token));
  if (!own) return null;
  const followed = own.moderation_state === 'merged' && own.merged_into_id ? ((await findReportStatusById(db, o.municipalityCode, own.merged_into_id)) ?? own) : own;
  return {
    category: own.category,
    receivedOn: day.format(own.created_at),
    state: own.moderation_state === 'pending' ? 'in_review' : (own.moderation_state as CitizenReportStatus['state']),
    publicStatus: followed.public_status as CitizenReportStatus['publicStatus'],
    statusChangedOn: day.format(followed.status_changed_at),
    publicSummary: followed.moderation_state === 'rejected' ? null : followed.public_summary,
  };
}

export async function getCitizenReportStatus(token: string): Promise<CitizenReportStatus | null> {
  return findCitizenReportStatus(await getDb(), { municipalityCode: getDefaultMunicipalityCode(), token });
}
