// What an import accepts (DESIGN.md §3, §4; issue 5): the kinds, the documented column names in
// Swedish and English (plus common spellings), the values that may be written as Swedish or English
// words, and the options of an import request (page, API and CLI alike).
import { z } from 'zod';
import { AREA_KINDS, VISIBILITIES } from '@/lib/domain/constants';
import { IMPORT_CRS } from '@/lib/import/coordinates';
import { municipalityCodeSchema } from './common';

export const IMPORT_KINDS = ['incidents', 'unsafe_places', 'vandalism', 'areas', 'survey'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_FORMATS = ['csv', 'geojson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Default upload limit; LAGESBILD_IMPORT_MAX_BYTES overrides it. 100k incident rows are about 6 MB. Next
 * buffers a request body that passes through proxy.ts only up to `experimental.proxyClientMaxBodySize`
 * (10 MB by default), so a larger limit for the page and API needs that setting raised as well.
 */
export const DEFAULT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export interface ImportColumn {
  /** Canonical name (the English header our export writes). */
  field: string;
  /** Documented Swedish header. */
  sv: string;
  /** Other spellings accepted (compared after normalising: lower case, no diacritics, _ for spaces). */
  aliases: readonly string[];
  required: boolean;
  /** What goes in it, in Swedish and English. */
  help: { sv: string; en: string };
}

const col = (field: string, sv: string, aliases: readonly string[], required: boolean, help: { sv: string; en: string }): ImportColumn => ({
  field,
  sv,
  aliases,
  required,
  help,
});

// Coordinates: either lat/lon (WGS84) or x/y (SWEREF 99 TM or WGS84, told apart by range).
const POINT_COLUMNS: readonly ImportColumn[] = [
  col('lat', 'latitud', ['latitude', 'lat_wgs84'], false, { sv: 'Latitud i grader (WGS84), t.ex. 57,1832', en: 'Latitude in degrees (WGS84), e.g. 57.1832' }),
  col('lon', 'longitud', ['longitude', 'lng', 'long', 'lon_wgs84'], false, { sv: 'Longitud i grader (WGS84), t.ex. 14,0478', en: 'Longitude in degrees (WGS84), e.g. 14.0478' }),
  col('x', 'x', ['e', 'easting', 'ost', 'x_sweref', 'sweref_x', 'x_koordinat'], false, { sv: 'Öst i meter (SWEREF 99 TM) – i stället för lat/lon', en: 'Easting in metres (SWEREF 99 TM) – instead of lat/lon' }),
  col('y', 'y', ['n', 'northing', 'nord', 'y_sweref', 'sweref_y', 'y_koordinat'], false, { sv: 'Norr i meter (SWEREF 99 TM)', en: 'Northing in metres (SWEREF 99 TM)' }),
];

const EXTERNAL_ID = col('external_id', 'externt_id', ['extern_id', 'externalid', 'ext_id', 'kallsystemets_id'], false, {
  sv: 'Id i källsystemet; samma id importeras bara en gång',
  en: 'Id in the source system; the same id is imported once',
});
const VISIBILITY = col('visibility', 'synlighet', [], false, {
  sv: 'restricted/begränsad, joint/gemensam eller partners (standard: valet i formuläret)',
  en: 'restricted, joint or partners (default: the form’s choice)',
});
const DESCRIPTION = col('description', 'beskrivning', ['kommentar', 'comment', 'anteckning', 'notes'], false, { sv: 'Intern text', en: 'Internal text' });
const PUBLIC_SUMMARY = col('public_summary', 'offentlig_sammanfattning', ['publik_sammanfattning'], false, {
  sv: 'Text som råd och allmänhet får läsa',
  en: 'Text the council and public may read',
});

export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ImportColumn[]>> = {
  incidents: [
    EXTERNAL_ID,
    col('category', 'kategori', ['category_key', 'kategorinyckel', 'brottstyp', 'handelsetyp'], true, {
      sv: 'Kategorins nyckel (t.ex. theft) eller namn på svenska eller engelska (Stöld, Theft)',
      en: 'Category key (e.g. theft) or its Swedish or English name',
    }),
    col('occurred_at', 'tidpunkt', ['datum', 'date', 'time', 'tid', 'intraffade', 'fran', 'from', 'start'], true, {
      sv: 'När det hände: 2025-03-01 14:30 (svensk tid) eller ISO 8601 med tidszon',
      en: 'When it happened: 2025-03-01 14:30 (Swedish time) or ISO 8601 with an offset',
    }),
    col('occurred_to', 'tidpunkt_till', ['till', 'to', 'slut', 'end'], false, { sv: 'Slut på tidsfönstret om tiden är okänd', en: 'End of the time window when the exact time is unknown' }),
    ...POINT_COLUMNS,
    col('source', 'kalla', ['kallsystem'], false, { sv: 'Källa: police, municipality, partner, citizen, import … (standard: import)', en: 'Source: police, municipality, partner, citizen, import … (default: import)' }),
    VISIBILITY,
    DESCRIPTION,
  ],
  unsafe_places: [
    EXTERNAL_ID,
    col('title', 'titel', ['namn', 'name', 'plats', 'rubrik'], true, { sv: 'Kort namn på platsen', en: 'Short name of the place' }),
    ...POINT_COLUMNS,
    col('reasons', 'skal', ['orsaker', 'orsak', 'reason'], false, {
      sv: 'Skäl, åtskilda med | eller komma: dålig belysning, skymd sikt, nedskräpning, samlingar, trafik, underhåll, vegetation, öde, annat',
      en: 'Reasons separated by | or commas: poor_lighting, hidden_view, litter, gatherings, traffic, maintenance, vegetation, deserted, other',
    }),
    col('proposed_measure', 'forslag_till_atgard', ['atgardsforslag', 'atgard', 'measure'], false, { sv: 'Föreslagen åtgärd', en: 'Proposed measure' }),
    col('status', 'status', ['lage'], false, { sv: 'öppen, planerad, åtgärdad, avvisad (open, planned, fixed, rejected); standard öppen', en: 'open, planned, fixed, rejected; default open' }),
    col('source', 'kalla', [], false, { sv: 'survey/enkät, citizen/medborgare eller staff/personal (standard: staff); walk/trygghetsvandring blir survey', en: 'survey, citizen or staff (default: staff); walk becomes survey' }),
    col('reported_at', 'rapporterad', ['datum', 'date', 'rapporterad_den'], false, { sv: 'När platsen rapporterades (standard: nu)', en: 'When it was reported (default: now)' }),
    col('fixed_at', 'atgardad', ['atgardad_den'], false, { sv: 'När den åtgärdades (krävs för status åtgärdad)', en: 'When it was fixed (required for status fixed)' }),
    VISIBILITY,
    DESCRIPTION,
    PUBLIC_SUMMARY,
  ],
  vandalism: [
    EXTERNAL_ID,
    col('kind', 'typ', ['type', 'slag'], true, { sv: 'klotter eller skadegörelse (graffiti, damage)', en: 'graffiti or damage (klotter, skadegörelse)' }),
    col('offensive', 'krankande', ['stotande', 'offensiv'], false, { sv: 'ja/nej: kränkande klotter har kortare saneringsmål', en: 'yes/no: offensive graffiti has a shorter cleanup target' }),
    ...POINT_COLUMNS,
    col('status', 'status', [], false, { sv: 'rapporterad, tilldelad, sanerad (reported, assigned, cleaned); standard rapporterad', en: 'reported, assigned, cleaned; default reported' }),
    col('reported_at', 'rapporterad', ['datum', 'date', 'rapporterad_den'], true, { sv: 'När det rapporterades', en: 'When it was reported' }),
    col('assigned_at', 'tilldelad', ['tilldelad_den'], false, { sv: 'När det tilldelades', en: 'When it was assigned' }),
    col('responsible_org', 'ansvarig_organisation', ['ansvarig', 'responsible', 'responsible_organisation'], false, {
      sv: 'Ansvarig organisations namn (krävs för tilldelad och sanerad)',
      en: 'Name of the responsible organisation (required for assigned and cleaned)',
    }),
    col('remediated_at', 'sanerad', ['sanerad_den', 'cleaned_at'], false, { sv: 'När det sanerades (krävs för sanerad)', en: 'When it was cleaned (required for cleaned)' }),
    col('cost_sek', 'kostnad_sek', ['kostnad', 'cost'], false, { sv: 'Kostnad i kronor, t.ex. 1 250,50', en: 'Cost in kronor, e.g. 1250.50' }),
    VISIBILITY,
    DESCRIPTION,
    PUBLIC_SUMMARY,
  ],
  areas: [
    col('name', 'namn', ['omrade', 'omradesnamn', 'area', 'area_name'], true, { sv: 'Områdets namn', en: 'Name of the area' }),
    col('code', 'kod', ['omradeskod', 'area_code', 'desokod', 'regsokod'], false, { sv: 'Officiell kod (DeSO, RegSO, distrikt)', en: 'Official code (DeSO, RegSO, district)' }),
    col('kind', 'typ', ['type', 'omradestyp', 'area_kind'], false, {
      sv: 'district/stadsdel, deso, regso, neighbourhood_watch/grannsamverkan, drawn/ritat (standard: valet i formuläret)',
      en: 'district, deso, regso, neighbourhood_watch, drawn (default: the form’s choice)',
    }),
    col('population', 'befolkning', ['folkmangd', 'invanare', 'inhabitants'], false, { sv: 'Antal invånare (för tal per 1 000 invånare)', en: 'Inhabitants (for rates per 1,000)' }),
    col('geometry', 'geometri', ['wkt', 'geom', 'the_geom', 'wkt_geom', 'geometry_wkt', 'polygon', 'omradesgrans'], false, {
      sv: 'Bara CSV: gränsen som WKT, POLYGON((…)) eller MULTIPOLYGON(((…))), i WGS84 eller SWEREF 99 TM (SRID=3006;… går bra)',
      en: 'CSV only: the outline as WKT, POLYGON((…)) or MULTIPOLYGON(((…))), in WGS84 or SWEREF 99 TM (SRID=3006;… accepted)',
    }),
  ],
  survey: [
    col('area', 'omrade', ['omradesnamn', 'area_name', 'namn', 'name'], false, { sv: 'Områdets namn (eller områdeskod)', en: 'Name of the area (or its code)' }),
    col('area_code', 'omradeskod', ['kod', 'code'], false, { sv: 'Områdets kod, i stället för namnet', en: 'Code of the area, instead of the name' }),
    col('year', 'ar', ['arg', 'argang'], true, { sv: 'År, t.ex. 2025', en: 'Year, e.g. 2025' }),
    col('indicator', 'indikator', ['fraga', 'question', 'matt'], true, { sv: 'Indikator, t.ex. Otrygghet utomhus kvällstid', en: 'Indicator, e.g. Feeling unsafe outdoors at night' }),
    col('value', 'varde', ['andel', 'procent', 'percent'], true, { sv: 'Värde, t.ex. 23,5', en: 'Value, e.g. 23.5' }),
    col('unit', 'enhet', [], false, { sv: 'Enhet (standard: percent)', en: 'Unit (default: percent)' }),
    col('respondents', 'antal_svarande', ['svarande', 'n'], false, { sv: 'Antal som svarade', en: 'Number of respondents' }),
    col('source', 'kalla', [], false, { sv: 'Källa, t.ex. Polisens trygghetsmätning 2025', en: 'Source, e.g. Police safety survey 2025' }),
  ],
};

/** Lower case, no diacritics, runs of space, hyphen, dot or slash as one underscore, no brackets. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[()[\]]/g, '')
    .trim()
    .replace(/[\s\-./]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Value words in Swedish and English (normalised like headers) → stored key. */
export const VALUE_WORDS = {
  visibility: { restricted: 'restricted', begransad: 'restricted', joint: 'joint', gemensam: 'joint', partners: 'partners', partner: 'partners' },
  unsafeStatus: { open: 'open', oppen: 'open', planned: 'planned', planerad: 'planned', fixed: 'fixed', atgardad: 'fixed', rejected: 'rejected', avvisad: 'rejected' },
  // A walk's points are made on the walk (they belong to its protocol); imported, they count as survey results.
  unsafeSource: { survey: 'survey', enkat: 'survey', walk: 'survey', trygghetsvandring: 'survey', citizen: 'citizen', medborgare: 'citizen', staff: 'staff', personal: 'staff' },
  reasons: {
    poor_lighting: 'poor_lighting',
    dalig_belysning: 'poor_lighting',
    belysning: 'poor_lighting',
    hidden_view: 'hidden_view',
    skymd_sikt: 'hidden_view',
    litter: 'litter',
    nedskrapning: 'litter',
    gatherings: 'gatherings',
    samlingar: 'gatherings',
    traffic: 'traffic',
    trafik: 'traffic',
    maintenance: 'maintenance',
    underhall: 'maintenance',
    vegetation: 'vegetation',
    deserted: 'deserted',
    ode: 'deserted',
    other: 'other',
    annat: 'other',
  },
  vandalismKind: { graffiti: 'graffiti', klotter: 'graffiti', damage: 'damage', skadegorelse: 'damage', skada: 'damage' },
  vandalismStatus: { reported: 'reported', rapporterad: 'reported', assigned: 'assigned', tilldelad: 'assigned', cleaned: 'cleaned', sanerad: 'cleaned', atgardad: 'cleaned' },
  areaKind: {
    district: 'district',
    distrikt: 'district',
    stadsdel: 'district',
    deso: 'deso',
    regso: 'regso',
    neighbourhood_watch: 'neighbourhood_watch',
    grannsamverkan: 'neighbourhood_watch',
    drawn: 'drawn',
    ritat: 'drawn',
  },
} as const satisfies Record<string, Record<string, string>>;

/** Area kinds an import may create (the municipality boundary and focus buffers are made by the app). */
export const IMPORTABLE_AREA_KINDS = ['district', 'deso', 'regso', 'neighbourhood_watch', 'drawn'] as const satisfies readonly (typeof AREA_KINDS)[number][];

const checkbox = z
  .union([z.boolean(), z.enum(['on', 'true', '1', 'false', '0', ''])])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

const mappingSchema = z
  .union([z.string(), z.record(z.string(), z.string())])
  .optional()
  .transform((v, ctx): Record<string, string> => {
    if (v === undefined || v === '') return {};
    let obj: unknown = v;
    if (typeof v === 'string') {
      try {
        obj = JSON.parse(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'mapping must be a JSON object of field → column' });
        return z.NEVER;
      }
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj) || Object.values(obj).some((c) => typeof c !== 'string')) {
      ctx.addIssue({ code: 'custom', message: 'mapping must be an object of field → column name' });
      return z.NEVER;
    }
    return obj as Record<string, string>;
  });

