import { describe, expect, it } from 'vitest';
import { importOptionsSchema } from '@/lib/schemas/import';
import { projectWgs84ToSweref99tm } from '@/lib/geo/crs';
import { readHeaders, readImportFile } from './read-import-file';
import { type ImportContext, validateImport } from './validate-import';

const context: ImportContext = {
  categories: [
    { key: 'theft', label_sv: 'Stöld', label_en: 'Theft', sensitivity: 'normal' },
    { key: 'rape', label_sv: 'Våldtäkt', label_en: 'Rape', sensitivity: 'sensitive' },
  ],
  allowedSensitivities: ['normal'],
  organisations: [{ id: '00000000-0000-4000-8000-000000000001', name: 'Värnamo kommun' }],
  areas: [{ id: '00000000-0000-4000-8000-0000000000a1', name: 'Centrum', code: '0683C', kind: 'district' }],
  originOrgId: '00000000-0000-4000-8000-000000000001',
};

const options = (kind: string, extra: Record<string, unknown> = {}) => importOptionsSchema.parse({ kind, ...extra });

function run(kind: string, name: string, text: string, extra: Record<string, unknown> = {}) {
  const o = options(kind, extra);
  return validateImport(o.kind, readImportFile(o.kind, name, text, o.mapping), o, context);
}

describe('validateImport: incidents', () => {
  it('reads Swedish headers, decimal commas, Swedish labels and local times', () => {
    const r = run('incidents', 'a.csv', 'Kategori;Tidpunkt;Latitud;Longitud;Beskrivning\nStöld;2025-03-01 14:30;57,1832;14,0478;Cykel\n');
    expect(r.errors).toEqual([]);
    expect(r.crs).toBe('EPSG:4326');
    expect(r.data.rows).toHaveLength(1);
    expect(r.data.rows[0]).toMatchObject({ category_key: 'theft', occurred_at: '2025-03-01T13:30:00.000Z', lon: 14.0478, lat: 57.1832, source: 'import', visibility: 'joint', description: 'Cykel' });
  });

  it('reads SWEREF 99 TM x/y and detects the CRS from the ranges', () => {
    const [x, y] = projectWgs84ToSweref99tm(14.0478, 57.1832);
    const r = run('incidents', 'a.csv', `category,occurred_at,x,y\ntheft,2025-03-01T10:00:00Z,${x.toFixed(2)},${y.toFixed(2)}\n`);
    expect(r.errors).toEqual([]);
    expect(r.crs).toBe('EPSG:3006');
    const row = r.data.rows[0] as { lon: number; lat: number };
    expect(row.lon).toBeCloseTo(14.0478, 6);
    expect(row.lat).toBeCloseTo(57.1832, 6);
  });

  it('reports exactly the bad rows, each with its row number and column', () => {
    const csv = [
      'kategori;tidpunkt;lat;lon',
      'theft;2025-03-01 10:00;57,18;14,04',
      'ingen-sådan;2025-03-01 10:00;57,18;14,04',
      'theft;2025-03-01 10:00;14,04;57,18',
      'theft;2025-03-01 10:00;57,19;14,05',
    ].join('\n');
    const r = run('incidents', 'a.csv', csv);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'kategori'],
      [4, 'lat/lon'],
    ]);
    expect(r.errors[1].message).toMatch(/swapped/);
    expect(r.data.rows.map((x) => x.row)).toEqual([2, 5]);
  });

  it('refuses coordinates that are not numbers or missing', () => {
    const r = run('incidents', 'a.csv', 'category;occurred_at;lat;lon\ntheft;2025-03-01;57°N;14,04\ntheft;2025-03-01;;14,04\n');
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'lat'],
      [3, 'lat'],
    ]);
  });

  it('names a missing required column and missing coordinate columns', () => {
    const r = run('incidents', 'a.csv', 'tidpunkt;beskrivning\n2025-03-01;x\n');
    expect(r.errors).toEqual([
      { row: 1, column: 'category', message: 'required column category (kategori) is missing' },
      { row: 1, column: null, message: 'coordinates are missing: give lat and lon (WGS84) or x and y (SWEREF 99 TM) columns' },
    ]);
  });

  it('refuses a category the importer may not create', () => {
    const r = run('incidents', 'a.csv', 'category;occurred_at;lat;lon\nVåldtäkt;2025-03-01;57,18;14,04\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'category' });
  });

  it('gives equal rows different hashes and the same file the same hashes', () => {
    const csv = 'category;occurred_at;lat;lon\ntheft;2025-03-01;57,18;14,04\ntheft;2025-03-01;57,18;14,04\n';
    const a = run('incidents', 'a.csv', csv).data.rows.map((x) => x.import_hash);
    const b = run('incidents', 'b.csv', csv).data.rows.map((x) => x.import_hash);
    expect(new Set(a).size).toBe(2);
    expect(b).toEqual(a);
  });

  it('refuses an external id repeated within the file', () => {
    const r = run('incidents', 'a.csv', 'external_id;category;occurred_at;lat;lon\nA1;theft;2025-03-01;57,18;14,04\nA1;theft;2025-03-02;57,18;14,04\n');
    expect(r.errors).toEqual([{ row: 3, column: 'external_id', message: 'external_id "A1" repeats row 2' }]);
  });

  it('reads a GeoJSON FeatureCollection of points, numbering features from 1', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [14.04, 57.18] }, properties: { category: 'theft', occurred_at: '2025-03-01T10:00:00Z' } },
        { type: 'Feature', geometry: null, properties: { category: 'theft', occurred_at: '2025-03-01T10:00:00Z' } },
      ],
    };
    const r = run('incidents', 'a.geojson', JSON.stringify(fc));
    expect(r.errors).toEqual([{ row: 2, column: null, message: 'geometry must be a GeoJSON Point' }]);
    expect(r.data.rows).toHaveLength(1);
  });
});

