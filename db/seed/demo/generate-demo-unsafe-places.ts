// Three safety walks (trygghetsvandringar) with their protocols, and a citizen dialogue, as the
// guideline describes them: every observed point gets a proposed measure and a responsible actor,
// and its status moves open → planned → fixed as time passes.
import type { Random } from '@/lib/testing/random';
import type { DemoOrgKey } from './incident-patterns';
import { offsetMetres, PLACES, type PlaceKey } from './places';
import { stockholmToUtc, utcToStockholm } from './stockholm-time';

type Reason = 'poor_lighting' | 'hidden_view' | 'litter' | 'gatherings' | 'traffic' | 'maintenance' | 'vegetation' | 'deserted' | 'other';

interface PlaceTemplate {
  title: string;
  near: PlaceKey;
  reasons: Reason[];
  note: string;
  measure: string;
  responsible: DemoOrgKey;
  /** Days after the observation when the measure was decided and done; null = not (yet). */
  plannedAfterDays: number | null;
  fixedAfterDays: number | null;
}

interface WalkTemplate {
  title: string;
  district: string;
  /** Days before `until`, rounded to the Tuesday before. */
  daysBeforeUntil: number;
  organisations: DemoOrgKey[];
  notes: string;
  places: PlaceTemplate[];
}

const t = (
  title: string,
  near: PlaceKey,
  reasons: Reason[],
  note: string,
  measure: string,
  responsible: DemoOrgKey,
  plannedAfterDays: number | null,
  fixedAfterDays: number | null,
): PlaceTemplate => ({ title, near, reasons, note, measure, responsible, plannedAfterDays, fixedAfterDays });

