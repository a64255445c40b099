import { describe, expect, it } from 'vitest';
import { berlin, rulesClinics, travel } from './clinic';

const open = rulesClinics();
const frontDesk = { kind: 'role' as const, role: 'frontDesk' as const };

describe('follow-up rules, trigger by trigger', () => {
  it('a new clinic starts with the default rules', async () => {
    const { clinic } = await open();
    const rules = await clinic.call('tasks.rules', {});
    expect(rules.map((r) => r.trigger).sort()).toEqual(['afterTreatment', 'birthday', 'dueSoon', 'newPatient', 'noShow', 'packageUnused', 'satisfaction', 'storedValueUnused', 'visitedNotPaid']);
  });

  it('after treatment: one task per offset, for the visit’s provider, due at the hour or by the end of the day', async () => {
    const cal = await open();
    const neurotoxin = (await cal.clinic.call('catalog.categories', {})).find((c) => c.name === 'Neurotoxin')!.id;
    await cal.rule({ name: 'Botox', trigger: 'afterTreatment', titleTemplate: '{category} check-in ({when}): {patient}', assignee: { kind: 'provider', role: 'frontDesk' }, offsets: [{ amount: 24, unit: 'hours' }, { amount: 7, unit: 'days' }], categoryIds: [neurotoxin], slaHours: 24 });
    const lena = await cal.patient('Lena', 'Vogel');
    const other = await cal.patient('Max', 'Laser');
    await travel(cal.clinic, berlin('2026-03-02T09:00'));
    await cal.visit(lena, cal.services.botox, cal.ana, '2026-03-02T10:00', 'completed');
    await cal.visit(other, cal.services.laser, cal.ben, '2026-03-02T11:00', 'completed');
    await travel(cal.clinic, berlin('2026-03-03T09:00'));
    expect(await cal.run()).toBe(0); // 24 h after 10:00 has not come yet
    await travel(cal.clinic, berlin('2026-03-03T10:30'));
    expect(await cal.run()).toBe(1);
    await travel(cal.clinic, berlin('2026-03-09T08:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([
      expect.objectContaining({ title: 'Neurotoxin check-in (24 hours): Lena Vogel', dueOn: '2026-03-03', dueAt: berlin('2026-03-03T10:00'), assigneeStaffId: cal.ana, assigneeRole: null }),
      expect.objectContaining({ title: 'Neurotoxin check-in (7 days): Lena Vogel', dueOn: '2026-03-09', dueAt: berlin('2026-03-10T00:00'), assigneeStaffId: cal.ana }),
    ]);
  });

  it('no-show: a task two hours after the missed start', async () => {
    const cal = await open();
    await cal.rule({ name: 'Missed', trigger: 'noShow', titleTemplate: 'Call {patient}', assignee: frontDesk, offsets: [{ amount: 2, unit: 'hours' }], slaHours: 4 });
    const lena = await cal.patient('Lena', 'Vogel');
    await travel(cal.clinic, berlin('2026-03-02T10:20'));
    await cal.visit(lena, cal.services.botox, cal.ana, '2026-03-02T10:00', 'noShow');
    expect(await cal.run()).toBe(0);
    await travel(cal.clinic, berlin('2026-03-02T12:05'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'Call Lena Vogel', dueAt: berlin('2026-03-02T12:00'), assigneeRole: 'frontDesk', assigneeStaffId: null })]);
  });
});

