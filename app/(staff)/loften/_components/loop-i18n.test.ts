// The council loop's pages in English: no Swedish UI text may be written into them (it would show
// untranslated on the English pages), every loop key has an English text that is not the Swedish
// one, and the shared pieces render in the chosen language.
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { en } from '@/lib/i18n/messages/en';
import { sv } from '@/lib/i18n/messages/sv';
import { getTranslator } from '@/lib/i18n/translate';
import { activityStatusLabel, formatLoopDate, formatLoopPeriod, LoopNav } from './loop-nav';

const STAFF = path.resolve(__dirname, '../..');
const LOOP_DIRS = ['loften', 'fokusomraden', 'aktiviteter', 'uppfoljning', 'motesplan', 'notiser'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The code without comments (block, line and JSX comments). */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

// Swedish words the pages used to show that have no å, ä or ö.
const SWEDISH_WORDS = ['Aktiviteter', 'Titel', 'Rubrik', 'Namn', 'Datum', 'Kvartal', 'Visa', 'Slag', 'Beslutad', 'Indikator', 'Notiser', 'Organisationer', 'Startdatum', 'Slutdatum', 'tills vidare', 'inget', 'Avslagen', 'Markera'];

describe('council loop pages in English', () => {
  const files = LOOP_DIRS.flatMap((d) => sourceFiles(path.join(STAFF, d)));

  it('finds the loop pages', () => {
    expect(files.filter((f) => f.endsWith('page.tsx')).length).toBeGreaterThanOrEqual(8);
  });

  it.each(files.map((f) => [path.relative(STAFF, f), f]))('%s writes no Swedish text into the page', (_name, file) => {
    const code = withoutComments(fs.readFileSync(file, 'utf8'));
    const diacritics = code.split('\n').filter((line) => /[åäöÅÄÖ]/.test(line));
    expect(diacritics).toEqual([]);
    const words = SWEDISH_WORDS.filter((w) => new RegExp(`(>|['"\`])\\s*${w}\\b`).test(code) || new RegExp(`^\\s*${w}\\s*$`, 'm').test(code));
    expect(words).toEqual([]);
  });

  it('every loop key has an English text of its own', () => {
    const keys = Object.keys(sv).filter((k) => k.startsWith('loop.')) as (keyof typeof sv)[];
    expect(keys.length).toBeGreaterThan(150);
    const swedishInEnglish = keys.filter((k) => /[åäöÅÄÖ]/.test(en[k]));
    expect(swedishInEnglish).toEqual([]);
    const same = keys.filter((k) => en[k] === sv[k] && !/^(Status|Period|Text|\{count\}.*)$/.test(sv[k]));
    expect(same).toEqual([]);
  });

  it('the loop navigation, statuses and dates follow the locale', () => {
    const html = renderToStaticMarkup(createElement(LoopNav, { current: 'loften', t: getTranslator('en') }));
    expect(html).toContain('Citizen pledges');
    expect(html).toContain('Meeting plan');
    expect(html).not.toContain('Medborgarlöften');
    expect(renderToStaticMarkup(createElement(LoopNav, { current: 'loften', t: getTranslator('sv') }))).toContain('Medborgarlöften');
    expect(activityStatusLabel(getTranslator('en'), 'decided')).toBe('Decided');
    expect(activityStatusLabel(getTranslator('sv'), 'decided')).toBe('Beslutad');
    expect(formatLoopDate('en', '2026-03-05')).toBe('5 Mar 2026');
    expect(formatLoopDate('en', '2026-03-05 14:07')).toBe('5 Mar 2026, 14:07');
    expect(formatLoopDate('sv', '2026-03-05')).toBe('2026-03-05');
    expect(formatLoopPeriod('en', '2026-01-01', null)).toBe('1 Jan 2026 – until further notice');
    expect(formatLoopPeriod('sv', '2026-01-01', null)).toBe('2026-01-01 – tills vidare');
  });
});
