import { describe, expect, it } from 'vitest';
import { applySavedMapping, mappingToSave, sampleValues } from '../../../src-renderer/features/imports/choices';

describe('import wizard choices', () => {
  it('a saved mapping applies to another file by header text, whatever the column order; unknown columns are not imported', () => {
    const saved = { columns: { 'First Name': 'firstName', 'Birth Date': 'dateOfBirth', 'Client ID': 'legacyId' } };
    expect(applySavedMapping(saved, ['Birth Date', 'Notes', 'First Name'])).toEqual(['dateOfBirth', null, 'firstName']);
  });

  it('saves only the mapped columns, by header text, and reads back the same mapping', () => {
    const header = ['Client ID', 'Notes', 'First Name'];
    const saved = mappingToSave(header, ['legacyId', null, 'firstName']);
    expect(saved).toEqual({ 'Client ID': 'legacyId', 'First Name': 'firstName' });
    expect(applySavedMapping({ columns: saved }, header)).toEqual(['legacyId', null, 'firstName']);
  });

  it('examples are the first distinct non-empty values of the asked columns, row by row', () => {
    const file = {
      sample: [
        { line: 2, cells: ['23/04/1986', '', 'x'] },
        { line: 3, cells: ['', '05/11/1979', 'y'] },
        { line: 4, cells: ['23/04/1986', '31/02/1985', 'z'] },
      ],
    };
    expect(sampleValues(file, [0, 1], 6)).toEqual(['23/04/1986', '05/11/1979', '31/02/1985']);
    expect(sampleValues(file, [2], 2)).toEqual(['x', 'y']);
    expect(sampleValues(file, [5], 3)).toEqual([]);
  });
});
