// Focus areas, citizen pledges (medborgarlöften) for last year and this year, their activities with the
// council's decisions, and the quarterly follow-ups the organisations reported — with gaps, so the
// "not reported" list and the reminders have something to show. "This year" is the year of the last
// closed quarter before `until`; every row is dated before `until`.
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Random } from '@/lib/testing/random';
import type { DemoEstMeeting } from './generate-demo-follow-up';
import type { DemoOrgKey } from './incident-patterns';
import { offsetMetres, PLACES, type PlaceKey } from './places';
import { stockholmToUtc, utcToStockholm } from './stockholm-time';

export interface DemoFocusArea {
  id: string;
  key: FocusKey;
  name: string;
  geometry: MultiPolygon;
  rationale: string;
  evidence: Record<string, unknown>;
  periodFrom: string;
  periodTo: string | null;
  publicSummary: string;
  createdAt: Date;
}

export interface DemoPledge {
  id: string;
  year: number;
  title: string;
  body: string;
  publicSummary: string;
  focusAreaIds: string[];
  partners: DemoOrgKey[];
  createdAt: Date;
}

export type DemoActivityStatus = 'proposed' | 'decided' | 'rejected' | 'ongoing' | 'done' | 'cancelled';

export interface DemoActivity {
  id: string;
  pledgeId: string;
  focusAreaId: string | null;
  title: string;
  owner: DemoOrgKey;
  partners: DemoOrgKey[];
  startsOn: string;
  endsOn: string | null;
  goal: string;
  indicator: string;
  status: DemoActivityStatus;
  internalNotes: string;
  publicSummary: string | null;
  publicSummaryApproved: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoCouncilDecision {
  id: string;
  activityId: string;
  meetingId: string | null;
  meetingName: string;
  decidedOn: string;
  outcome: 'decided' | 'rejected';
  decisionText: string;
  createdAt: Date;
}

export interface DemoFollowUp {
  id: string;
  activityId: string;
  quarter: string;
  status: 'on_track' | 'delayed' | 'done' | 'not_started' | 'cancelled';
  indicatorValue: number | null;
  note: string;
  reportedBy: DemoOrgKey;
  reportedAt: Date;
}

export interface DemoPledgeData {
  focusAreas: DemoFocusArea[];
  pledges: DemoPledge[];
  activities: DemoActivity[];
  decisions: DemoCouncilDecision[];
  followUps: DemoFollowUp[];
}

type FocusKey = 'resecentrum' | 'torget' | 'grondal';

interface FocusSpec {
  key: FocusKey;
  name: string;
  place: PlaceKey;
  radiusM: number;
  district: string;
  /** Years relative to this year: -1 = last year only, 0 = this year only, null = from last year on. */
  years: -1 | 0 | null;
  rationale: string;
  evidence: Record<string, unknown>;
  publicSummary: string;
}

const FOCUS: readonly FocusSpec[] = [
  {
    key: 'resecentrum',
    name: 'Resecentrum och stationsområdet',
    place: 'resecentrum',
    radiusM: 260,
    district: 'Värnamo centrum',
    years: 0,
    rationale:
      'Framväxande brottskoncentration (Gi* + Mann–Kendall) vid resecentrum fredag–lördag kväll: narkotikabrott, cykelstölder och misshandel. Trygghetsmätningen visar ökad otrygghet i centrum.',
    evidence: {
      method: 'emerging',
      hotspot: 'resecentrum',
      category: 'intensifying',
      district: 'Värnamo centrum',
      survey_indicator: 'otrygg_kvall',
      note: 'Demodata: fokusområdet följer demomönstret resecentrum_evening.',
    },
    publicSummary: 'Området kring resecentrum, där otryggheten och brotten ökat på kvällar och helger.',
  },
  {
    key: 'torget',
    name: 'Torget och Storgatan',
    place: 'torget',
    radiusM: 240,
    district: 'Värnamo centrum',
    years: null,
    rationale: 'Beständig hotspot (Gi* 99 %) för våld och ordningsstörningar nattetid fredag–lördag kring krogarna vid torget.',
    evidence: { method: 'gi_star', hotspot: 'centre', confidence: 0.99, district: 'Värnamo centrum' },
    publicSummary: 'Torget och Storgatan, där nöjeslivet samlas på helgnätterna.',
  },
  {
    key: 'grondal',
    name: 'Gröndals centrum',
    place: 'grondalsCentrum',
    radiusM: 280,
    district: 'Mossleberg och Gröndal',
    years: -1,
    rationale: 'Ordningsstörningar och skadegörelse kring Gröndals centrum och gångstråket till skolan; mörka passager.',
    evidence: { method: 'gi_star', hotspot: 'diminishing', confidence: 0.95, district: 'Mossleberg och Gröndal', safety_walk: true },
    publicSummary: 'Gröndals centrum och gångstråket mot Gröndalsskolan.',
  },
];

interface ActivitySpec {
  key: string;
  pledge: number;
  focus: FocusKey | null;
  title: string;
  owner: DemoOrgKey;
  partners: DemoOrgKey[];
  /** Year offset (−1 last year, 0 this year), month and day. */
  starts: [number, number, number];
  ends: [number, number, number] | null;
  goal: string;
  indicator: string;
  status: DemoActivityStatus;
  internalNotes: string;
  publicSummary: string | null;
  approved: boolean;
  /** Indicator value per reported quarter: start and step. */
  values: [number, number];
  /** Quarters (e.g. '-1Q2', '0Q3') for which the owner never reported. */
  missing: string[];
  /** Cancelled: last quarter reported. */
  cancelledAfter?: string;
  decision?: { meeting: 'latest_follow_up' | 'start'; text: string };
}

interface PledgeSpec {
  year: -1 | 0;
  title: string;
  body: string;
  publicSummary: string;
  focus: FocusKey[];
  partners: DemoOrgKey[];
}

const PLEDGES: readonly PledgeSpec[] = [
  {
    year: -1,
    title: 'Tryggare Gröndals centrum',
    body:
      'Polisen och Värnamo kommun lovar att tillsammans med Värnamo Bostäder och Fältgruppen göra Gröndals centrum och gångstråket mot skolan tryggare: bättre belysning, vuxna på plats fredagskvällar och snabb sanering av skadegörelse.',
    publicSummary: 'Vi gör Gröndals centrum tryggare med belysning, vuxennärvaro och snabb sanering.',
    focus: ['grondal'],
    partners: ['housing', 'field_workers'],
  },
  {
    year: -1,
    title: 'Ett tryggt centrum på helgnätterna',
    body:
      'Polisen och kommunen lovar ökad synlig närvaro vid torget och Storgatan fredag och lördag natt och ett samarbete med krögarna om ansvarsfull alkoholservering.',
    publicSummary: 'Mer synlig polis och ansvarsfull servering vid torget på helgnätterna.',
    focus: ['torget'],
    partners: ['business'],
  },
  {
    year: 0,
    title: 'Trygg resecentrum',
    body:
      'Polisen och Värnamo kommun lovar att minska brotten och otryggheten vid resecentrum: mer närvaro kvällar och helger, bättre belysning och sikt, och trygghetsvärdar tillsammans med handeln.',
    publicSummary: 'Vi minskar brotten och otryggheten vid resecentrum kvällar och helger.',
    focus: ['resecentrum'],
    partners: ['business', 'field_workers', 'housing'],
  },
  {
    year: 0,
    title: 'Rent och helt i centrum',
    body: 'Klotter och skadegörelse i centrum och vid resecentrum ska anmälas och saneras snabbt; kränkande klotter inom ett dygn.',
    publicSummary: 'Klotter saneras snabbt – kränkande klotter inom ett dygn.',
    focus: ['torget', 'resecentrum'],
    partners: ['housing', 'business'],
  },
];

const ACTIVITIES: readonly ActivitySpec[] = [
  {
    key: 'grondal_light',
    pledge: 0,
    focus: 'grondal',
    title: 'Ny belysning i gångstråket vid Gröndals centrum',
    owner: 'municipality',
    partners: ['housing'],
    starts: [-1, 3, 1],
    ends: [-1, 9, 30],
    goal: 'Alla 24 ljuspunkter i gångstråket tända och buskagen nedklippta till 0,5 m före mörkersäsongen.',
    indicator: 'Antal trasiga ljuspunkter vid kvartalets rond',
    status: 'done',
    internalNotes: 'Gatukontoret beställde armaturerna i mars; bostadsbolaget beskär på sin mark. Kostnad 410 tkr.',
    publicSummary: 'Ny belysning och beskärning i gångstråket vid Gröndals centrum. Klart i september.',
    approved: true,
    values: [9, -4.5],
    missing: [],
    decision: { meeting: 'start', text: 'Rådet beslutar att genomföra belysningsåtgärden inom medborgarlöftet för Gröndal.' },
  },
  {
    key: 'grondal_field',
    pledge: 0,
    focus: 'grondal',
    title: 'Fältgruppens kvällsnärvaro fredagar i Gröndal',
    owner: 'field_workers',
    partners: ['housing', 'police'],
    starts: [-1, 2, 1],
    ends: [-1, 12, 31],
    goal: 'Fältarbetare på plats varje fredag 18–23 under skolterminerna.',
    indicator: 'Antal kvällar med närvaro under kvartalet',
    status: 'done',
    internalNotes: 'Två fältare per kväll; kontakt med fritidsgården. Ungdomsgrupp vid busshållplatsen identifierad i april.',
    publicSummary: 'Fältgruppen har varit på plats i Gröndal fredagskvällar under hela året.',
    approved: true,
    values: [9, 1],
    missing: ['-1Q2'],
    decision: { meeting: 'start', text: 'Rådet beslutar om kvällsnärvaro fredagar under skolterminerna.' },
  },
  {
    key: 'grondal_camera',
    pledge: 0,
    focus: 'grondal',
    title: 'Kameraövervakning av entréerna i Gröndals centrum',
    owner: 'housing',
    partners: [],
    starts: [-1, 4, 1],
    ends: [-1, 12, 31],
    goal: 'Kameror vid de fyra entréerna, om tillstånd medges.',
    indicator: 'Antal anmälda skadegörelser vid entréerna per kvartal',
    status: 'cancelled',
    internalNotes: 'Avbruten: ansökan drogs tillbaka efter IMY:s vägledning; skadegörelsen minskade redan efter belysningen.',
    publicSummary: 'Kameraövervakningen genomfördes inte; skadegörelsen minskade efter andra åtgärder.',
    approved: true,
    values: [7, -2],
    missing: [],
    cancelledAfter: '-1Q3',
    decision: { meeting: 'start', text: 'Rådet ställer sig bakom att bostadsbolaget ansöker om kameraövervakning.' },
  },
  {
    key: 'torget_presence',
    pledge: 1,
    focus: 'torget',
    title: 'Synlig polisnärvaro vid torget fredag och lördag natt',
    owner: 'police',
    partners: ['business', 'municipality'],
    starts: [-1, 1, 15],
    ends: null,
    goal: 'Fotpatrull vid torget 22–03 minst tre av fyra helger per månad; färre våldsbrott än samma period föregående år.',
    indicator: 'Antal helgnätter med fotpatrull under kvartalet',
    status: 'ongoing',
    internalNotes: 'Bemanning från LPO Värnamo; krögarnas nätverk får veckovisa lägesbilder. Se även tillsynen enligt alkohollagen.',
    publicSummary: 'Polisen patrullerar till fots vid torget på helgnätterna, tillsammans med krögarna.',
    approved: true,
    values: [18, 0.5],
    missing: ['0Q3'],
    decision: { meeting: 'start', text: 'Rådet beslutar om fotpatrull vid torget helgnätter som löpande insats.' },
  },
  {
    key: 'rese_presence',
    pledge: 2,
    focus: 'resecentrum',
    title: 'Ökad polisnärvaro vid resecentrum fredag–lördag kväll',
    owner: 'police',
    partners: ['field_workers'],
    starts: [0, 1, 15],
    ends: [0, 12, 31],
    goal: 'Minst 40 timmar synlig närvaro per kvartal; narkotikabrotten i fokusområdet halveras jämfört med föregående år.',
    indicator: 'Timmar synlig närvaro under kvartalet',
    status: 'ongoing',
    internalNotes: 'Riktade kontroller mot narkotikaförsäljning vid cykelgaraget; informatörsuppgifter hanteras i polisens system, inte här.',
    publicSummary: 'Polisen och fältgruppen är oftare på plats vid resecentrum kvällar och helger.',
    approved: true,
    values: [38, 6],
    missing: [],
    decision: { meeting: 'start', text: 'Rådet beslutar om ökad närvaro vid resecentrum inom medborgarlöftet.' },
  },
  {
    key: 'rese_light',
    pledge: 2,
    focus: 'resecentrum',
    title: 'Bättre belysning och sikt vid resecentrum',
    owner: 'municipality',
    partners: ['housing', 'business'],
    starts: [0, 3, 1],
    ends: [0, 6, 30],
    goal: 'Cykelgaraget och gångtunneln upplysta med minst 20 lux; buskage nedklippta.',
    indicator: 'Andel av de 30 ljuspunkterna som är utbytta (%)',
    status: 'ongoing',
    internalNotes: 'Försenad: leveransproblem på armaturer, ny leverans utlovad vecka 44. Budget 650 tkr, 410 tkr förbrukat.',
    publicSummary: 'Belysningen vid resecentrum byts ut; arbetet är försenat men pågår.',
    approved: false,
    values: [20, 25],
    missing: ['0Q3'],
    decision: { meeting: 'start', text: 'Rådet beslutar om ny belysning vid resecentrum, klart före sommaren.' },
  },
  {
    key: 'rese_hosts',
    pledge: 2,
    focus: 'resecentrum',
    title: 'Trygghetsvärdar i resecentrum',
    owner: 'business',
    partners: ['municipality'],
    starts: [0, 10, 1],
    ends: [0, 12, 31],
    goal: 'Trygghetsvärdar på plats fredag och lördag 17–24 under hösten.',
    indicator: 'Antal bemannade kvällar under kvartalet',
    status: 'decided',
    internalNotes: 'Upphandling av bevakningsbolag klar; handeln betalar hälften.',
    publicSummary: 'Trygghetsvärdar finns i resecentrum på fredags- och lördagskvällar i höst.',
    approved: true,
    values: [7, 10],
    missing: [],
    decision: { meeting: 'latest_follow_up', text: 'Rådet beslutar om trygghetsvärdar i resecentrum hösten, finansiering delas med handeln.' },
  },
  {
    key: 'graffiti_housing',
    pledge: 3,
    focus: 'resecentrum',
    title: 'Klotter sanerat inom 24 timmar på bostadsbolagets fastigheter',
    owner: 'housing',
    partners: ['municipality'],
    starts: [0, 1, 1],
    ends: [0, 12, 31],
    goal: 'Minst 90 % av det kränkande klottret sanerat inom 24 timmar.',
    indicator: 'Andel kränkande klotter sanerat inom 24 h (%)',
    status: 'ongoing',
    internalNotes: 'Saneringsavtal med entreprenör; anmälningar via appen och felanmälan.',
    publicSummary: 'Värnamo Bostäder sanerar kränkande klotter inom ett dygn.',
    approved: true,
    values: [84, 3],
    missing: ['0Q3'],
    decision: { meeting: 'start', text: 'Rådet beslutar att bostadsbolaget följer upp saneringen kvartalsvis.' },
  },
  {
    key: 'camera_rese',
    pledge: 3,
    focus: 'resecentrum',
    title: 'Kameraövervakning vid resecentrum',
    owner: 'municipality',
    partners: ['police'],
    starts: [0, 11, 1],
    ends: null,
    goal: 'Kameraövervakning av cykelgaraget och perrongerna, om tillstånd medges.',
    indicator: 'Antal anmälda brott i cykelgaraget per kvartal',
    status: 'proposed',
    internalNotes: 'Föreslås av EST-gruppen efter analysmötet; tillståndsfrågan utreds av kommunjuristen.',
    publicSummary: 'Kommunen utreder kameraövervakning vid resecentrum.',
    approved: false,
    values: [0, 0],
    missing: [],
  },
  {
    key: 'youth_evening',
    pledge: 2,
    focus: 'resecentrum',
    title: 'Alkoholfri ungdomskväll i resecentrums väntsal',
    owner: 'field_workers',
    partners: ['business'],
    starts: [0, 10, 1],
    ends: [0, 12, 31],
    goal: 'En alkoholfri aktivitet varannan fredag.',
    indicator: 'Antal deltagare per kväll',
    status: 'rejected',
    internalNotes: 'Lokalen saknar brandtillstånd för samlingar; förslaget avslogs.',
    publicSummary: null,
    approved: false,
    values: [0, 0],
    missing: [],
    decision: { meeting: 'latest_follow_up', text: 'Rådet avslår förslaget: lokalen är inte lämplig. Fältgruppen får återkomma med annan plats.' },
  },
];

const FOLLOW_UP_NOTES: Record<string, string> = {
  on_track: 'Genomfört enligt plan under kvartalet.',
  delayed: 'Försenat; se kommentar om orsak och ny tidplan.',
  done: 'Insatsen är avslutad och målet nått.',
  not_started: 'Inte påbörjat under kvartalet.',
  cancelled: 'Insatsen avbröts under kvartalet.',
};

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

interface Quarter {
  year: number;
  q: number;
}
const quarterOf = (dateIso: string): Quarter => ({ year: Number(dateIso.slice(0, 4)), q: Math.floor((Number(dateIso.slice(5, 7)) - 1) / 3) + 1 });
const quarterKey = (x: Quarter) => `${x.year}-Q${x.q}`;
const quarterIndex = (x: Quarter) => x.year * 4 + x.q - 1;
const fromIndex = (i: number): Quarter => ({ year: Math.floor(i / 4), q: (i % 4) + 1 });

/** Local noon of a calendar date, as a Date. */
const localNoon = (dateIso: string, hour = 12) =>
  new Date(stockholmToUtc({ year: Number(dateIso.slice(0, 4)), month: Number(dateIso.slice(5, 7)), day: Number(dateIso.slice(8, 10)), hour, minute: 0 }));

/** A polygon around a place (circle of radiusM) clipped to its district: drawn by hand, as the EST group would. */
function focusGeometry(place: PlaceKey, radiusM: number, district: MultiPolygon | undefined): MultiPolygon {
  const p = PLACES[place];
  // Slightly squashed octagon-ish shape: a street block rather than a perfect circle.
  const ring: [number, number][] = [];
  for (let k = 0; k < 12; k++) {
    const a = (k / 12) * 2 * Math.PI;
    const r = radiusM * (k % 2 === 0 ? 1 : 0.86);
    ring.push(offsetMetres(p.lat, p.lon, Math.cos(a) * r * 1.2, Math.sin(a) * r));
  }
  ring.push(ring[0]);
  const shape = turf.polygon([ring]);
  const clipped = district ? turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([shape, turf.feature(district)])) : shape;
  if (!clipped) throw new Error(`Focus area around ${place} falls outside its district`);
  const g = clipped.geometry;
  const coords = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  // Six decimals (≈ 0.1 m): the same numbers on every machine and in both databases.
  return { type: 'MultiPolygon', coordinates: coords.map((poly) => poly.map((r) => r.map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]))) };
}