describe('follow-up rules about money and prepaid', () => {
  const sell = async (cal: Awaited<ReturnType<typeof open>>, patientId: number, lines: object[], pay = true) => {
    const { id } = await cal.clinic.call('invoices.createDraft', { patientId, lines: lines as never });
    const issued = await cal.clinic.call('invoices.issue', { id });
    if (pay) await cal.clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: issued.dueCents }] });
    return id;
  };

  it('visited but not paid: chases a visit with no paid invoice four hours on, not one paid in full', async () => {
    const cal = await open();
    await cal.rule({ name: 'Unpaid', trigger: 'visitedNotPaid', titleTemplate: 'Settle {patient}', assignee: frontDesk, offsets: [{ amount: 4, unit: 'hours' }], slaHours: 24 });
    const lena = await cal.patient('Lena', 'Vogel');
    const max = await cal.patient('Max', 'Paid');
    await travel(cal.clinic, berlin('2026-03-02T09:00'));
    await cal.visit(lena, cal.services.botox, cal.ana, '2026-03-02T10:00', 'completed');
    const paidVisit = await cal.visit(max, cal.services.botox, cal.ana, '2026-03-02T11:00', 'completed');
    await cal.clinic.call('checkout.commit', { appointmentId: paidVisit, lines: [], tenders: [{ tender: 'card', amountCents: 30_000 }] });
    await travel(cal.clinic, berlin('2026-03-02T16:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'Settle Lena Vogel', dueAt: berlin('2026-03-02T14:00') })]);
  });

  it('package not used: a package with no session taken after 30 days; one in use is left alone', async () => {
    const cal = await open();
    const plan = await cal.clinic.call('packagePlans.save', { name: 'Laser legs ×6', serviceId: cal.services.laser, units: 6, priceCents: 120_000, validityDays: 365 });
    await cal.rule({ name: 'Unused', trigger: 'packageUnused', titleTemplate: '{patient}: {category} unused', assignee: frontDesk, offsets: [{ amount: 30, unit: 'days' }], slaHours: 72 });
    const lena = await cal.patient('Lena', 'Vogel');
    const max = await cal.patient('Max', 'Using');
    await sell(cal, lena, [{ packagePlanId: plan.id }]);
    await sell(cal, max, [{ packagePlanId: plan.id }]);
    const [held] = await cal.clinic.call('packages.forPatient', { patientId: max });
    const visit = await sell(cal, max, [{ serviceId: cal.services.laser }], false);
    await cal.clinic.call('payments.take', { invoiceId: visit, tenders: [{ tender: 'package', patientPackageId: held.id }] });
    await travel(cal.clinic, berlin('2026-03-31T09:00'));
    expect(await cal.run()).toBe(0);
    await travel(cal.clinic, berlin('2026-04-01T09:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'Lena Vogel: Laser legs ×6 unused', dueOn: '2026-04-01' })]);
  });

  it('stored value not used: a top-up with nothing spent since', async () => {
    const cal = await open();
    const plan = await cal.clinic.call('topUpPlans.save', { name: 'Pay 100 get 110', amountCents: 10_000, bonusCents: 1_000 });
    await cal.rule({ name: 'Credit', trigger: 'storedValueUnused', titleTemplate: 'Credit: {patient}', assignee: frontDesk, offsets: [{ amount: 10, unit: 'days' }], slaHours: 72 });
    const lena = await cal.patient('Lena', 'Vogel');
    await sell(cal, lena, [{ topUpPlanId: plan.id }]);
    await travel(cal.clinic, berlin('2026-03-12T09:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'Credit: Lena Vogel', dueOn: '2026-03-12' })]);
  });
});

describe('follow-up rules about people', () => {
  it('new patient welcome the next day; a patient who asked not to be contacted gets no call', async () => {
    const cal = await open();
    await cal.rule({ name: 'Welcome', trigger: 'newPatient', titleTemplate: 'Welcome {patient}', assignee: frontDesk, offsets: [{ amount: 1, unit: 'days' }], slaHours: 24 });
    await cal.patient('Lena', 'Vogel');
    await cal.clinic.call('patients.create', { firstName: 'Quiet', lastName: 'Person', doNotContact: true });
    expect(await cal.run()).toBe(0);
    await travel(cal.clinic, berlin('2026-03-03T08:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'Welcome Lena Vogel', dueOn: '2026-03-03' })]);
  });

  it('satisfaction check three days after any completed visit', async () => {
    const cal = await open();
    await cal.rule({ name: 'How was it', trigger: 'satisfaction', titleTemplate: 'How was {category}, {patient}?', assignee: frontDesk, offsets: [{ amount: 3, unit: 'days' }], slaHours: 48 });
    const lena = await cal.patient('Lena', 'Vogel');
    await travel(cal.clinic, berlin('2026-03-02T09:00'));
    await cal.visit(lena, cal.services.laser, cal.ben, '2026-03-02T10:00', 'completed');
    await travel(cal.clinic, berlin('2026-03-05T08:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'How was Laser hair removal, Lena Vogel?', dueOn: '2026-03-05' })]);
  });
});

describe('due-soon repurchase reminders (from the retention projection)', () => {
  it('reminds 14 days before the maintenance due date, not a patient already booked for the category; buying again moves it', async () => {
    const cal = await open();
    await cal.rule({ name: 'Due soon', trigger: 'dueSoon', titleTemplate: '{patient}: {category} due in {when}', assignee: { kind: 'provider', role: 'frontDesk' }, offsets: [{ amount: 14, unit: 'days' }], slaHours: 72 });
    const lena = await cal.patient('Lena', 'Vogel');
    const max = await cal.patient('Max', 'Booked');
    for (const patientId of [lena, max]) {
      const { id } = await cal.clinic.call('invoices.createDraft', { patientId, lines: [{ serviceId: cal.services.botox, staffId: cal.ana }] });
      await cal.clinic.call('invoices.issue', { id });
    }
    await travel(cal.clinic, berlin('2026-05-11T09:00'));
    await cal.clinic.call('appointments.book', { patientId: max, segments: [{ serviceId: cal.services.botox, staffId: cal.ana, startsAt: berlin('2026-05-26T10:00') }] });
    // Neurotoxin is due every 90 days: bought 2 March, due 31 May, reminded 17 May.
    await travel(cal.clinic, berlin('2026-05-16T09:00'));
    expect(await cal.run()).toBe(0);
    await travel(cal.clinic, berlin('2026-05-17T09:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([
      expect.objectContaining({ title: 'Lena Vogel: Neurotoxin due in 14 days', dueOn: '2026-05-17', assigneeStaffId: cal.ana, dedupeKey: expect.stringContaining('|due:2026-05-31') }),
    ]);
  });
});
