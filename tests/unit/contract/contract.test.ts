import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handlers } from '../../../src-main/app';
import { methodReference } from '../../../src-main/docs/methods';
import { contract, methodNames } from '../../../src-shared/contract/index';
import { OWNER, openTestClinic } from '../../support/clinic';

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

describe('the registry', () => {
  it('runs calls one at a time: a call made while a handler awaits waits for it, in the order made', async () => {
    const clinic = await openTestClinic();
    try {
      const { id: patientId } = await clinic.call('patients.create', { firstName: 'Queue', lastName: 'Order' });
      const desk = clinic.desk();
      const order: string[] = [];
      const track = <T>(label: string, promise: Promise<T>) => promise.then(
        (value) => (order.push(label), value),
        (error: unknown) => (order.push(`${label} failed`), Promise.reject(error)),
      );
      // Signing in awaits password hashing inside its transaction; the calls after it must not run inside it.
      const signIn = track('sign-in', desk.call('auth.signIn', { username: OWNER.username, password: OWNER.password }));
      const update = track('update', clinic.call('patients.update', { id: patientId, patch: { lastName: 'Ordered' } }));
      const read = track('read', clinic.call('patients.get', { id: patientId }));
      const results = await Promise.all([signIn, update, read]);
      expect(order).toEqual(['sign-in', 'update', 'read']);
      expect(results[2].lastName).toBe('Ordered');
      // And a call after an idle moment answers at once, whether it succeeds or fails.
      await expect(clinic.call('patients.get', { id: patientId })).resolves.toMatchObject({ lastName: 'Ordered' });
      await expect(clinic.call('patients.get', { id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await clinic.close();
    }
  });
});