describe('validateImport: areas and survey', () => {
  const square = (x0: number, y0: number, d: number) => [
    [
      [x0, y0],
      [x0 + d, y0],
      [x0 + d, y0 + d],
      [x0, y0 + d],
      [x0, y0],
    ],
  ];

  it('reads polygons in SWEREF 99 TM declared by the file and returns WGS84', () => {
    const fc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
      features: [{ type: 'Feature', properties: { namn: 'Norra', kod: 'N1', befolkning: '1 200' }, geometry: { type: 'Polygon', coordinates: square(440000, 6340000, 1000) } }],
    };
    const r = run('areas', 'omr.geojson', JSON.stringify(fc));
    expect(r.errors).toEqual([]);
    expect(r.crs).toBe('EPSG:3006');
    const row = r.data.rows[0] as { name: string; kind: string; population: number; geom: { coordinates: number[][][] } };
    expect(row).toMatchObject({ name: 'Norra', kind: 'district', population: 1200 });
    expect(row.geom.coordinates[0][0][0]).toBeGreaterThan(13);
    expect(row.geom.coordinates[0][0][0]).toBeLessThan(15);
  });

  it('refuses a self-intersecting polygon', () => {
    const bow = [
      [
        [14.0, 57.0],
        [14.1, 57.1],
        [14.1, 57.0],
        [14.0, 57.1],
        [14.0, 57.0],
      ],
    ];
    const r = run('areas', 'a.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Fluga' }, geometry: { type: 'Polygon', coordinates: bow } }] }));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'geometry' });
  });

  it('finds survey areas by name or code and reports an unknown one', () => {
    const csv = 'Område;År;Indikator;Värde;Antal svarande\nCentrum;2025;Otrygghet kvällstid;23,5;410\nSöder;2025;Otrygghet kvällstid;12;100\n';
    const r = run('survey', 's.csv', csv);
    expect(r.errors).toEqual([{ row: 3, column: 'Område', message: 'unknown area "Söder" in this municipality (import the areas first)' }]);
    expect(r.data.rows[0]).toMatchObject({ area_id: context.areas[0].id, year: 2025, value: 23.5, respondents: 410, unit: 'percent' });
  });
});

