import { describe, expect, it } from 'vitest';
import { parseScoreReply } from '../../../src-main/satisfaction/reply';

describe('reading a reply as a score', () => {
  it.each([
    ['9', 9, ''],
    ['10!', 10, ''],
    ['0', 0, ''],
    ['8 - lovely staff', 8, 'lovely staff'],
    ['7, a bit of a wait', 7, 'a bit of a wait'],
    ['10/10 would come again', 10, 'would come again'],
    ['9 out of 10', 9, ''],
    ['Nine. Thank you!', 9, 'Thank you!'],
    ['ten', 10, ''],
    ['  6\nThe room was cold.', 6, 'The room was cold.'],
    ['9\r\n\r\nOn Mon, 2 Mar 2026, Lumen Test Clinic wrote:\r\n> How was your visit? Reply with a number from 0 to 10', 9, ''],
    ['3 - too rushed\n\n> How was your visit?', 3, 'too rushed'],
  ])('%j is %i', (text, score, comment) => {
    expect(parseScoreReply(text)).toEqual({ score, comment });
  });

  it.each([
    ['11'],
    ['100'],
    ['-1'],
    ['9.5'],
    ['7,5'],
    ['eleven'],
    ['maybe 9'],
    ['Can I move my visit to 5pm?'],
    ['5pm works'],
    ['tenants'],
    ['STOP'],
    [''],
    ['> 9'],
  ])('%j is not a score', (text) => {
    expect(parseScoreReply(text)).toBeNull();
  });
});
