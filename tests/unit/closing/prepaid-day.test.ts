import { afterEach, describe, expect, it } from 'vitest';
import { openPrepaid, type PrepaidClinic } from '../prepaid/support';

let pc: PrepaidClinic | undefined;
afterEach(async () => {
  await pc?.clinic.close();
  pc = undefined;
});

describe('the Z report and prepaid tenders', () => {
  it('counts a package sold by card as takings, and the session it pays later as prepaid redeemed, never twice', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const { lena, held } = await pc.holding(); // 1,200.00 + 19 % by card
    const visit = await pc.visit(lena, services.laser);
    await clinic.call('payments.take', { invoiceId: visit, tenders: [{ tender: 'package', patientPackageId: held.id }] });
    const { figures } = await clinic.call('closing.report', {});
    expect(figures.takingsCents).toBe(142_800);
    const used = figures.tenders.find((t) => t.tender === 'package')!;
    expect(used.count).toBe(1);
    expect(figures.prepaidRedeemedCents).toBe(used.netCents);
    expect(used.netCents).toBeGreaterThan(0);
  });
});