const WALKS: WalkTemplate[] = [
  {
    title: 'Trygghetsvandring Värnamo centrum och resecentrum',
    district: 'Värnamo centrum',
    daysBeforeUntil: 700,
    organisations: ['police', 'municipality', 'business', 'field_workers'],
    notes: 'Kvällsvandring med 24 deltagare: boende, handlare, fältgruppen, kommunpolisen och säkerhetssamordnaren.',
    places: [
      t('Gångtunneln under järnvägen vid resecentrum', 'resecentrum', ['poor_lighting', 'hidden_view', 'gatherings'], 'Mörk tunnel, flera deltagare undviker den kvällstid.', 'Byt till ljusare LED-armaturer och måla tunneln i ljus kulör.', 'municipality', 30, 120),
      t('Cykelparkeringen vid resecentrum', 'resecentrum', ['poor_lighting', 'deserted'], 'Många cykelstölder, ingen naturlig övervakning efter kl. 19.', 'Låsbara cykelställ och bättre belysning; utred kamerabevakning.', 'municipality', 60, null),
      t('Parkeringshuset vid Storgatan', 'storgatan', ['hidden_view', 'deserted', 'maintenance'], 'Trapphusen är skymda och trasiga lampor byts sent.', 'Glasade dörrar i trapphusen och felanmälan av belysning inom ett dygn.', 'business', 45, 200),
      t('Gångvägen längs Lagan vid Apladalen', 'apladalen', ['poor_lighting', 'vegetation'], 'Täta buskar längs gångvägen, belysningen räcker inte.', 'Gallra buskagen och komplettera med fler belysningsstolpar.', 'municipality', 20, 60),
      t('Torget fredag och lördag kväll', 'torget', ['gatherings', 'litter'], 'Nedskräpning och stökigt vid hämtmatsställena efter stängning.', 'Fler papperskorgar och tömning även lördag natt; nattvandrare på torget.', 'municipality', 10, 30),
      t('Busshållplatsen på Järnvägsgatan', 'resecentrum', ['poor_lighting', 'traffic'], 'Väderskyddet är mörkt och nära vägen.', 'Belysning i väderskyddet.', 'municipality', null, null),
      t('Baksidan av köpcentret', 'storgatan', ['hidden_view', 'litter'], 'Lastgård som används som genväg, skymd från gatan.', 'Städning, rörelsestyrd belysning och grind vid lastgården.', 'business', 90, null),
    ],
  },
  {
    title: 'Trygghetsvandring Gröndal',
    district: 'Mossleberg och Gröndal',
    daysBeforeUntil: 330,
    organisations: ['police', 'municipality', 'housing', 'field_workers'],
    notes: 'Vandring tillsammans med Värnamo Bostäder och hyresgästföreningen efter klagomål på stök vid Gröndals centrum.',
    places: [
      t('Gångvägen mellan Gröndalsskolan och centrum', 'grondalsskolan', ['poor_lighting', 'vegetation'], 'Skolbarn och föräldrar känner sig otrygga vintertid.', 'Röj sly längs gångvägen och sätt upp tre nya belysningsstolpar.', 'municipality', 30, 150),
      t('Lekplatsen på Gröndal', 'grondal', ['gatherings', 'litter'], 'Ungdomar samlas sent på kvällen, krossat glas i sandlådan.', 'Ny belysning och tätare städning; fältgruppen besöker platsen fredagar.', 'housing', 15, 45),
      t('Parkeringen vid Gröndals centrum', 'grondalsCentrum', ['poor_lighting', 'hidden_view'], 'Stor mörk yta där bilar bränts och skadats.', 'LED-belysning och klippta häckar för fri sikt från bostäderna.', 'housing', 40, 180),
      t('Källargångarna i flerbostadshusen', 'grondal', ['maintenance', 'hidden_view'], 'Trasiga lås, obehöriga i förråden.', 'Byt till elektroniska lås och rörelsestyrd belysning.', 'housing', 20, 90),
      t('Gångtunneln vid Gröndalsvägen', 'grondalsCentrum', ['poor_lighting', 'hidden_view'], 'Klotter och dålig sikt genom tunneln.', 'Sanera klotter, måla ljust och byt armaturer.', 'municipality', 60, null),
      t('Skogsdungen bakom skolan', 'grondalsskolan', ['vegetation', 'deserted'], 'Genväg genom skogen som många undviker.', 'Gallra skogsdungen och märk upp en belyst alternativ väg.', 'municipality', null, null),
    ],
  },
  {
    title: 'Trygghetsvandring Bredaryd',
    district: 'Bredaryd',
    daysBeforeUntil: 185,
    organisations: ['police', 'municipality'],
    notes: 'Vandring med samhällsföreningen, skolan och kommunpolisen.',
    places: [
      t('Stationsområdet i Bredaryd', 'bredaryd', ['poor_lighting', 'deserted'], 'Öde och mörkt när tågen gått.', 'Belysning längs perrongen och gångvägen mot centrum.', 'municipality', 30, null),
      t('Gång- och cykelvägen mot skolan', 'bredaryd', ['poor_lighting', 'traffic'], 'Barn går längs vägen där bilar kör fort.', 'Belysning och hastighetsdämpande åtgärd vid övergångsstället.', 'municipality', 45, null),
      t('Idrottsplatsens parkering', 'bredaryd', ['gatherings', 'traffic'], 'Bilar samlas och kör runt kvällstid.', 'Bom vid infarten efter kl. 22.', 'municipality', null, null),
      t('Busshållplatsen vid Storgatan i Bredaryd', 'bredaryd', ['poor_lighting'], 'Ingen belysning vid hållplatsen.', 'Solcellsbelysning i väderskyddet.', 'municipality', 20, 80),
      t('Den tomma industrilokalen vid ån', 'bredaryd', ['maintenance', 'deserted'], 'Krossade rutor och tecken på inbrott.', 'Kontakt med fastighetsägaren om säkring och rivning.', 'police', null, null),
    ],
  },
];

interface DialoguePlace {
  title: string;
  near: PlaceKey;
  reasons: Reason[];
  description: string;
  measure: string | null;
  source: 'survey' | 'citizen';
  status: 'open' | 'planned' | 'fixed' | 'rejected';
}

const d = (title: string, near: PlaceKey, reasons: Reason[], description: string, measure: string | null, source: 'survey' | 'citizen', status: DialoguePlace['status']): DialoguePlace => ({ title, near, reasons, description, measure, source, status });

