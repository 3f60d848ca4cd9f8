// Graffiti and damage reports with their cleanup: the guideline asks for quick restoration, and the
// usual target is offensive graffiti removed within 24 hours (a setting in the app), others within
// days or weeks. Costs are typical Swedish sanering prices (SEK, 2024 level): graffiti 1,500–15,000
// per object, damage (glass, bus shelters, lighting) 2,000–40,000.
import type { Random } from '@/lib/testing/random';
import type { DemoOrgKey } from './incident-patterns';
import { offsetMetres, PLACES, type PlaceKey } from './places';
import { stockholmToUtc, utcToStockholm } from './stockholm-time';

export interface DemoVandalismReport {
  id: string;
  externalId: string;
  kind: 'graffiti' | 'damage';
  offensive: boolean;
  lon: number;
  lat: number;
  status: 'reported' | 'assigned' | 'cleaned';
  reportedAt: Date;
  assignedAt: Date | null;
  responsible: DemoOrgKey;
  remediatedAt: Date | null;
  costSek: number | null;
  origin: DemoOrgKey;
  visibility: 'partners';
  description: string;
  publicSummary: string | null;
}

const HOUR_MS = 3_600_000;
export const VANDALISM_PER_YEAR = 230;

/** Where graffiti and damage are reported, who owns the walls there. */
const SPOTS: ReadonlyArray<{ place: PlaceKey; weight: number; owner: DemoOrgKey; sigmaM: number }> = [
  { place: 'resecentrum', weight: 5, owner: 'municipality', sigmaM: 150 },
  { place: 'torget', weight: 3, owner: 'business', sigmaM: 200 },
  { place: 'storgatan', weight: 3, owner: 'business', sigmaM: 200 },
  { place: 'apladalen', weight: 3, owner: 'municipality', sigmaM: 200 },
  { place: 'finnvedsgymnasiet', weight: 3, owner: 'municipality', sigmaM: 150 },
  { place: 'grondalsskolan', weight: 2, owner: 'municipality', sigmaM: 150 },
  { place: 'grondalsCentrum', weight: 4, owner: 'housing', sigmaM: 200 },
  { place: 'grondal', weight: 3, owner: 'housing', sigmaM: 250 },
  { place: 'margretelund', weight: 2, owner: 'housing', sigmaM: 250 },
  { place: 'hornsborg', weight: 1, owner: 'municipality', sigmaM: 400 },
  { place: 'bredaryd', weight: 1, owner: 'municipality', sigmaM: 500 },
  { place: 'forsheda', weight: 1, owner: 'municipality', sigmaM: 500 },
];

const GRAFFITI_TEXTS = ['Klotter på fasad', 'Klotter i gångtunnel', 'Klotter på elskåp', 'Klotter på busskur', 'Taggar på skolbyggnad', 'Klotter på plank'];
const DAMAGE_TEXTS = ['Krossad ruta i busskur', 'Sönderslagen belysningsarmatur', 'Skadad parkbänk', 'Krossad glasruta i entrédörr', 'Nedbrutet staket', 'Sönderslagen papperskorg'];

/** Reports over the same five years as the incidents, sorted by report time, cleanup drawn per kind. */
export function generateDemoVandalism(rng: Random, until: Date, years: number): DemoVandalismReport[] {
  const untilMs = until.getTime();
  const end = utcToStockholm(untilMs);
  const startMs = stockholmToUtc({ year: end.year - years, month: end.month, day: end.day, hour: end.hour, minute: end.minute });
  const n = rng.poisson(VANDALISM_PER_YEAR * years);
  const drafts: Omit<DemoVandalismReport, 'id' | 'externalId'>[] = [];
  for (let i = 0; i < n; i++) {
    // Reported on a working-hours clock: a local day, then 07:00–17:00 local.
    const dayMs = rng.uniform(startMs, untilMs);
    const l = utcToStockholm(dayMs);
    const reported = stockholmToUtc({ year: l.year, month: l.month, day: l.day, hour: 0, minute: Math.floor(rng.uniform(7, 17) * 60) });
    if (reported < startMs || reported >= untilMs) continue;
    const spot = rng.weighted(SPOTS, SPOTS.map((s) => s.weight));
    const place = PLACES[spot.place];
    const [lon, lat] = offsetMetres(place.lat, place.lon, rng.normal(0, spot.sigmaM), rng.normal(0, spot.sigmaM));
    const kind = rng.chance(0.65) ? 'graffiti' : 'damage';
    const offensive = kind === 'graffiti' && rng.chance(0.2);
    const assigned = reported + rng.uniform(0.3, 4) * HOUR_MS;
    // Hours to remediation: offensive graffiti mostly the same day; others log-normal, median 6 / 12 days.
    const hours = offensive
      ? rng.chance(0.9)
        ? rng.uniform(2, 22)
        : rng.uniform(24, 96)
      : Math.exp(rng.normal(Math.log(kind === 'graffiti' ? 6 * 24 : 12 * 24), 0.8));
    const neverDone = !offensive && rng.chance(0.03);
    const remediated = neverDone ? null : assigned + hours * HOUR_MS;
    const cost = Math.round(kind === 'graffiti' ? rng.uniform(1500, 15000) : Math.exp(rng.normal(Math.log(7000), 0.7)));
    const texts = kind === 'graffiti' ? GRAFFITI_TEXTS : DAMAGE_TEXTS;
    const description = rng.pick(texts) + (offensive ? ' (kränkande innehåll)' : '');
    const status = remediated !== null && remediated < untilMs ? 'cleaned' : assigned < untilMs ? 'assigned' : 'reported';
    drafts.push({
      kind,
      offensive,
      lon: Math.round(lon * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      status,
      reportedAt: new Date(reported),
      assignedAt: status === 'reported' ? null : new Date(assigned),
      responsible: spot.owner,
      remediatedAt: status === 'cleaned' ? new Date(remediated!) : null,
      costSek: status === 'cleaned' ? Math.min(cost, 40000) : null,
      origin: spot.owner,
      visibility: 'partners',
      description,
      publicSummary: status === 'cleaned' ? (kind === 'graffiti' ? 'Klottret är sanerat.' : 'Skadan är åtgärdad.') : null,
    });
  }
  drafts.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
  const ids = rng.fork('vandalism-ids');
  return drafts.map((dr, i) => ({ id: ids.uuid(), externalId: `demo-v-${String(i + 1).padStart(5, '0')}`, ...dr }));
}
