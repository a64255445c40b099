import { describe, expect, it } from 'vitest';
import { parseFlag, parseList, parsePhoneText, parseSex } from '../../../../src-main/imports/read';

describe('phones, flags, sex and lists', () => {
  it('keeps a phone as typed, for normalising, and reads placeholders as no phone', () => {
    expect(parsePhoneText('  +49 (0)171 1234567 ')).toEqual({ ok: true, value: '+49 (0)171 1234567' });
    expect(parsePhoneText('0171/1234567')).toEqual({ ok: true, value: '0171/1234567' });
    expect(parsePhoneText('')).toEqual({ ok: true, value: null });
    expect(parsePhoneText('n/a')).toEqual({ ok: true, value: null });
    expect(parsePhoneText('ask reception')).toMatchObject({ ok: false });
  });

  it('refuses a phone a spreadsheet turned into scientific notation: its digits are lost', () => {
    expect(parsePhoneText('6.1E+10')).toEqual({
      ok: false,
      problem: 'A spreadsheet turned this phone number into 6.1E+10; its digits are lost.',
    });
    expect(parsePhoneText('4,91711E+11')).toMatchObject({ ok: false });
  });

  it('reads yes and no in the ways exports write them, in any case', () => {
    for (const yes of ['yes', 'Y', 'TRUE', '1', 'x', 'Ja', 'oui', 'Sí']) expect(parseFlag(yes), yes).toEqual({ ok: true, value: true });
    for (const no of ['no', 'N', 'false', '0', 'NEIN', 'non']) expect(parseFlag(no), no).toEqual({ ok: true, value: false });
    expect(parseFlag('')).toEqual({ ok: true, value: null });
    expect(parseFlag('maybe')).toEqual({ ok: false, problem: '“maybe” is neither yes nor no.' });
  });

  it('reads sex and gender into what a patient record holds', () => {
    for (const female of ['F', 'female', 'Woman', 'w', 'weiblich', 'Frau', 'femme']) expect(parseSex(female), female).toEqual({ ok: true, value: 'female' });
    for (const male of ['M', 'Male', 'man', 'männlich', 'homme']) expect(parseSex(male), male).toEqual({ ok: true, value: 'male' });
    expect(parseSex('Non-binary')).toEqual({ ok: true, value: 'nonBinary' });
    expect(parseSex('divers')).toEqual({ ok: true, value: 'other' });
    expect(parseSex('Prefer not to say')).toEqual({ ok: true, value: 'undisclosed' });
    for (const unknown of ['unknown', 'n/a', 'U', '']) expect(parseSex(unknown), unknown).toEqual({ ok: true, value: null });
    expect(parseSex('robot')).toEqual({ ok: false, problem: '“robot” is not a sex or gender Lumen knows.' });
  });

  it('splits lists on semicolons, commas and lines, once per item whatever its case', () => {
    expect(parseList('Penicillin; Latex, Aspirin')).toEqual(['Penicillin', 'Latex', 'Aspirin']);
    expect(parseList('Latex\r\n  latex \nNuts')).toEqual(['Latex', 'Nuts']);
    expect(parseList(' ; , ')).toEqual([]);
    expect(parseList('none')).toEqual([]);
  });
});
