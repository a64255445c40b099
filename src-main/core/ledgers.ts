import { NO_LOT } from '../../db/migrations/0027_stock_on_hand';
import { type ChainReport, verifyAuditChain } from './audit';
import type { Sqlite } from './db';

/**
 * Payments by a prepaid tender whose ledger entries (on `paymentId`) do not sum to the opposite of what was paid.
 * The entries are summed per payment in one pass: a correlated sum per payment scanned the whole ledger for each
 * one (the ledgers have no index on paymentId), ~400 s on the demo clinic's 88,000 package payments.
 */
const unmatchedPayments = (tender: string, paid: 'amountCents' | 'units', ledger: string) =>
  `SELECT p.id, p.${paid} AS paid, coalesce(e.entries, 0) AS entries FROM payment p
   LEFT JOIN (SELECT paymentId, sum(${paid}) AS entries FROM ${ledger} WHERE paymentId IS NOT NULL GROUP BY paymentId) e ON e.paymentId = p.id
   WHERE p.tender = '${tender}' AND coalesce(e.entries, 0) <> -p.${paid}`;

/**
 * Balances kept as append-only entries (stored value, packages, gift cards) checked the way an auditor would: no
 * balance below zero or above what was sold, and every payment by a prepaid tender matched by its ledger entry
 * (money or units out for a payment, back in for a refund); and the stock lists' sums (stockOnHand) equal to the stock
 * ledger's. Each query names what is wrong; none should find a row.
 */
const CHECKS: { sql: string; problem: (row: Record<string, number>) => string }[] = [
  {
    sql: 'SELECT patientId, sum(amountCents) AS balance FROM storedValueEntry GROUP BY patientId HAVING balance < 0',
    problem: (r) => `Patient ${r.patientId}'s stored value is ${r.balance} (minor units), below zero.`,
  },
  {
    sql: unmatchedPayments('storedValue', 'amountCents', 'storedValueEntry'),
    problem: (r) => `Stored-value payment ${r.id} of ${r.paid} has ledger entries of ${r.entries}.`,
  },
  {
    sql: `SELECT pp.id, pp.units, coalesce(sum(e.units), 0) AS unitsLeft FROM patientPackage pp LEFT JOIN packageEntry e ON e.patientPackageId = pp.id
          GROUP BY pp.id HAVING unitsLeft < 0 OR unitsLeft > pp.units`,
    problem: (r) => `Package ${r.id} has ${r.unitsLeft} units left of ${r.units}.`,
  },
  {
    sql: unmatchedPayments('package', 'units', 'packageEntry'),
    problem: (r) => `Package payment ${r.id} of ${r.paid} units has ledger entries of ${r.entries}.`,
  },
  {
    sql: `SELECT g.id, g.amountCents, coalesce(sum(e.amountCents), 0) AS balance FROM giftCard g LEFT JOIN giftCardEntry e ON e.giftCardId = g.id
          GROUP BY g.id HAVING balance < 0 OR balance > g.amountCents`,
    problem: (r) => `Gift card ${r.id} holds ${r.balance} of ${r.amountCents}.`,
  },
  {
    sql: unmatchedPayments('giftCard', 'amountCents', 'giftCardEntry'),
    problem: (r) => `Gift-card payment ${r.id} of ${r.paid} has ledger entries of ${r.entries}.`,
  },
  {
    sql: `SELECT productId, lotKey, sum(onHand) AS listed, sum(quantity) AS moved FROM (
            SELECT productId, lotKey, onHand, 0 AS quantity FROM stockOnHand
            UNION ALL SELECT productId, coalesce(lotId, ${NO_LOT}), 0, quantity FROM stockMovement
          ) GROUP BY productId, lotKey HAVING listed <> moved`,
    problem: (r) => `Product ${r.productId}${r.lotKey === NO_LOT ? ' without a lot' : ` lot ${r.lotKey}`} is listed with ${r.listed} on hand; its stock movements sum to ${r.moved}.`,
  },
];

/** What is wrong with the ledgers, at most a few lines per check; empty when they reconcile. */
export function verifyLedgers(sqlite: Sqlite): string[] {
  return CHECKS.flatMap((check) => (sqlite.prepare(`${check.sql} LIMIT 5`).all() as Record<string, number>[]).map(check.problem));
}

/** The audit chain and the ledgers together: what `audit-verify` and `audit.verify` report. */
export function verifyRecords(sqlite: Sqlite): ChainReport & { ledgerProblems: string[] } {
  const chain = verifyAuditChain(sqlite);
  const ledgerProblems = verifyLedgers(sqlite);
  if (!ledgerProblems.length) return { ...chain, message: chain.ok ? `${chain.message} Every ledger balances.` : chain.message, ledgerProblems };
  return { ...chain, ok: false, message: chain.ok ? `The audit log is intact, but ${ledgerProblems.length > 1 ? 'ledgers do' : 'a ledger does'} not balance: ${ledgerProblems[0]}` : chain.message, ledgerProblems };
}
