import { afterEach, describe, expect, it } from 'vitest';
import { openTestClinic, STAFF_PASSWORD, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
afterEach(async () => clinic?.close());

describe('staff and roles', () => {
  it('lets the owner add staff with a role; a manager cannot create or promote an owner', async () => {
    clinic = await openTestClinic();
    const manager = await clinic.as('manager', 'mona');
    await expect(manager.call('staff.create', { username: 'boss2', displayName: 'Second Boss', role: 'owner', password: STAFF_PASSWORD })).rejects.toMatchObject({ code: 'forbidden' });
    const { id } = await manager.call('staff.create', { username: 'fred', displayName: 'Fred Desk', role: 'frontDesk', password: STAFF_PASSWORD });
    await expect(manager.call('staff.update', { id, role: 'owner' })).rejects.toMatchObject({ code: 'forbidden' });
    await manager.call('staff.update', { id, title: 'Reception lead' });
    expect((await clinic.call('staff.list', {})).find((s) => s.id === id)).toMatchObject({ title: 'Reception lead', role: 'frontDesk', active: true });
    await expect(manager.call('staff.create', { username: 'fred', displayName: 'Other Fred', role: 'frontDesk', password: STAFF_PASSWORD })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps at least one active owner, and a deactivated member is signed out at once', async () => {
    clinic = await openTestClinic();
    const me = (await clinic.call('auth.session', {}))!;
    await expect(clinic.call('staff.update', { id: me.staffId, role: 'manager' })).rejects.toMatchObject({ code: 'conflict' });
    const desk = await clinic.as('frontDesk', 'fay');
    const fay = (await clinic.call('staff.list', {})).find((s) => s.username === 'fay')!;
    await clinic.call('staff.update', { id: fay.id, active: false });
    await expect(desk.call('patients.list', {})).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await clinic.call('staff.list', {})).some((s) => s.username === 'fay')).toBe(false);
    expect((await clinic.call('staff.list', { includeInactive: true })).find((s) => s.username === 'fay')).toMatchObject({ active: false });
  });

  it('applies a customised role at once, never gives front desk clinical access, and audits the change', async () => {
    clinic = await openTestClinic();
    const desk = await clinic.as('frontDesk');
    const { id } = await clinic.call('patients.create', { firstName: 'Lea', lastName: 'Kurz' });
    await expect(clinic.call('roles.setPermissions', { role: 'frontDesk', permissions: ['patients.read', 'clinical.read'] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(desk.call('clinical.get', { patientId: id })).rejects.toMatchObject({ code: 'forbidden' });

    await clinic.call('roles.setPermissions', { role: 'frontDesk', permissions: ['patients.read', 'staff.read', 'settings.read'] });
    await expect(desk.call('patients.create', { firstName: 'No', lastName: 'Write' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await clinic.call('roles.list', {})).find((r) => r.role === 'frontDesk')).toMatchObject({ permissions: ['patients.read', 'staff.read', 'settings.read'] });
    const trail = await clinic.call('audit.list', { entity: 'role' });
    expect(trail[0].details).toMatchObject({ after: ['patients.read', 'settings.read', 'staff.read'] });

    const manager = await clinic.as('manager');
    await expect(manager.call('roles.setPermissions', { role: 'practitioner', permissions: ['backup.restore'] })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
