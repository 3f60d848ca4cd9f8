// A revision number per municipality that changes with every committed change to its incidents
// (insert, update, delete, truncate), so the server's cache of built point packs
// (lib/server/situation/pack-cache.ts) can key on it and never serve a pack of older data. Statement
// triggers with transition tables: one upsert per statement and municipality, not per row (an import's
// 2,000-row statements bump once each). The upsert locks the municipality's row until commit, so a
// second writer of incidents in the same municipality waits for the first to commit (an import holds
// it for its whole transaction). No foreign key: deleting a municipality cascades to its incidents,
// whose delete trigger must still be able to write here. Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const bump = (source: string) => `
    INSERT INTO incident_revision (municipality_code, revision)
      SELECT DISTINCT municipality_code, 1 FROM ${source} ORDER BY 1
    ON CONFLICT (municipality_code) DO UPDATE SET revision = incident_revision.revision + 1;`;

const UP = `
CREATE TABLE incident_revision (
  municipality_code text PRIMARY KEY,
  revision bigint NOT NULL
);
INSERT INTO incident_revision (municipality_code, revision) SELECT code, 1 FROM municipality;

CREATE FUNCTION incident_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN ${bump('new_rows')}
  ELSIF TG_OP = 'DELETE' THEN ${bump('old_rows')}
  ELSIF TG_OP = 'UPDATE' THEN ${bump('(SELECT municipality_code FROM old_rows UNION SELECT municipality_code FROM new_rows) AS changed')}
  ELSE ${bump('(SELECT code AS municipality_code FROM municipality) AS every')}
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER incident_revision_insert AFTER INSERT ON incident REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_revision_bump();
CREATE TRIGGER incident_revision_update AFTER UPDATE ON incident REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_revision_bump();
CREATE TRIGGER incident_revision_delete AFTER DELETE ON incident REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_revision_bump();
CREATE TRIGGER incident_revision_truncate AFTER TRUNCATE ON incident
  FOR EACH STATEMENT EXECUTE FUNCTION incident_revision_bump();
`;

const DOWN = `
DROP TRIGGER IF EXISTS incident_revision_truncate ON incident;
DROP TRIGGER IF EXISTS incident_revision_delete ON incident;
DROP TRIGGER IF EXISTS incident_revision_update ON incident;
DROP TRIGGER IF EXISTS incident_revision_insert ON incident;
DROP FUNCTION IF EXISTS incident_revision_bump();
DROP TABLE IF EXISTS incident_revision;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
