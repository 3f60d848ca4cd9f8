// Survey indicators per district and year (the police's trygghetsmätning, imported as percentages) and
// a few EST meetings of the last year.
import type { Random } from '@/lib/testing/random';
import type { DemoOrgKey } from './incident-patterns';
import { stockholmToUtc, utcToStockholm } from './stockholm-time';

export interface DemoSurveyIndicator {
  id: string;
  district: string;
  year: number;
  indicator: string;
  value: number;
  unit: 'percent';
  source: string;
  published: boolean;
}

export interface DemoEstMeeting {
  id: string;
  heldOn: string;
  kind: 'analysis' | 'follow_up';
  notes: string;
  decisions: string;
  organisations: DemoOrgKey[];
  createdAt: Date;
}

/** Indicator keys and what they measure (share of respondents, percent). */
export const SURVEY_INDICATORS = {
  otrygg_kvall: 'Andel som känner sig otrygga utomhus sent en kväll i sitt bostadsområde',
  oro_brott: 'Andel som oroar sig för att utsättas för brott',
  problem_klotter: 'Andel som ser klotter och skadegörelse som ett stort problem i området',
} as const;

// Base levels per district for 'otrygg_kvall'; town districts higher than villages, as in most mätningar.
const BASE: Record<string, number> = {
  'Värnamo centrum': 31,
  'Mossleberg och Gröndal': 33,
  'Margretelund och östra Värnamo': 24,
  'Hornsborg och västra Värnamo': 22,
  Bredaryd: 17,
  Forsheda: 16,
  Rydaholm: 14,
  Bor: 12,
  'Lanna och Kärda': 11,
  Horda: 10,
  'Övriga Värnamo kommun': 9,
};

/** Five survey years before the year of `until` (surveys are run in the autumn and published in spring). */
export function generateDemoSurveyIndicators(rng: Random, until: Date, districts: readonly string[], years = 5): DemoSurveyIndicator[] {
  const lastYear = utcToStockholm(until.getTime()).year - 1;
  const out: DemoSurveyIndicator[] = [];
  for (const district of districts) {
    const base = BASE[district] ?? 15;
    for (let year = lastYear - years + 1; year <= lastYear; year++) {
      const age = lastYear - year;
      // Centrum worsens as the travel-centre hotspot grows; Gröndal improves with the falling disorder.
      const drift = district === 'Värnamo centrum' ? (age <= 1 ? 6 - 3 * age : 0) : district === 'Mossleberg och Gröndal' ? 2 * age - 4 : 0;
      const otrygg = clampPct(base + drift + rng.normal(0, 1.5));
      const values: Record<keyof typeof SURVEY_INDICATORS, number> = {
        otrygg_kvall: otrygg,
        oro_brott: clampPct(otrygg * 0.8 + rng.normal(4, 1.5)),
        problem_klotter: clampPct(otrygg * 0.6 + rng.normal(0, 2)),
      };
      for (const indicator of Object.keys(SURVEY_INDICATORS) as (keyof typeof SURVEY_INDICATORS)[]) {
        out.push({
          id: rng.uuid(),
          district,
          year,
          indicator,
          value: values[indicator],
          unit: 'percent',
          source: 'Polisens trygghetsmätning (demodata)',
          published: true,
        });
      }
    }
  }
  return out;
}

function clampPct(x: number): number {
  return Math.round(Math.min(95, Math.max(2, x)) * 10) / 10;
}

const MEETINGS: ReadonlyArray<Omit<DemoEstMeeting, 'id' | 'heldOn' | 'createdAt'> & { daysBeforeUntil: number }> = [
  {
    daysBeforeUntil: 330,
    kind: 'analysis',
    notes: 'Genomgång av lägesbilden: ökning av narkotikabrott och cykelstölder vid resecentrum; fortsatt minskning vid Gröndals centrum.',
    decisions: 'Kommunpolisen och fältgruppen kartlägger tider och platser vid resecentrum till nästa möte.',
    organisations: ['police', 'municipality', 'field_workers'],
  },
  {
    daysBeforeUntil: 240,
    kind: 'follow_up',
    notes: 'Uppföljning inför lokala brottsförebyggande rådet: belysningen i gångtunneln är klar, klotter saneras i snitt inom ett dygn.',
    decisions: 'Rapport till rådet; resecentrum föreslås som fokusområde.',
    organisations: ['police', 'municipality', 'housing', 'business'],
  },
  {
    daysBeforeUntil: 150,
    kind: 'analysis',
    notes: 'Hotspotanalys bekräftar en framväxande brottskoncentration vid resecentrum, fredag–lördag kväll.',
    decisions: 'Fokusområde resecentrum; medborgarlöfte om ökad närvaro och bättre belysning.',
    organisations: ['police', 'municipality', 'field_workers', 'business'],
  },
  {
    daysBeforeUntil: 60,
    kind: 'follow_up',
    notes: 'Första uppföljningen av medborgarlöftet: polisens närvaro vid resecentrum har ökat, kameraärendet är under utredning.',
    decisions: 'Fortsätt insatserna; ny trygghetsvandring vid resecentrum i höst.',
    organisations: ['police', 'municipality', 'housing', 'business', 'field_workers'],
  },
];

export function generateDemoEstMeetings(rng: Random, until: Date): DemoEstMeeting[] {
  return MEETINGS.map(({ daysBeforeUntil, ...m }) => {
    const l = utcToStockholm(until.getTime() - daysBeforeUntil * 86_400_000);
    // Meetings are on Wednesdays at 13:00 local.
    const back = (l.weekday - 3 + 7) % 7;
    const at = stockholmToUtc({ year: l.year, month: l.month, day: l.day - back, hour: 13, minute: 0 });
    const local = utcToStockholm(at);
    return {
      id: rng.uuid(),
      heldOn: `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`,
      createdAt: new Date(at + 3 * 3_600_000),
      ...m,
    };
  });
}
