// Warns a resident before a report leaves the browser (and tells the moderator afterwards) when its
// text looks like it holds a personal identity number, a phone number, an e-mail address or a person's
// name. A heuristic, not a filter: it asks the writer to remove details about people (GDPR art. 5(1)(c),
// data minimisation) and never blocks a report. Pure.

export type PersonalDataKind = 'personnummer' | 'phone' | 'email' | 'name';

export interface PersonalDataHit {
  kind: PersonalDataKind;
  /** The matched text, for highlighting. */
  text: string;
  index: number;
}

// Swedish personnummer / samordningsnummer: (YY)YYMMDD, optional - or +, four digits (Skatteverket SKV 704).
const PERSONNUMMER = /(?<![\d])((?:19|20)?\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\d])/g;
// Swedish phone numbers: 0 or +46/0046, then 7–10 more digits with optional spaces, dashes or brackets.
const PHONE = /(?<![\d+])(?:\+46|0046|0)[\s-]?\(?[1-9]\)?(?:[\s-]?\d){5,9}(?![\d])/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

// Common Swedish first names (SCB's most frequent names), matched only capitalised and as whole words.
const FIRST_NAMES = new Set(
  (
    'Adam Agnes Ahmed Alexander Alfred Ali Alice Alma Amanda Andreas Anders Anna Anne Annika Anton Arvid Astrid Axel ' +
    'Barbro Bengt Birgitta Björn Bo Britt Carl Caroline Cecilia Charlotte Christer Christina Daniel David Ebba Edvin ' +
    'Elias Elin Elisabeth Ella Ellen Elsa Emil Emilia Emma Erik Eva Felix Filip Fredrik Freja Frida Gunilla Gustav ' +
    'Göran Hanna Hans Helena Henrik Hugo Ida Ingrid Isak Jan Jenny Jessica Johan Johanna Jonas Josefin Julia Karin ' +
    'Karl Kerstin Kristina Lars Leif Lena Leo Linnea Linnéa Lisa Liam Lucas Lukas Magnus Maja Malin Maria Marie ' +
    'Martin Mats Mattias Max Mohammed Mohammad Nils Noah Olle Olof Oliver Oscar Oskar Patrik Per Peter Rasmus Robert ' +
    'Sara Sebastian Signe Simon Siri Sofia Stefan Sten Stina Susanne Sven Theo Thomas Tobias Tomas Ulla Ulf Viktor ' +
    'Vilma William Wilma Yvonne Åsa Ove Kent Roger Mikael Michael Niklas Jonathan Hampus Albin Elvira Saga Selma Vera'
  ).split(' '),
);
const NAME_CUE = /\b(?:heter|kallas|grannen|granne|familjen|herr|fru)\s+(\p{Lu}\p{Ll}+)/gu;
const WORD = /\p{Lu}\p{Ll}+/gu;

function isValidDate(yy: string, mm: string, dd: string): boolean {
  const month = Number(mm);
  let day = Number(dd);
  if (day > 60) day -= 60; // samordningsnummer
  if (month < 1 || month > 12 || day < 1) return false;
  const year = yy.length === 4 ? Number(yy) : 2000 + Number(yy);
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Luhn over the ten digits YYMMDDNNNC (Skatteverket's check digit). */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Finds what looks like personal data in a free text: personnummer (valid date and either a separator
 * or a valid check digit), Swedish phone numbers, e-mail addresses, and names (a common first name
 * written with a capital, or any capitalised word after "heter", "grannen", "familjen" …).
 */
export function detectPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: number, b: number) => taken.some(([s, e]) => a < e && b > s);
  const add = (kind: PersonalDataKind, match: string, index: number) => {
    if (overlaps(index, index + match.length)) return;
    taken.push([index, index + match.length]);
    hits.push({ kind, text: match, index });
  };
  for (const m of text.matchAll(EMAIL)) add('email', m[0], m.index);
  for (const m of text.matchAll(PERSONNUMMER)) {
    const [whole, year, month, day, sep, last] = m;
    if (!isValidDate(year, month, day)) continue;
    if (sep || luhnValid(`${year.slice(-2)}${month}${day}${last}`)) add('personnummer', whole, m.index);
  }
  for (const m of text.matchAll(PHONE)) add('phone', m[0], m.index);
  for (const m of text.matchAll(NAME_CUE)) add('name', m[1], m.index + m[0].length - m[1].length);
  for (const m of text.matchAll(WORD)) if (FIRST_NAMES.has(m[0])) add('name', m[0], m.index);
  return hits.sort((a, b) => a.index - b.index);
}

/** The kinds found, each once, in a fixed order (for the warning text). */
export function listPersonalDataKinds(text: string): PersonalDataKind[] {
  const found = new Set(detectPersonalData(text).map((h) => h.kind));
  return (['personnummer', 'phone', 'email', 'name'] as const).filter((k) => found.has(k));
}
