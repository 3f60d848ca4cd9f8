// Organisations as the admin pages list them (with how many members hold roles for each).
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/db/schema';

export interface OrganisationListRow {
  id: string;
  municipality_code: string;
  name: string;
  kind: string;
  members: number;
}

export async function listOrganisationsIn(db: Kysely<Database>, municipalityCodes: readonly string[]): Promise<OrganisationListRow[]> {
  if (municipalityCodes.length === 0) return [];
  return db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.municipality_code', 'o.name', 'o.kind', sql<number>`(SELECT count(*)::int FROM role_membership m WHERE m.organisation_id = o.id)`.as('members')])
    .where('o.municipality_code', 'in', municipalityCodes)
    .orderBy('o.municipality_code')
    .orderBy('o.name')
    .execute();
}
