import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAPLIBRE_SV_KEYS, maplibreLocale } from './maplibre-locale';

// The keys the installed MapLibre reads (its `defaultLocale`, from its type declarations): a key
// renamed or added upstream would otherwise fall back to English without anyone noticing.
const declarations = fs.readFileSync(path.join(process.cwd(), 'node_modules/maplibre-gl/dist/maplibre-gl.d.ts'), 'utf8');
const block = /declare const defaultLocale: \{([^}]*)\}/.exec(declarations)![1];
const MAPLIBRE_KEYS = [...block.matchAll(/"([^"]+)": string;/g)].map((m) => m[1]);

describe('maplibreLocale', () => {
  it('gives Swedish texts for every MapLibre key on a Swedish page', () => {
    expect(MAPLIBRE_KEYS.length).toBeGreaterThan(20);
    expect([...MAPLIBRE_SV_KEYS].sort()).toEqual([...MAPLIBRE_KEYS].sort());
    const sv = maplibreLocale('sv')!;
    expect(sv['NavigationControl.ZoomIn']).toBe('Zooma in');
    expect(sv['Map.Title']).toBe('Karta');
    expect(maplibreLocale('sv-SE')).toEqual(sv);
  });
  it("leaves MapLibre's English in place for English pages", () => {
    expect(maplibreLocale('en')).toBeUndefined();
    expect(maplibreLocale(undefined)).toBeUndefined();
  });
});
