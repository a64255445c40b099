import { type SalesClinic, openSalesClinic } from './clinic';

/**
 * The hand-built clinic every sales report test reads (New York: EST until 2026-03-08, then EDT). Its story:
 *
 * Leads: Paula and Quinn (Instagram ads, 310.00 a month), Rosa (referred by Paula) and Sam (no source) are added on
 * 2026-01-05; Vera (Flyers) on 2025-12-01; Tom (Flyers) on 2026-02-01.
 *
 * A  2026-01-10  Paula   Botox 300 (Ana) + Lip filler 400 (Ben), paid
 * B  2026-01-31 23:30 local (02-01 04:30 UTC)  Quinn  Botox 300 (Ana): January's
 * C  2026-01-15  Sam     Lip filler 400 (Ben), never paid, voided: nothing
 * D  2026-01-20  Paula   Consultation 50 (Ana) + a gift card 100 (not a sale)
 *    2026-02-03  credit note of A's Lip filler: −400 for Dermal filler and Ben, in February
 * E  2026-02-10  Tom     Botox 300 (Ben) with SPRING (20 %): 240 net, discount 60; his first purchase
 * F  2026-02-15  Quinn   Botox 300 (Ben) with SPRING, never paid, voided: +1 and −1 use
 * G  2026-02-12  Rosa    package Botox ×3, 750 (no provider)
 * H  2026-02-20  Rosa    Botox (Ana) paid by the package: at redemption, 750 × 1/3 = 250
 * I  2026-02-25  Tom     Lip filler 400 (Ana): Tom's later revenue after the coupon
 * J  2026-03-07 23:30 EST (03-08 04:30 UTC) and K 2026-03-08 23:30 EDT (03-09 03:30 UTC)  Vera  Consultation 50 (Ben)
 *
 * Visits booked: Paula 2026-03-15 (Ana); Quinn 2026-06-01 (ahead); Rosa 2026-03-20, cancelled; Tom 2026-02-25 (the
 * day of I). Campaign "Spring mailer" costs 200.00; its coupons SPRING (20 %) and VIP (50.00 off, never used).
 * The reports are read on 2026-03-10 15:00 UTC.
 */
export interface Story extends SalesClinic {
  patients: { paula: number; quinn: number; rosa: number; sam: number; tom: number; vera: number };
  invoices: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K', number>;
  coupons: { spring: number; vip: number };
  campaign: number;
}

export async function arrangeStory(): Promise<Story> {
  const c = await openSalesClinic();
  const { clinic, staff, services } = c;
  const { ana, ben } = staff;
  const vera = await c.patient('Vera', { referralSourceId: c.sources.flyer });
  await c.at('2026-01-05T15:00:00Z');
  const paula = await c.patient('Paula', { referralSourceId: c.sources.instagram });
  const quinn = await c.patient('Quinn', { referralSourceId: c.sources.instagram });
  const rosa = await c.patient('Rosa', { referredByPatientId: paula });
  const sam = await c.patient('Sam');

  await c.at('2026-01-10T15:00:00Z');
  const A = await c.sell(paula, [
    { serviceId: services.botox, staffId: ana },
    { serviceId: services.filler, staffId: ben },
  ]);
  await c.at('2026-01-15T15:00:00Z');
  const C = await c.sell(sam, [{ serviceId: services.filler, staffId: ben }], { pay: false });
  await clinic.call('invoices.void', { id: C.id, reason: 'Entered for the wrong patient' });
  await c.at('2026-01-20T15:00:00Z');
  const D = await c.sell(paula, [{ serviceId: services.consult, staffId: ana }, { giftCard: { amountCents: 10_000 } }]);
  await c.at('2026-02-01T04:30:00Z');
  const B = await c.sell(quinn, [{ serviceId: services.botox, staffId: ana }]);

  await c.at('2026-02-01T15:00:00Z');
  const tom = await c.patient('Tom', { referralSourceId: c.sources.flyer });
  const campaign = (await clinic.call('campaigns.save', { name: 'Spring mailer', channel: 'Mail', costCents: 20_000 })).id;
  const coupon = (name: string, code: string, discount: object) =>
    clinic.call('coupons.save', { campaignId: campaign, name, code, discount: discount as never, validFrom: '2026-02-01', validTo: '2026-02-28' });
  const spring = (await coupon('Spring 20 %', 'SPRING', { kind: 'percent', basisPoints: 2000 })).id;
  const vip = (await coupon('VIP 50 off', 'VIP50', { kind: 'amount', cents: 5_000 })).id;

  await c.at('2026-02-03T15:00:00Z');
  await clinic.call('creditNotes.create', { invoiceId: A.id, lines: [{ invoiceLineId: A.lines[1], quantity: 1 }], reason: 'Swelling, refunded', refundTo: 'originalTender' });
  await c.at('2026-02-10T15:00:00Z');
  const E = await c.sell(tom, [{ serviceId: services.botox, staffId: ben }], { couponCode: 'SPRING' });
  await c.book(tom, ben, '2026-02-25T14:00:00Z');
  await c.at('2026-02-12T15:00:00Z');
  const G = await c.sell(rosa, [{ packagePlanId: c.botoxThree }]);
  await c.at('2026-02-15T15:00:00Z');
  const F = await c.sell(quinn, [{ serviceId: services.botox, staffId: ben }], { couponCode: 'SPRING', pay: false });
  await clinic.call('invoices.void', { id: F.id, reason: 'Patient changed her mind' });
  await c.at('2026-02-20T15:00:00Z');
  const [held] = await clinic.call('packages.forPatient', { patientId: rosa });
  const H = await c.sell(rosa, [{ serviceId: services.botox, staffId: ana }], { tenders: [{ tender: 'package', patientPackageId: held.id }] });
  await c.at('2026-02-25T15:00:00Z');
  const I = await c.sell(tom, [{ serviceId: services.filler, staffId: ana }]);
  await c.book(paula, ana, '2026-03-15T15:00:00Z');
  await c.book(quinn, ana, '2026-06-01T15:00:00Z');
  const rosaVisit = await c.book(rosa, ana, '2026-03-20T15:00:00Z');
  await clinic.call('appointments.cancel', { id: rosaVisit, reason: 'Travelling' });

  await c.at('2026-03-08T04:30:00Z');
  const J = await c.sell(vera, [{ serviceId: services.consult, staffId: ben }]);
  await c.at('2026-03-09T03:30:00Z');
  const K = await c.sell(vera, [{ serviceId: services.consult, staffId: ben }]);
  await c.at('2026-03-10T15:00:00Z');
  return {
    ...c,
    patients: { paula, quinn, rosa, sam, tom, vera },
    invoices: { A: A.id, B: B.id, C: C.id, D: D.id, E: E.id, F: F.id, G: G.id, H: H.id, I: I.id, J: J.id, K: K.id },
    coupons: { spring, vip },
    campaign,
  };
}
