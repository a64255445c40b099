import { describe, expect, it } from 'vitest';
import { guessMapping, type FieldSpec } from '../../../../src-main/imports/read';

const fields: FieldSpec[] = [
  { key: 'firstName', label: 'First name', synonyms: ['given name', 'forename', 'vorname'] },
  { key: 'lastName', label: 'Last name', synonyms: ['surname', 'family name', 'nachname'] },
  { key: 'dateOfBirth', label: 'Date of birth', synonyms: ['dob', 'birthday', 'birth date'] },
  { key: 'email', label: 'Email', synonyms: ['email address'] },
  { key: 'phone', label: 'Phone', synonyms: ['telephone', 'tel'] },
  { key: 'mobile', label: 'Mobile', synonyms: ['mobile phone', 'cell'] },
  { key: 'number', label: 'Patient number', synonyms: ['patient id', 'client id'] },
];

describe('guessing which field each column holds', () => {
  it('matches header names whatever their case, accents, punctuation and spacing', () => {
    expect(guessMapping(['FIRST NAME', 'surName', 'D.O.B.', 'E-Mail', 'Téléphone'], fields)).toEqual([
      'firstName',
      'lastName',
      'dateOfBirth',
      'email',
      'phone',
    ]);
    expect(guessMapping(['FirstName', 'DateOfBirth', 'eMail', 'Patient #'], fields)).toEqual(['firstName', 'dateOfBirth', 'email', 'number']);
  });

  it('matches a header that says more than the field name, preferring the field that covers more of it', () => {
    expect(guessMapping(['Patient First Name', 'Mobile Phone Number', 'Home Phone'], fields)).toEqual(['firstName', 'mobile', 'phone']);
  });

  it('gives each field one column, the best-matching one, and unknown columns none', () => {
    expect(guessMapping(['Phone', 'Telephone', 'Notes', ''], fields)).toEqual(['phone', null, null, null]);
    expect(guessMapping(['Patient first name', 'Vorname'], fields)).toEqual([null, 'firstName']);
  });

  it('does not take a header in which the field is only a small part', () => {
    expect(guessMapping(['Phone of the next of kin'], fields)).toEqual([null]);
  });
});
