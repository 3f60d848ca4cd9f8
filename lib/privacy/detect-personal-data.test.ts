import { describe, expect, it } from 'vitest';
import { detectPersonalData, listPersonalDataKinds, luhnValid } from './detect-personal-data';

describe('detectPersonalData', () => {
  it('finds a personnummer with a dash even when the check digit is wrong', () => {
    expect(listPersonalDataKinds('Det var 850709-1234 som gjorde det')).toEqual(['personnummer']);
  });

  it('finds a twelve-digit personnummer with a valid check digit', () => {
    // 811218-9876 has a valid Luhn check digit (Skatteverket's example).
    expect(luhnValid('8112189876')).toBe(true);
    expect(detectPersonalData('pnr 198112189876').map((h) => h.kind)).toEqual(['personnummer']);
  });

  it('does not take an impossible date for a personnummer', () => {
    expect(listPersonalDataKinds('ärende 851345-1234')).not.toContain('personnummer');
  });

  it('finds a samordningsnummer (day plus 60)', () => {
    expect(listPersonalDataKinds('nummer 850769-1234')).toEqual(['personnummer']);
  });

  it('finds Swedish phone numbers in common spellings', () => {
    for (const t of ['ring 070-123 45 67', 'ring 0701234567', 'tel +46 70 123 45 67', 'växel 0370-37 70 00']) {
      expect(listPersonalDataKinds(t), t).toEqual(['phone']);
    }
  });

  it('finds an e-mail address', () => {
    expect(listPersonalDataKinds('skriv till kalle.anka@example.se')).toEqual(['email']);
  });

  it('finds a common first name written with a capital', () => {
    expect(listPersonalDataKinds('Det är Johan som sprejar där varje kväll')).toEqual(['name']);
  });

  it('finds any capitalised word after "heter" or "grannen"', () => {
    expect(detectPersonalData('killen heter Zlatko och bor där').map((h) => h.text)).toEqual(['Zlatko']);
  });

  it('leaves an ordinary description alone', () => {
    expect(detectPersonalData('Trasig belysning i gångtunneln under Storgatan, mörkt efter klockan 17. Buskarna skymmer sikten.')).toEqual([]);
  });

  it('does not take a year or a short number for a phone number', () => {
    expect(detectPersonalData('Sedan 2024 har lampan varit trasig, ca 3 meter från bänk 12.')).toEqual([]);
  });

  it('reports each kind once, in a fixed order', () => {
    expect(listPersonalDataKinds('Anna, 070-123 45 67, anna@example.se, 850709-1234')).toEqual(['personnummer', 'phone', 'email', 'name']);
  });
});