/** Options of one import (form fields, API multipart fields, CLI flags). */
export const importOptionsSchema = z.object({
  municipality: municipalityCodeSchema.default('0683'),
  kind: z.enum(IMPORT_KINDS, { error: `kind must be one of ${IMPORT_KINDS.join(', ')}` }),
  /** 'auto' detects from value ranges (DESIGN.md §4). */
  crs: z.enum(['auto', ...IMPORT_CRS], { error: 'crs must be auto, EPSG:4326 or EPSG:3006' }).default('auto'),
  /** Visibility of rows that do not name one. */
  visibility: z.enum(VISIBILITIES, { error: `visibility must be one of ${VISIBILITIES.join(', ')}` }).default('joint'),
  /** Kind of areas whose row does not name one. */
  area_kind: z.enum(IMPORTABLE_AREA_KINDS, { error: `area_kind must be one of ${IMPORTABLE_AREA_KINDS.join(', ')}` }).default('district'),
  /** Validate and count, then roll back. */
  dry_run: checkbox,
  /**
   * Column mapping chosen by the user: field → the file's column (header as written), '' for a field
   * the file has but that must not be used. Fields not named are matched by name and aliases. A JSON
   * object (API, page) or an object (CLI --map field=column).
   */
  mapping: mappingSchema,
}).superRefine((o, ctx) => {
  const fields = new Set(IMPORT_COLUMNS[o.kind].map((c) => c.field));
  for (const field of Object.keys(o.mapping)) {
    if (!fields.has(field)) ctx.addIssue({ code: 'custom', path: ['mapping', field], message: `mapping: ${field} is not a field of ${o.kind} (fields: ${[...fields].join(', ')})` });
  }
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

export interface ImportRowError {
  /** Spreadsheet row (header = 1) of a CSV file, or feature number (1-based) of a GeoJSON file; 0 for the whole file. */
  row: number;
  /** The column (header as written in the file) or property; null when the row as a whole is wrong. */
  column: string | null;
  message: string;
}
