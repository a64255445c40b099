import { namePart, PAID_TREATMENT } from '../referrals/index';
import type { DemoContext } from './context';

/** The demo's program: 10 % of a referred patient's first paid treatment as store credit. */
const PERCENT = 10;
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * Each referred patient's first invoice with a service line paid in full (the rule of referrals/rewards.ts), with its
 * service net and when it was paid in full (its last payment), to an ambassador who is not archived. One read driven
 * by `patient_referredBy`; each patient's invoices from `invoice_patientIssued`.
 */
const FIRST_TREATMENTS_SQL = `CREATE TEMP TABLE demoReferralReward AS
  SELECT r.referred, r.referrer, r.name, i.id AS invoiceId, i.number,
      (SELECT sum(l.netCents) FROM invoiceLine l WHERE l.invoiceId = i.id AND l.serviceId IS NOT NULL) AS serviceNetCents,
      (SELECT max(takenAt) FROM payment WHERE invoiceId = i.id) AS paidAt
    FROM (SELECT p.id AS referred, p.referredByPatientId AS referrer, p.firstName || ' ' || p.lastName AS name,
            (SELECT i.id FROM invoice i WHERE i.patientId = p.id AND ${PAID_TREATMENT} ORDER BY i.issuedAt, i.id LIMIT 1) AS invoiceId
          FROM patient p JOIN patient a ON a.id = p.referredByPatientId AND a.archivedAt IS NULL
          WHERE p.referredByPatientId IS NOT NULL AND p.mergedIntoId IS NULL) r
      JOIN invoice i ON i.id = r.invoiceId`;

/** The reward as store credit (ids after the ledger's last: the demo keeps SQLite's own ids). */
const CREDIT_SQL = `INSERT INTO storedValueEntry (id, patientId, amountCents, kind, invoiceId, paymentId, creditNoteId, note, at, by)
  SELECT :base + rowid, referrer, (serviceNetCents * ${PERCENT} + 50) / 100, 'referralReward', NULL, NULL, NULL,
      'Referral of ' || name || ' (' || number || ', ${PERCENT} %)', paidAt, NULL
    FROM demoReferralReward WHERE (serviceNetCents * ${PERCENT} + 50) / 100 > 0`;

const REWARD_SQL = `INSERT INTO referralReward (kind, referrerId, referredId, invoiceId, creditNoteId, form, percent, serviceNetCents, cents, points, storedValueEntryId, pointsEntryId, note, at, by)
  SELECT 'reward', referrer, referred, invoiceId, NULL, 'storeCredit', ${PERCENT}, serviceNetCents, (serviceNetCents * ${PERCENT} + 50) / 100, 0,
      CASE WHEN (serviceNetCents * ${PERCENT} + 50) / 100 > 0 THEN :base + rowid END, NULL, 'Referral of ' || name || ' (' || number || ', ${PERCENT} %)', paidAt, NULL
    FROM demoReferralReward`;

/**
 * The demo's referral program, a code for every ambassador (their first name and four characters from their id, so
 * codes are unique and the same for every seed), and the rewards their referred patients' first paid treatments
 * earned, as store credit: three statements and one prepared insert per ambassador (~4,000 at 50,000 patients).
 */
export function writeReferrals(ctx: DemoContext): void {
  const { sqlite, nowIso } = ctx;
  sqlite.prepare("INSERT INTO referralProgram (id, enabled, percent, form, bookingUrl, updatedAt) VALUES (1, 1, ?, 'storeCredit', NULL, ?)").run(PERCENT, nowIso);
  const ambassadors = sqlite.prepare('SELECT DISTINCT a.id, a.firstName, a.createdAt FROM patient p JOIN patient a ON a.id = p.referredByPatientId').all() as { id: number; firstName: string; createdAt: string }[];
  const insertCode = sqlite.prepare('INSERT INTO referralCode (patientId, code, createdAt) VALUES (?, ?, ?)');
  for (const a of ambassadors) {
    let suffix = '';
    for (let n = a.id, i = 0; i < 4; i++, n = Math.floor(n / READABLE.length)) suffix += READABLE[n % READABLE.length];
    insertCode.run(a.id, `${namePart(a.firstName)}-${suffix}`, a.createdAt);
  }
  sqlite.exec(FIRST_TREATMENTS_SQL);
  const base = (sqlite.prepare('SELECT coalesce(max(id), 0) FROM storedValueEntry').pluck().get() as number);
  sqlite.prepare(CREDIT_SQL).run({ base });
  sqlite.prepare(REWARD_SQL).run({ base });
  sqlite.exec('DROP TABLE temp.demoReferralReward');
}
