import { afterEach, describe, expect, it } from 'vitest';
import { openTestClinic, OWNER, STAFF_PASSWORD, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
afterEach(async () => clinic?.close());

describe('sign-in', () => {
  it('refuses a wrong password without saying which part was wrong, and audits the attempt', async () => {
    clinic = await openTestClinic();
    const desk = clinic.desk();
    await expect(desk.call('auth.signIn', { username: OWNER.username, password: 'nope nope nope' })).rejects.toMatchObject({ code: 'unauthenticated', message: 'Wrong username or password.' });
    await expect(desk.call('auth.signIn', { username: 'ghost', password: 'nope nope nope' })).rejects.toMatchObject({ code: 'unauthenticated', message: 'Wrong username or password.' });
    const failed = await clinic.call('audit.list', { action: 'login_failed' });
    expect(failed.map((e) => e.summary)).toEqual([expect.stringContaining('unknown user ghost'), expect.stringContaining('Wrong password for olivia')]);
    await expect(desk.call('patients.list', {})).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('locks an account after five wrong passwords, with a growing wait, and a manager reset unlocks it', async () => {
    clinic = await openTestClinic();
    await clinic.as('frontDesk', 'fiona');
    const desk = clinic.desk();
    for (let i = 0; i < 4; i++) await expect(desk.call('auth.signIn', { username: 'fiona', password: 'wrong password' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(desk.call('auth.signIn', { username: 'fiona', password: 'wrong password' })).rejects.toMatchObject({ code: 'account_locked' });
    // Even the right password is refused while locked.
    await expect(desk.call('auth.signIn', { username: 'fiona', password: STAFF_PASSWORD })).rejects.toMatchObject({ code: 'account_locked' });
    clinic.clock.advance({ minutes: 2 });
    await expect(desk.call('auth.signIn', { username: 'fiona', password: 'wrong password' })).rejects.toMatchObject({ code: 'account_locked', message: expect.stringContaining('2 minutes') });
    clinic.clock.advance({ minutes: 3 });
    await expect(desk.call('auth.signIn', { username: 'fiona', password: STAFF_PASSWORD })).resolves.toMatchObject({ username: 'fiona', role: 'frontDesk' });

    for (let i = 0; i < 5; i++) await desk.call('auth.signIn', { username: 'fiona', password: 'wrong again!' }).catch(() => undefined);
    const staff = await clinic.call('staff.list', {});
    const fiona = staff.find((s) => s.username === 'fiona')!;
    expect(fiona.lockedUntil).not.toBeNull();
    await clinic.call('staff.resetPassword', { id: fiona.id, newPassword: 'a fresh start 2026' });
    await expect(desk.call('auth.signIn', { username: 'fiona', password: 'a fresh start 2026' })).resolves.toMatchObject({ username: 'fiona' });
  });

  it('locks an idle desk; only the same user’s password unlocks it, and another user can take over', async () => {
    clinic = await openTestClinic();
    await clinic.call('settings.update', { idleLockMinutes: 5 });
    await clinic.call('patients.list', {});
    clinic.clock.advance({ minutes: 6 });
    await expect(clinic.call('patients.list', {})).rejects.toMatchObject({ code: 'locked' });
    expect(await clinic.call('auth.session', {})).toMatchObject({ locked: true, username: OWNER.username });
    await expect(clinic.call('auth.unlock', { password: 'not it at all' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await clinic.call('auth.unlock', { password: OWNER.password });
    await expect(clinic.call('patients.list', {})).resolves.toMatchObject({ total: 0 });

    await clinic.as('practitioner', 'pia');
    await clinic.call('auth.lock', {});
    const switched = await clinic.call('auth.signIn', { username: 'pia', password: STAFF_PASSWORD });
    expect(switched).toMatchObject({ username: 'pia', locked: false });
    const logins = await clinic.call('auth.users', {});
    expect(logins.map((u) => u.username).sort()).toEqual(['olivia', 'pia']);
  });

  it('enforces the password rules on every way a password is set', async () => {
    clinic = await openTestClinic();
    for (const password of ['short1', 'password123', 'marta-is-here-2026', 'aaaaaaaaaaaa']) {
      await expect(clinic.call('staff.create', { username: 'marta', displayName: 'Marta Diaz', role: 'frontDesk', password })).rejects.toMatchObject({ code: 'weak_password' });
    }
    expect(clinic.count('staff')).toBe(1);
    await expect(clinic.call('auth.changePassword', { currentPassword: OWNER.password, newPassword: 'olivia-rules-2026' })).rejects.toMatchObject({
      code: 'weak_password',
      details: { fieldErrors: { newPassword: [expect.stringContaining('name')] } },
    });
    await clinic.call('auth.changePassword', { currentPassword: OWNER.password, newPassword: 'a much better phrase' });
    await expect(clinic.desk().call('auth.signIn', { username: OWNER.username, password: 'a much better phrase' })).resolves.toMatchObject({ role: 'owner' });
  });
});

describe('first run', () => {
  it('creates the clinic once; before that only setup is possible', async () => {
    clinic = await openTestClinic({ empty: true });
    const desk = clinic.desk();
    expect(await desk.call('app.status', {})).toMatchObject({ state: 'needsSetup', clinicName: null });
    await expect(desk.call('auth.signIn', { username: 'x1', password: 'whatever you like' })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(
      desk.call('setup.createClinic', {
        clinic: { name: 'Glow', address: { country: 'US' }, timeZone: 'Mars/Olympus', currency: 'USD' },
        owner: { username: 'gina', displayName: 'Gina', password: 'a long enough pass' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'clinic.timeZone': [expect.stringContaining('IANA')] } } });
    await expect(
      desk.call('setup.createClinic', {
        clinic: { name: 'Glow', address: { country: 'US' }, timeZone: 'America/Chicago', currency: 'USD' },
        owner: { username: 'gina', displayName: 'Gina', password: 'password' },
      }),
    ).rejects.toMatchObject({ code: 'weak_password' });
    expect(clinic.count('clinic')).toBe(0);
    await desk.call('setup.createClinic', {
      clinic: { name: 'Glow', address: { line1: '1 Main St', city: 'Austin', country: 'US' }, timeZone: 'America/Chicago', currency: 'USD' },
      owner: { username: 'gina', displayName: 'Gina Glow', password: 'a long enough pass' },
    });
    expect(await desk.call('app.status', {})).toMatchObject({ state: 'ready', clinicName: 'Glow', timeZone: 'America/Chicago', currency: 'USD' });
    await expect(
      desk.call('setup.createClinic', {
        clinic: { name: 'Again', address: { country: 'US' }, timeZone: 'America/Chicago', currency: 'USD' },
        owner: { username: 'evil', displayName: 'Evil', password: 'a long enough pass' },
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await desk.call('auth.signIn', { username: 'gina', password: 'a long enough pass' });
    const categories = await desk.call('catalog.categories', {});
    expect(categories.find((c) => c.name === 'Neurotoxin')).toMatchObject({ maintenanceIntervalDays: 90 });
  });
});