/** Places named in the citizen dialogue (a web survey with a map) and in citizens' own reports. */
const DIALOGUE: DialoguePlace[] = [
  d('Stationsparken kvällstid', 'resecentrum', ['gatherings', 'poor_lighting'], 'Många svarande undviker parken efter mörkrets inbrott.', 'Ny belysning och evenemang i parken under sommaren.', 'survey', 'planned'),
  d('Promenadstråket längs Lagan', 'apladalen', ['poor_lighting', 'vegetation', 'deserted'], 'Populärt stråk som upplevs ödsligt på kvällen.', 'Belysning längs hela stråket till Gröndal.', 'survey', 'planned'),
  d('Storgatan efter stängning', 'storgatan', ['gatherings', 'litter'], 'Stökigt vid hämtmatsställena sena helgkvällar.', 'Nattvandrare och ordningsvakter fredag–lördag.', 'survey', 'fixed'),
  d('Gångbron vid Margretelund', 'margretelund', ['poor_lighting'], 'Mörk gångbro som många barn använder.', 'Byt belysning på bron.', 'survey', 'fixed'),
  d('Cykelvägen till Nordic Industrial Park', 'nordicIndustrialPark', ['poor_lighting', 'deserted', 'traffic'], 'Skiftarbetare cyklar längs en obelyst väg.', 'Belysning längs cykelvägen.', 'survey', 'open'),
  d('Skolgården vid Mosslebergsskolan', 'mosslebergsskolan', ['gatherings', 'litter'], 'Ungdomar samlas och lämnar skräp på helgerna.', 'Fältgruppen besöker skolgården fredag kväll.', 'survey', 'open'),
  d('Badplatsen i Forsheda', 'forsheda', ['litter', 'gatherings'], 'Krossat glas och fester sommarnätter.', null, 'survey', 'open'),
  d('Gatubelysning släckt på Vråen', 'vraen', ['poor_lighting'], 'Flera lampor har varit släckta i veckor.', 'Felanmäld till gatubelysningen.', 'citizen', 'fixed'),
  d('Buskage skymmer övergångsställe i Rydaholm', 'rydaholm', ['vegetation', 'traffic'], 'Häcken skymmer sikten för bilister.', 'Fastighetsägaren uppmanas klippa häcken.', 'citizen', 'fixed'),
  d('Ödsligt vid återvinningsstationen i Bor', 'bor', ['deserted', 'litter'], 'Nedskräpat och mörkt.', null, 'citizen', 'rejected'),
];

export interface DemoSafetyWalk {
  id: string;
  walkedOn: string;
  title: string;
  district: string;
  notes: string;
  publicSummary: string;
  organisations: DemoOrgKey[];
  createdAt: Date;
}

export interface DemoUnsafePlace {
  id: string;
  title: string;
  lon: number;
  lat: number;
  reasons: Reason[];
  proposedMeasure: string | null;
  status: 'open' | 'planned' | 'fixed' | 'rejected';
  source: 'walk' | 'survey' | 'citizen';
  walkId: string | null;
  origin: DemoOrgKey;
  visibility: 'partners';
  description: string;
  publicSummary: string;
  reportedAt: Date;
  statusChangedAt: Date | null;
  fixedAt: Date | null;
}

export interface DemoWalkObservation {
  id: string;
  walkId: string;
  unsafePlaceId: string;
  sequence: number;
  observedAt: Date;
  note: string;
  protocolAction: string;
  responsible: DemoOrgKey;
}

const DAY_MS = 86_400_000;

const ORG_NAMES_SV: Record<DemoOrgKey, string> = {
  police: 'Polisen',
  municipality: 'Värnamo kommun',
  housing: 'Värnamo Bostäder',
  business: 'Värnamo City',
  field_workers: 'Fältgruppen',
};

function publicSummary(status: DemoUnsafePlace['status'], measure: string | null): string {
  if (status === 'fixed') return `Åtgärdat: ${measure ?? 'platsen har setts över'}`;
  if (status === 'planned') return `Åtgärd planerad: ${measure}`;
  if (status === 'rejected') return 'Platsen har setts över; ingen åtgärd bedömdes behövas.';
  return 'Platsen är registrerad och åtgärder utreds.';
}