describe('validateImport: column mapping', () => {
  // An export from another system: none of the headers is one we know.
  const foreign = ['Brottskod;Anmäld tid;N-koord;E-koord;Fritext', 'Stöld;2025-03-01 14:30;57,1832;14,0478;Cykel', 'Okänd;2025-03-01 14:30;57,1832;14,0478;x'].join('\n');
  const mapping = { category: 'Brottskod', occurred_at: 'Anmäld tid', lat: 'N-koord', lon: 'E-koord', description: 'Fritext' };

  it('without a mapping names the missing required columns', () => {
    const r = run('incidents', 'a.csv', foreign);
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/required column category/);
    expect(r.data.rows).toHaveLength(0);
  });

  it('reads the rows through the mapping and names the file’s own column in errors', () => {
    const r = run('incidents', 'a.csv', foreign, { mapping: JSON.stringify(mapping) });
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, 'Brottskod']]);
    expect(r.data.rows).toHaveLength(1);
    expect(r.data.rows[0]).toMatchObject({ category_key: 'theft', lat: 57.1832, lon: 14.0478, description: 'Cykel' });
  });

  it('a mapping wins over a matching name, and "" leaves a matching column unused', () => {
    const csv = 'kategori;typ;tidpunkt;lat;lon;beskrivning\nfel;Stöld;2025-03-01 14:30;57,18;14,04;hemlig\n';
    const r = run('incidents', 'a.csv', csv, { mapping: { category: 'typ', description: '' } });
    expect(r.errors).toEqual([]);
    expect(r.data.rows[0]).toMatchObject({ category_key: 'theft', description: null });
  });

  it('refuses a mapped column the file does not have, a column chosen twice and an unknown field', () => {
    const missing = run('incidents', 'a.csv', foreign, { mapping: { ...mapping, description: 'Text' } });
    expect(missing.errors).toEqual([expect.objectContaining({ row: 1, column: 'Text' })]);
    expect(missing.errors[0].message).toMatch(/not in the file/);
    const twice = run('incidents', 'a.csv', foreign, { mapping: { ...mapping, description: 'Brottskod' } });
    expect(twice.errors[0]).toMatchObject({ row: 1, column: 'Brottskod' });
    expect(twice.errors[0].message).toMatch(/both category and description/);
    expect(importOptionsSchema.safeParse({ kind: 'incidents', mapping: { colour: 'x' } }).success).toBe(false);
    expect(importOptionsSchema.safeParse({ kind: 'incidents', mapping: '{not json' }).success).toBe(false);
  });

  it('maps GeoJSON property names too', () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { Benämning: 'Parken', Invånare: '1 200' }, geometry: { type: 'Polygon', coordinates: [[[14.04, 57.18], [14.05, 57.18], [14.05, 57.19], [14.04, 57.18]]] } }] };
    const r = run('areas', 'a.geojson', JSON.stringify(fc), { mapping: { name: 'Benämning', population: 'Invånare' } });
    expect(r.errors).toEqual([]);
    expect(r.data.rows[0]).toMatchObject({ name: 'Parken', population: 1200 });
  });

  it('reads only the header record for the mapping step', () => {
    expect(readHeaders('a.csv', '\uFEFF"Anmäld\ntid";Brottskod\n1;2\n')).toEqual({ format: 'csv', headers: ['Anmäld\ntid', 'Brottskod'], error: null });
    expect(readHeaders('a.json', JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { a: 1 } }, { properties: { b: 2, a: 3 } }] })).headers).toEqual(['a', 'b']);
  });
});

