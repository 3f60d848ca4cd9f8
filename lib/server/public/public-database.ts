import 'server-only';
// What public pages need of the database's start-up: start it, and ask whether it is ready (PGlite takes
// 10–25 s; the page shows "starting" meanwhile). Re-exported here because public pages reach lib/server
// only through lib/server/public.
export { getDatabaseState, startDatabase, type DatabaseState } from '../db';
