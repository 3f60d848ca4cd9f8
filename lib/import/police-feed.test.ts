import { describe, expect, it } from 'vitest';
import { detectPoliceFeedFormat, normalisePlaceName, parseFeedDatetime, parsePoliceFeed, polisenUrl, splitByMunicipality } from './police-feed';

const event = (over: Record<string, unknown> = {}) => ({
  id: 426038,
  datetime: '2023-05-16 17:24:52 +02:00',
  name: '16 maj 17.24, Misshandel, Värnamo',
  summary: 'En man har misshandlats.',
  url: '/aktuellt/handelser/2023/maj/16/16-maj-17.24-misshandel-varnamo/',
  type: 'Misshandel',
  location: { name: 'Värnamo', gps: '57.183161,14.047821' },
  ...over,
});

const CSV_HEADER = '"id","datetime","month","type","location_name","lat","lon","x_3006","y_3006"';
const csvRow = (id: string, datetime: string, type: string, place: string, lat: string, lon: string) =>
  `${id},"${datetime}","2023-05","${type}","${place}","${lat}","${lon}","442442.706","6338176.798"`;

describe('police feed: formats', () => {
  it('detects the JSON array of the feed and the archived CSV, and nothing else', () => {
    expect(detectPoliceFeedFormat(JSON.stringify([event()]))).toBe('json');
    expect(detectPoliceFeedFormat(`\uFEFF${CSV_HEADER}\n`)).toBe('csv');
    expect(detectPoliceFeedFormat('kategori;tidpunkt;lat;lon\n')).toBeNull();
    expect(detectPoliceFeedFormat('[{"type":"Feature","geometry":{}}]')).toBeNull();
  });

  it('reads the feed time with its one-digit hour and offset as UTC', () => {
    expect(parseFeedDatetime('2023-04-01 7:49:05 +02:00')).toEqual({ ok: true, value: '2023-04-01T05:49:05.000Z' });
    expect(parseFeedDatetime('2024-01-05 23:10:00 +01:00')).toEqual({ ok: true, value: '2024-01-05T22:10:00.000Z' });
    expect(parseFeedDatetime('2023-02-30 10:00:00 +01:00').ok).toBe(false);
    expect(parseFeedDatetime('2023-04-01 7:49:05').ok).toBe(false);
  });
});

describe('police feed: JSON', () => {
  it('reads every field of an event, the gps pair as latitude and longitude', () => {
    const r = parsePoliceFeed(JSON.stringify([event()]));
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('json');
    expect(r.events).toEqual([
      {
        row: 1,
        id: '426038',
        occurredAt: '2023-05-16T15:24:52.000Z',
        type: 'Misshandel',
        locationName: 'Värnamo',
        lat: 57.183161,
        lon: 14.047821,
        name: '16 maj 17.24, Misshandel, Värnamo',
        url: '/aktuellt/handelser/2023/maj/16/16-maj-17.24-misshandel-varnamo/',
        summary: 'En man har misshandlats.',
      },
    ]);
  });

  it('names the event and the field of every bad value', () => {
    const r = parsePoliceFeed(
      JSON.stringify([
        event(),
        event({ id: 2, datetime: '16 maj 17.24' }),
        event({ id: 3, location: { name: 'Värnamo', gps: '14.047821,57.183161' } }),
        event({ id: 4, type: '' }),
        event({ id: 5, url: 'https://example.com/x' }),
        event({ id: 426038 }),
      ]),
    );
    expect(r.events.map((e) => e.id)).toEqual(['426038']);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'datetime'],
      [3, 'location.gps'],
      [4, 'type'],
      [5, 'url'],
      [6, 'id'],
    ]);
    expect(r.errors[1].message).toMatch(/swapped/);
    expect(r.errors[4].message).toMatch(/row 1/);
  });

  it('keeps the path of an address the older feed gave in full', () => {
    const r = parsePoliceFeed(JSON.stringify([event({ url: 'https://polisen.se/aktuellt/handelser/2018/april/13/x/' })]));
    expect(r.events[0].url).toBe('/aktuellt/handelser/2018/april/13/x/');
  });

  it('refuses a file that is not an array of events', () => {
    expect(parsePoliceFeed('{"events": []}', 'json').errors).toEqual([{ row: 0, column: null, message: expect.stringMatching(/JSON array/) }]);
    expect(parsePoliceFeed('[{', 'json').errors[0].message).toMatch(/not valid JSON/);
  });
});

describe('police feed: archived CSV', () => {
  it('reads the rows with spreadsheet row numbers and no link', () => {
    const text = [CSV_HEADER, csvRow('426038', '2023-05-16 17:24:52 +02:00', 'Misshandel', 'Värnamo', '57.183161', '14.047821')].join('\n');
    const r = parsePoliceFeed(text);
    expect(r.format).toBe('csv');
    expect(r.errors).toEqual([]);
    expect(r.events[0]).toMatchObject({ row: 2, id: '426038', occurredAt: '2023-05-16T15:24:52.000Z', url: null, summary: null, name: null });
  });

  it('reports each bad row with its row number and column', () => {
    const text = [
      CSV_HEADER,
      csvRow('1', '2023-05-16 17:24:52 +02:00', 'Misshandel', 'Värnamo', '57.18', '14.04'),
      csvRow('2', '2023-05-16 17:24:52 +02:00', 'Misshandel', '', '57.18', '14.04'),
      csvRow('x3', '2023-05-16 17:24:52 +02:00', 'Misshandel', 'Värnamo', '57,18', '14.04'),
    ].join('\n');
    const r = parsePoliceFeed(text);
    expect(r.totalRows).toBe(3);
    expect(r.events.map((e) => e.row)).toEqual([2]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'location_name'],
      [4, 'id'],
      [4, 'lat'],
    ]);
  });

  it('names the missing columns of the header', () => {
    const r = parsePoliceFeed('id,datetime,type,lat,lon\n1,x,y,1,2\n', 'csv');
    expect(r.errors).toEqual([{ row: 1, column: 'location_name', message: expect.any(String) }]);
  });
});

describe('police feed: municipality', () => {
  it('keeps the events of the municipality by name and counts the others per place', () => {
    const r = parsePoliceFeed(
      JSON.stringify([
        event(),
        event({ id: 2, location: { name: 'Jönköping', gps: '57.78,14.16' } }),
        event({ id: 3, location: { name: 'värnamo kommun', gps: '57.18,14.04' } }),
        event({ id: 4, location: { name: 'Jönköpings län', gps: '57.5,14.5' } }),
        event({ id: 5, location: { name: 'Jönköping', gps: '57.78,14.16' } }),
      ]),
    );
    const split = splitByMunicipality(r.events, 'Värnamo');
    expect(split.mine.map((e) => e.id)).toEqual(['426038', '3']);
    expect(split.otherCount).toBe(3);
    expect(split.otherPlaces).toEqual([
      { name: 'Jönköping', count: 2 },
      { name: 'Jönköpings län', count: 1 },
    ]);
  });

  it('does not take Vännäs for Värnamo or Å for A', () => {
    expect(normalisePlaceName('Åre')).not.toBe(normalisePlaceName('Are'));
    expect(normalisePlaceName(' Värnamo  kommun ')).toBe('värnamo');
  });

  it('links to polisen.se, the events page when the file has no address', () => {
    expect(polisenUrl('/aktuellt/handelser/x/')).toBe('https://polisen.se/aktuellt/handelser/x/');
    expect(polisenUrl(null)).toBe('https://polisen.se/aktuellt/handelser/');
  });
});
