import { sql } from 'kysely';
import type { PatientPackage } from '../../src-shared/contract/prepaid';
import { fieldError, LumenError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { Selectable } from 'kysely';
import type { PatientPackageTable } from '../core/schema-prepaid';
import { type MergeCarrier, requirePatient } from '../patients/index';
import { addPackageEntry, addStoredValueEntry, clinicToday, storedValueBalance, unitsLeft } from './ledgers';

const USED: readonly string[] = ['redeemed', 'returned'];
const CLOSED: readonly string[] = ['refunded', 'voided', 'transferOut'];

/** Packages with their ledger, for one patient or one package; open ones first, then newest. */
export async function patientPackages(ctx: HandlerContext, where: { patientId?: number; id?: number }): Promise<PatientPackage[]> {
  let query = ctx.db
    .selectFrom('patientPackage as pp')
    .innerJoin('packagePlan as p', 'p.id', 'pp.planId')
    .innerJoin('invoice as i', 'i.id', 'pp.saleInvoiceId')
    .leftJoin('service as s', 's.id', 'p.serviceId')
    .leftJoin('serviceCategory as c', 'c.id', 'p.categoryId')
    .select(['pp.id', 'pp.patientId', 'pp.planId', 'pp.name', 'pp.units', 'pp.expiresOn', 'pp.saleInvoiceId', 'pp.createdAt', 'p.transferable', 'i.number as saleInvoiceNumber'])
    .select(sql<string>`coalesce(s.name, 'Any ' || c.name)`.as('covers'))
    .orderBy('pp.createdAt', 'desc')
    .orderBy('pp.id', 'desc');
  if (where.patientId !== undefined) query = query.where('pp.patientId', '=', where.patientId);
  if (where.id !== undefined) query = query.where('pp.id', '=', where.id);
  const rows = await query.execute();
  if (!rows.length) return [];
  const entries = await ctx.db
    .selectFrom('packageEntry as e')
    .leftJoin('invoice as i', 'i.id', 'e.invoiceId')
    .select(['e.id', 'e.patientPackageId', 'e.kind', 'e.units', 'e.at', 'e.invoiceId', 'i.number as invoiceNumber', 'e.note'])
    .where('e.patientPackageId', 'in', rows.map((r) => r.id))
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  const today = clinicToday(ctx);
  const packages = rows.map(({ createdAt: _created, transferable, ...row }) => {
    const own = entries.filter((e) => e.patientPackageId === row.id).map(({ patientPackageId: _p, ...e }) => e);
    const left = own.reduce((sum, e) => sum + e.units, 0);
    const used = own.filter((e) => USED.includes(e.kind)).reduce((sum, e) => sum - e.units, 0);
    const closed = own.some((e) => CLOSED.includes(e.kind)) && left === 0;
    const state = closed ? ('closed' as const) : today > row.expiresOn ? ('expired' as const) : left <= 0 ? ('usedUp' as const) : ('open' as const);
    return { ...row, transferable: transferable === 1, left, used, state, entries: own };
  });
  return packages.sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open'));
}

export const packageHandlers: HandlerMap<'packages.forPatient' | 'packages.transfer'> = {
  'packages.forPatient': async ({ patientId }, ctx) => {
    await requirePatient(ctx, patientId, 'patientId');
    return patientPackages(ctx, { patientId });
  },

  /** What is left moves whole to the other patient, with the same expiry; the sale stays on the first patient's invoice. */
  'packages.transfer': async ({ patientPackageId, toPatientId, reason }, ctx) => {
    const held = await ctx.db.selectFrom('patientPackage').selectAll().where('id', '=', patientPackageId).executeTakeFirst();
    if (!held) throw fieldError('not_found', 'There is no such package.', 'patientPackageId');
    await requirePatient(ctx, toPatientId, 'toPatientId');
    if (toPatientId === held.patientId) throw fieldError('invalid_input', 'The package already belongs to this patient.', 'toPatientId');
    const plan = await ctx.db.selectFrom('packagePlan').select('transferable').where('id', '=', held.planId).executeTakeFirstOrThrow();
    if (!plan.transferable) throw new LumenError('invalid_transition', `${held.name} cannot be transferred to another patient.`);
    if (clinicToday(ctx) > held.expiresOn) throw new LumenError('invalid_transition', `${held.name} expired on ${held.expiresOn}.`);
    const left = await unitsLeft(ctx.db, held.id);
    if (left <= 0) throw new LumenError('invalid_transition', `${held.name} has nothing left to transfer.`);
    const id = await movePackage(ctx, held, toPatientId, left, reason);
    return (await patientPackages(ctx, { id }))[0];
  },
};

/** What is left of a package moves to another patient as a new package (same plan, sale and expiry); returns its id. */
async function movePackage(ctx: HandlerContext, held: Selectable<PatientPackageTable>, toPatientId: number, left: number, reason: string): Promise<number> {
  const id = ctx.newId('patientPackage');
  await ctx.db.insertInto('patientPackage').values({ ...held, id, patientId: toPatientId, transferredFromId: held.id, createdAt: ctx.now.toISOString() }).execute();
  await addPackageEntry(ctx, held.id, 'transferOut', -left, { note: reason });
  await addPackageEntry(ctx, id, 'transferIn', left, { note: reason });
  ctx.audit({
    action: 'create',
    entity: 'patientPackage',
    entityId: id,
    summary: `Transferred ${left} of ${held.name} from patient ${held.patientId} to patient ${toPatientId}: ${reason}`,
    details: { from: held.id, fromPatientId: held.patientId, toPatientId, units: left, reason },
  });
  return id;
}

/**
 * A merge carries the merged record's prepaid balances to the kept one: its stored value as a pair of adjustments,
 * and every package with units left (transferable or not, expired or not: it is the same person), as a transfer.
 */
export const carryPrepaid: MergeCarrier = async (ctx, fromId, toId, note) => {
  const carried: Record<string, number> = {};
  const balance = await storedValueBalance(ctx.db, fromId);
  if (balance !== 0) {
    await addStoredValueEntry(ctx, fromId, 'adjustment', -balance, { note });
    await addStoredValueEntry(ctx, toId, 'adjustment', balance, { note });
    carried['storedValueEntry.amountCents'] = balance;
  }
  for (const held of await ctx.db.selectFrom('patientPackage').selectAll().where('patientId', '=', fromId).orderBy('id').execute()) {
    const left = await unitsLeft(ctx.db, held.id);
    if (left <= 0) continue;
    await movePackage(ctx, held, toId, left, note);
    carried['patientPackage.units'] = (carried['patientPackage.units'] ?? 0) + left;
  }
  return carried;
};
