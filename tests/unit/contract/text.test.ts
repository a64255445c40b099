import { afterEach, describe, expect, it } from 'vitest';
import { MultiLineText, OneLineText, Password } from '../../../src-shared/contract/common';
import { openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
afterEach(async () => clinic?.close());

describe('text at the boundary', () => {
  it('refuses a name starting with a NUL byte, saying why, and saves nothing', async () => {
    clinic = await openTestClinic();
    await expect(clinic.call('patients.create', { firstName: '\u0000Ana', lastName: 'Lima' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { firstName: ['Remove control characters'] } },
    });
    expect(clinic.count('patient')).toBe(0);
  });

  it('trims a name and keeps the line breaks of a note', async () => {
    clinic = await openTestClinic();
    const notes = 'Prefers mornings.\nAsk about the\tpeel first.\r\nPays by card.';
    const { id } = await clinic.call('patients.create', { firstName: '  Ana ', lastName: '\tLima\n', notes: `\n${notes}  ` });
    const saved = await clinic.call('patients.get', { id });
    expect([saved.firstName, saved.lastName, saved.notes]).toEqual(['Ana', 'Lima', notes]);
  });

  it('refuses a line break inside one-line text, e.g. a tag name or an override reason', async () => {
    clinic = await openTestClinic();
    await expect(clinic.call('tags.save', { name: 'VIP\nclient', color: '#3366cc' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { name: ['Keep this on one line (no line breaks or tabs)'] } },
    });
  });

  it('tells one-line from multi-line text: only notes keep line breaks and tabs; neither takes other control characters', () => {
    for (const control of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', 'a\rb']) {
      expect(OneLineText.safeParse(`x${control}y`).success, JSON.stringify(control)).toBe(false);
      expect(MultiLineText.safeParse(`x${control}y`).success, JSON.stringify(control)).toBe(false);
    }
    for (const lineBreak of ['\n', '\r\n', '\t', '\u2028']) expect(OneLineText.safeParse(`x${lineBreak}y`).success, JSON.stringify(lineBreak)).toBe(false);
    for (const lineBreak of ['\n', '\r\n', '\t']) expect(MultiLineText.parse(`x${lineBreak}y`)).toBe(`x${lineBreak}y`);
    expect(OneLineText.parse('Zoë Ødegaard — 💥')).toBe('Zoë Ødegaard — 💥');
  });

  it('takes a password exactly as typed, spaces and all, but never with a NUL', () => {
    expect(Password.parse('  correct horse\tbattery ')).toBe('  correct horse\tbattery ');
    expect(Password.safeParse('correct\u0000horse').success).toBe(false);
  });
});
