import 'server-only';
// The demo's public picture: on the demo's first start every closed quarter of the Värnamo demo that
// may be published at `now` is published for the public through the disclosure core (computed,
// audited, frozen), oldest first, so the public page has real published figures to show. The same seed
// and `now` give the same publications. Never runs over real data: only the demo start calls it.
import type { Kysely } from 'kysely';
import { getFirstIncidentQuarter } from '@/db/queries/disclosure/first-incident-quarter';
import { listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { DEMO_PUBLISHER } from '@/db/seed/demo';
import { formatQuarter, listPublishableQuarters, parseQuarter } from '@/lib/privacy/publication-quarter';
import { publishQuarter } from '../disclosure/publish-quarter';

export { DEMO_PUBLISHER };

export interface DemoPublicationSummary {
  published: string[];
  refused: { quarter: string; reason: string }[];
}

/** Publishes every publishable, not yet published quarter for the public; a refused quarter is reported and skipped. */
export async function publishDemoQuarters(db: Kysely<Database>, o: { municipalityCode: string; now: Date }): Promise<DemoPublicationSummary> {
  const first = await getFirstIncidentQuarter(db, o.municipalityCode);
  const summary: DemoPublicationSummary = { published: [], refused: [] };
  if (!first) return summary;
  const done = new Set((await listPublications(withPublicationTables(db), { municipalityCode: o.municipalityCode, audience: 'public' })).map((p) => p.quarter));
  for (const quarter of listPublishableQuarters(parseQuarter(first), o.now).map(formatQuarter)) {
    if (done.has(quarter)) continue;
    try {
      await publishQuarter(db, { municipalityCode: o.municipalityCode, audience: 'public', quarter, now: o.now, createdBy: DEMO_PUBLISHER });
      summary.published.push(quarter);
    } catch (err) {
      summary.refused.push({ quarter, reason: (err as Error).message });
    }
  }
  return summary;
}