describe('validateImport: areas from CSV with WKT', () => {
  const ring = (pts: [number, number][]) => pts.map(([x, y]) => `${x} ${y}`).join(', ');
  const sq = (x: number, y: number, d: number): [number, number][] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];

  it('reads POLYGON and MULTIPOLYGON in SWEREF 99 TM with population, quoted in a ; file', () => {
    const [x, y] = projectWgs84ToSweref99tm(14.04, 57.18).map(Math.round) as [number, number];
    const csv = [
      'namn;kod;befolkning;WKT',
      `Norra;N1;2 345;"POLYGON((${ring(sq(x, y, 1000))}))"`,
      `Södra;S1;;"SRID=3006;MULTIPOLYGON(((${ring(sq(x, y - 3000, 500))})),((${ring(sq(x + 2000, y - 3000, 500))})))"`,
    ].join('\n');
    const r = run('areas', 'omraden.csv', csv);
    expect(r.errors).toEqual([]);
    expect(r.crs).toBe('EPSG:3006');
    expect(r.data.rows).toHaveLength(2);
    expect(r.data.rows[0]).toMatchObject({ name: 'Norra', code: 'N1', population: 2345, geom: { type: 'Polygon' } });
    expect(r.data.rows[1]).toMatchObject({ name: 'Södra', population: null, geom: { type: 'MultiPolygon' } });
    const lon = (r.data.rows[0] as { geom: { coordinates: number[][][] } }).geom.coordinates[0][0][0];
    expect(lon).toBeCloseTo(14.04, 2);
  });

  it('reports bad WKT with its row and the file’s column name, and the CRS can be overridden', () => {
    const csv = [
      'name,population,geom',
      `A,10,"POLYGON((${ring(sq(14.0, 57.1, 0.01))}))"`,
      'B,10,"POLYGON((14 57, 14.1 57, 14.1 57.1))"',
      'C,10,"POINT(14 57)"',
      'D,10,"POLYGON((14,05 57,18, 14,06 57,18))"',
      'E,10,',
      `F,10,"POLYGON((${ring(sq(14.2, 57.1, 0.01))})"`,
    ].join('\n');
    const r = run('areas', 'a.csv', csv);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'geom'],
      [4, 'geom'],
      [5, 'geom'],
      [6, 'geom'],
      [7, 'geom'],
    ]);
    expect(r.errors[0].message).toMatch(/at least 4/);
    expect(r.errors[1].message).toMatch(/POINT is not an outline/);
    expect(r.errors[2].message).toMatch(/"\." for decimals/);
    expect(r.errors[3].message).toMatch(/missing/);
    expect(r.errors[4].message).toMatch(/"\)" is missing/);
    // Degrees read as SWEREF metres because the user said so: every position is outside Sweden.
    const forced = run('areas', 'a.csv', csv.split('\n').slice(0, 2).join('\n'), { crs: 'EPSG:3006' });
    expect(forced.crs).toBe('EPSG:3006');
    expect(forced.errors).toEqual([expect.objectContaining({ row: 2, column: 'geom' })]);
  });

  it('names a missing outline column', () => {
    const r = run('areas', 'a.csv', 'namn;befolkning\nA;1\n');
    expect(r.errors[0].message).toMatch(/geometry \(WKT\) column/);
  });

  it('the CRS override wins over the detected one for points too', () => {
    const r = run('incidents', 'a.csv', 'category,occurred_at,x,y\ntheft,2025-03-01T10:00:00Z,14.0478,57.1832\n', { crs: 'EPSG:3006' });
    expect(r.crs).toBe('EPSG:3006');
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'y/x' });
    expect(r.errors[0].message).toMatch(/look like WGS84/);
  });
});

describe('validateImport: a chosen CRS applies to lat/lon columns too', () => {
  it('reads SWEREF metres mapped to lat/lon when EPSG:3006 is chosen, and says to choose it otherwise', () => {
    const [x, y] = projectWgs84ToSweref99tm(14.0478, 57.1832);
    const csv = `Kod;Tid;N-koord;E-koord\ntheft;2025-03-01 10:00;${y.toFixed(1)};${x.toFixed(1)}\n`;
    const mapping = { category: 'Kod', occurred_at: 'Tid', lat: 'N-koord', lon: 'E-koord' };
    const auto = run('incidents', 'a.csv', csv, { mapping });
    expect(auto.errors).toEqual([expect.objectContaining({ row: 2, column: 'N-koord/E-koord' })]);
    expect(auto.errors[0].message).toMatch(/choose EPSG:3006/);
    const chosen = run('incidents', 'a.csv', csv, { mapping, crs: 'EPSG:3006' });
    expect(chosen.errors).toEqual([]);
    expect((chosen.data.rows[0] as { lat: number }).lat).toBeCloseTo(57.1832, 6);
  });
});
