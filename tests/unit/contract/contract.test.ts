import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handlers } from '../../../src-main/app';
import { methodReference } from '../../../src-main/docs/methods';
import { contract, methodNames } from '../../../src-shared/contract/index';

describe('the contract', () => {
  it('has exactly one handler per method', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it('rejects unknown fields in every method’s input (strict schemas)', () => {
    for (const name of methodNames) {
      const result = contract[name].input.safeParse({ surpriseField: 1 });
      expect(result.success, `${name} accepted an unknown field`).toBe(false);
    }
  });

  it('is documented: docs/METHODS.md matches the contract (run npm run docs:methods)', () => {
    expect(readFileSync(new URL('../../../docs/METHODS.md', import.meta.url), 'utf8')).toBe(methodReference());
  });
});
