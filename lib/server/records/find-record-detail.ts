import 'server-only';
// A record by id as the detail DTO, only when the viewer may see it exactly (in SQL). No audit here:
// getRecordDetail (the session entry point) and the edit use case record what they do.
import type { Kysely } from 'kysely';
import { findIncidentDetailRow, findUnsafePlaceDetailRow, findVandalismDetailRow } from '@/db/queries/records/find-record-detail';
import type { Database } from '@/db/schema';
import type { Sensitivity } from '@/lib/domain/categories';
import type { Visibility } from '@/lib/domain/constants';
import { uuidSchema } from '@/lib/schemas/common';
import type { RecordDetail, RecordKind } from '@/lib/schemas/record-detail';
import { type RecordViewer, recordPredicates } from './record-viewer';

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const org = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** The columns every kind's detail row shares. */
interface HeaderRow {
  id: string;
  municipality_code: string;
  lon: number | string;
  lat: number | string;
  visibility: string;
  origin_org_id: string | null;
  origin_name: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  can_edit: unknown;
}

// The fields every kind shares; unsafe places and vandalism have no sensitivity of their own ('normal').
function header(r: HeaderRow, sensitivity: Sensitivity) {
  return {
    id: r.id,
    municipalityCode: r.municipality_code,
    lon: Number(r.lon),
    lat: Number(r.lat),
    visibility: r.visibility as Visibility,
    sensitivity,
    organisation: org(r.origin_org_id, r.origin_name),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    canEdit: Boolean(r.can_edit),
  };
}

export async function findRecordDetail(db: Kysely<Database>, rv: RecordViewer, kind: RecordKind, id: string): Promise<RecordDetail | null> {
  // A malformed id matches nothing: the same answer as a missing or hidden record.
  if (!uuidSchema.safeParse(id).success) return null;
  const p = recordPredicates(rv, kind);
  if (kind === 'incident') {
    const r = await findIncidentDetailRow(db, id, p);
    if (!r) return null;
    return {
      kind,
      ...header(r, r.sensitivity as Sensitivity),
      categoryKey: r.category_key,
      categoryLabelSv: r.label_sv,
      categoryLabelEn: r.label_en,
      categoryGroup: r.group_key,
      occurredAt: iso(r.occurred_at),
      occurredTo: isoOrNull(r.occurred_to),
      source: r.source,
      externalId: r.external_id,
      description: r.description,
      vandalismIds: r.vandalism_ids ?? [],
    };
  }
  if (kind === 'unsafe-place') {
    const r = await findUnsafePlaceDetailRow(db, id, p);
    if (!r) return null;
    return {
      kind,
      ...header(r, 'normal'),
      title: r.title,
      reasons: r.reasons,
      proposedMeasure: r.proposed_measure,
      status: r.status,
      source: r.source,
      description: r.description,
      publicSummary: r.public_summary,
      reportedAt: iso(r.reported_at),
      statusChangedAt: isoOrNull(r.status_changed_at),
      fixedAt: isoOrNull(r.fixed_at),
      walk: r.walk_id && r.walk_title && r.walked_on ? { id: r.walk_id, title: r.walk_title, walkedOn: String(r.walked_on) } : null,
    };
  }
  const r = await findVandalismDetailRow(db, id, p);
  if (!r) return null;
  return {
    kind,
    ...header(r, 'normal'),
    vandalismKind: r.kind,
    offensive: r.offensive,
    status: r.status,
    reportedAt: iso(r.reported_at),
    assignedAt: isoOrNull(r.assigned_at),
    remediatedAt: isoOrNull(r.remediated_at),
    responsibleOrganisation: org(r.responsible_org_id, r.responsible_name),
    costSek: r.cost_sek === null ? null : Number(r.cost_sek),
    description: r.description,
    publicSummary: r.public_summary,
    externalId: r.external_id,
    incidentId: r.visible_incident_id,
  };
}