export interface DemoPledgeOptions {
  until: Date;
  districts: ReadonlyArray<{ name: string; geometry: MultiPolygon }>;
  meetings: readonly DemoEstMeeting[];
}

export function generateDemoPledges(rng: Random, { until, districts, meetings }: DemoPledgeOptions): DemoPledgeData {
  // The last closed quarter before `until` and its year ("this year").
  const lastClosed = quarterOf(
    (() => {
      const l = utcToStockholm(until.getTime() - DAY_MS);
      return iso(l.year, l.month, l.day);
    })(),
  );
  const year = lastClosed.year;
  const untilMs = until.getTime();
  const cap = (d: Date) => new Date(Math.min(d.getTime(), untilMs - 3_600_000));
  const districtGeom = new Map(districts.map((d) => [d.name, d.geometry]));

  const focusAreas: DemoFocusArea[] = FOCUS.map((f) => {
    const fromYear = f.years === 0 ? year : year - 1;
    const periodFrom = iso(fromYear, 1, 1);
    return {
      id: rng.uuid(),
      key: f.key,
      name: f.name,
      geometry: focusGeometry(f.place, f.radiusM, districtGeom.get(f.district)),
      rationale: f.rationale,
      evidence: { ...f.evidence, year: fromYear },
      periodFrom,
      periodTo: f.years === null ? null : iso(fromYear, 12, 31),
      publicSummary: f.publicSummary,
      createdAt: cap(localNoon(iso(fromYear - 1, 12, 10))),
    };
  });
  const focusId = new Map(focusAreas.map((f) => [f.key, f.id]));
  const fid = (k: FocusKey) => {
    const id = focusId.get(k);
    if (!id) throw new Error(`Unknown focus area ${k}`);
    return id;
  };

  const pledges: DemoPledge[] = PLEDGES.map((p) => ({
    id: rng.uuid(),
    year: year + p.year,
    title: p.title,
    body: p.body,
    publicSummary: p.publicSummary,
    focusAreaIds: p.focus.map(fid),
    partners: p.partners,
    createdAt: cap(localNoon(iso(year + p.year - 1, 12, 15))),
  }));

  const latestFollowUp = [...meetings].filter((m) => m.kind === 'follow_up').sort((a, b) => a.heldOn.localeCompare(b.heldOn)).pop() ?? null;
  const activities: DemoActivity[] = [];
  const decisions: DemoCouncilDecision[] = [];
  const followUps: DemoFollowUp[] = [];
  for (const a of ACTIVITIES) {
    const startsOn = iso(year + a.starts[0], a.starts[1], a.starts[2]);
    const endsOn = a.ends ? iso(year + a.ends[0], a.ends[1], a.ends[2]) : null;
    const id = rng.uuid();
    // The council decides two weeks before the start (or at the latest follow-up meeting); the EST group
    // proposed it three weeks before that (a month before the start when nothing is decided yet).
    let decidedAt: Date | null = null;
    if (a.decision) {
      const atMeeting = a.decision.meeting === 'latest_follow_up' && latestFollowUp !== null;
      // Council meetings are on Wednesdays: the last Wednesday at least two weeks before the start.
      const twoWeeksBefore = localNoon(startsOn, 15).getTime() - 14 * DAY_MS;
      const back = (utcToStockholm(twoWeeksBefore).weekday - 3 + 7) % 7;
      const decided = atMeeting ? localNoon(latestFollowUp.heldOn, 15) : new Date(twoWeeksBefore - back * DAY_MS);
      decidedAt = cap(decided);
      const local = utcToStockholm(decidedAt.getTime());
      const decidedIso = iso(local.year, local.month, local.day);
      decisions.push({
        id: rng.uuid(),
        activityId: id,
        meetingId: atMeeting ? latestFollowUp.id : null,
        meetingName: atMeeting ? `EST-uppföljning och Brårådet ${decidedIso}` : `Lokala brottsförebyggande rådet ${decidedIso}`,
        decidedOn: decidedIso,
        outcome: a.status === 'rejected' ? 'rejected' : 'decided',
        decisionText: a.decision.text,
        createdAt: decidedAt,
      });
    }
    const proposedAt = cap(decidedAt ? new Date(decidedAt.getTime() - 21 * DAY_MS) : new Date(localNoon(startsOn, 10).getTime() - 30 * DAY_MS));

    // Follow-ups: one per quarter from the start to the end (or the last closed quarter), minus the gaps.
    const reported: DemoFollowUp[] = [];
    if (a.status === 'ongoing' || a.status === 'done' || a.status === 'cancelled') {
      const first = quarterIndex(quarterOf(startsOn));
      const stopAt = a.cancelledAfter
        ? quarterIndex({ year: year + Number(a.cancelledAfter.slice(0, a.cancelledAfter.indexOf('Q'))), q: Number(a.cancelledAfter.slice(-1)) })
        : endsOn
          ? Math.min(quarterIndex(quarterOf(endsOn)), quarterIndex(lastClosed))
          : quarterIndex(lastClosed);
      let k = 0;
      for (let qi = first; qi <= stopAt; qi++, k++) {
        const q = fromIndex(qi);
        const rel = `${q.year - year}Q${q.q}`;
        if (a.missing.includes(rel)) continue;
        const isLast = qi === stopAt;
        const status: DemoFollowUp['status'] =
          a.status === 'done' && isLast ? 'done' : a.status === 'cancelled' && isLast ? 'cancelled' : a.key === 'rese_light' ? 'delayed' : 'on_track';
        const endMonth = q.q * 3;
        const lastDay = new Date(Date.UTC(q.year, endMonth, 0)).getUTCDate();
        const reportedAt = cap(localNoon(iso(q.year, endMonth, lastDay - 4), 10));
        const value = Math.round((a.values[0] + a.values[1] * k + rng.normal(0, Math.abs(a.values[1]) / 4)) * 10) / 10;
        reported.push({
          id: rng.uuid(),
          activityId: id,
          quarter: quarterKey(q),
          status,
          indicatorValue: Math.max(0, value),
          note: `${FOLLOW_UP_NOTES[status]} (${a.title}, ${quarterKey(q)})`,
          // A partner sometimes reports on the owner's behalf (the housing company on the lighting).
          reportedBy: k % 3 === 2 && a.partners.length > 0 ? a.partners[0] : a.owner,
          reportedAt,
        });
      }
    }
    followUps.push(...reported);
    const lastChange = [proposedAt, decidedAt, ...reported.map((f) => f.reportedAt)].filter((d): d is Date => d !== null).sort((x, y) => x.getTime() - y.getTime()).pop()!;
    activities.push({
      id,
      pledgeId: pledges[a.pledge].id,
      focusAreaId: a.focus ? fid(a.focus) : null,
      title: a.title,
      owner: a.owner,
      partners: a.partners,
      startsOn,
      endsOn,
      goal: a.goal,
      indicator: a.indicator,
      status: a.status,
      internalNotes: a.internalNotes,
      publicSummary: a.publicSummary,
      publicSummaryApproved: a.approved && a.publicSummary !== null,
      createdAt: proposedAt,
      updatedAt: lastChange,
    });
  }
  return { focusAreas, pledges, activities, decisions, followUps };
}