/** The Tuesday on or before a day (local date), at `hour` local time, as a UTC instant. */
function tuesdayBefore(untilMs: number, daysBefore: number, hour: number): number {
  const day = utcToStockholm(untilMs - daysBefore * DAY_MS);
  const back = (day.weekday - 2 + 7) % 7;
  return stockholmToUtc({ year: day.year, month: day.month, day: day.day - back, hour, minute: 0 });
}

function localDate(utcMs: number): string {
  const l = utcToStockholm(utcMs);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

export function generateDemoUnsafePlaces(rng: Random, until: Date): {
  walks: DemoSafetyWalk[];
  places: DemoUnsafePlace[];
  observations: DemoWalkObservation[];
} {
  const untilMs = until.getTime();
  const walks: DemoSafetyWalk[] = [];
  const places: DemoUnsafePlace[] = [];
  const observations: DemoWalkObservation[] = [];
  const jitter = (key: PlaceKey, sigma: number) => {
    const p = PLACES[key];
    const [lon, lat] = offsetMetres(p.lat, p.lon, rng.normal(0, sigma), rng.normal(0, sigma));
    return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
  };

  for (const w of WALKS) {
    const start = tuesdayBefore(untilMs, w.daysBeforeUntil, 18);
    const walkId = rng.uuid();
    const fixedCount = w.places.filter((p) => p.fixedAfterDays !== null && start + p.fixedAfterDays * DAY_MS < untilMs).length;
    walks.push({
      id: walkId,
      walkedOn: localDate(start),
      title: w.title,
      district: w.district,
      notes: w.notes,
      publicSummary: `${w.places.length} platser noterades under vandringen; ${fixedCount} är åtgärdade.`,
      organisations: w.organisations,
      createdAt: new Date(start + DAY_MS),
    });
    w.places.forEach((p, i) => {
      const observedAt = start + (i + 1) * 9 * 60_000;
      const planned = p.plannedAfterDays !== null && observedAt + p.plannedAfterDays * DAY_MS < untilMs ? observedAt + p.plannedAfterDays * DAY_MS : null;
      const fixed = p.fixedAfterDays !== null && observedAt + p.fixedAfterDays * DAY_MS < untilMs ? observedAt + p.fixedAfterDays * DAY_MS : null;
      const status = fixed !== null ? 'fixed' : planned !== null ? 'planned' : 'open';
      const id = rng.uuid();
      places.push({
        id,
        title: p.title,
        ...jitter(p.near, 120),
        reasons: p.reasons,
        proposedMeasure: p.measure,
        status,
        source: 'walk',
        walkId,
        origin: 'municipality',
        visibility: 'partners',
        description: p.note,
        publicSummary: publicSummary(status, p.measure),
        reportedAt: new Date(observedAt),
        statusChangedAt: fixed !== null ? new Date(fixed) : planned !== null ? new Date(planned) : null,
        fixedAt: fixed !== null ? new Date(fixed) : null,
      });
      observations.push({
        id: rng.uuid(),
        walkId,
        unsafePlaceId: id,
        sequence: i + 1,
        observedAt: new Date(observedAt),
        note: p.note,
        protocolAction: `${ORG_NAMES_SV[p.responsible]} ansvarar: ${p.measure}`,
        responsible: p.responsible,
      });
    });
  }

  // The dialogue ran over four weeks about eight months before the end.
  const dialogueStart = tuesdayBefore(untilMs, 240, 9);
  for (const p of DIALOGUE) {
    const reportedAt = dialogueStart + rng.uniform(0, 28) * DAY_MS;
    const changed = p.status === 'open' ? null : Math.min(reportedAt + rng.uniform(20, 120) * DAY_MS, untilMs - DAY_MS);
    places.push({
      id: rng.uuid(),
      title: p.title,
      ...jitter(p.near, 150),
      reasons: p.reasons,
      proposedMeasure: p.measure,
      status: p.status,
      source: p.source,
      walkId: null,
      origin: 'municipality',
      visibility: 'partners',
      description: p.description,
      publicSummary: publicSummary(p.status, p.measure),
      reportedAt: new Date(Math.floor(reportedAt)),
      statusChangedAt: changed === null ? null : new Date(Math.floor(changed)),
      fixedAt: p.status === 'fixed' && changed !== null ? new Date(Math.floor(changed)) : null,
    });
  }
  return { walks, places, observations };
}
