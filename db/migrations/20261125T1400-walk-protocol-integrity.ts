// A walk's points are its protocol: deleting a walk that still has walk-sourced unsafe places must be
// refused plainly, not fail later on the unsafe_place_walk_source check after ON DELETE SET NULL.
// Imports nothing from the app.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE unsafe_place DROP CONSTRAINT unsafe_place_walk_id_fkey`.execute(db);
  await sql`ALTER TABLE unsafe_place ADD CONSTRAINT unsafe_place_walk_id_fkey
    FOREIGN KEY (walk_id) REFERENCES safety_walk(id) ON DELETE RESTRICT`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE unsafe_place DROP CONSTRAINT unsafe_place_walk_id_fkey`.execute(db);
  await sql`ALTER TABLE unsafe_place ADD CONSTRAINT unsafe_place_walk_id_fkey
    FOREIGN KEY (walk_id) REFERENCES safety_walk(id) ON DELETE SET NULL`.execute(db);
}
