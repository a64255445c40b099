import { localDate } from '../../src-shared/time';
import type { Db } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { withNewIds } from '../core/save-row';
import type { GiftCardEntryKind, PackageEntryKind } from '../core/schema-prepaid';

/*
 * The prepaid ledgers: a package's units left and a gift card's value are sums of their append-only entries,
 * never counters. Writers here stamp every entry with the call's instant and who made it.
 */

export async function unitsLeft(db: Db, patientPackageId: number): Promise<number> {
  const { left } = await db
    .selectFrom('packageEntry')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('units'), eb.val(0)).as('left'))
    .where('patientPackageId', '=', patientPackageId)
    .executeTakeFirstOrThrow();
  return left;
}

export async function giftCardBalance(db: Db, giftCardId: number): Promise<number> {
  const { balance } = await db
    .selectFrom('giftCardEntry')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountCents'), eb.val(0)).as('balance'))
    .where('giftCardId', '=', giftCardId)
    .executeTakeFirstOrThrow();
  return balance;
}

/** Today in the clinic's zone: a package or card is usable through its expiry date. */
export function clinicToday(ctx: HandlerContext): string {
  return localDate(ctx.now.getTime(), ctx.clinic().timeZone);
}

interface EntryRefs {
  invoiceId?: number | null;
  paymentId?: number | null;
  creditNoteId?: number | null;
  note?: string;
}

const stamp = (ctx: HandlerContext, refs: EntryRefs) => ({
  invoiceId: refs.invoiceId ?? null,
  paymentId: refs.paymentId ?? null,
  creditNoteId: refs.creditNoteId ?? null,
  note: refs.note ?? '',
  at: ctx.now.toISOString(),
  by: ctx.session?.staffId ?? null,
});

export async function addPackageEntry(ctx: HandlerContext, patientPackageId: number, kind: PackageEntryKind, units: number, refs: EntryRefs = {}): Promise<void> {
  if (units === 0) return;
  await ctx.db.insertInto('packageEntry').values(withNewIds(ctx, 'packageEntry', [{ patientPackageId, kind, units, ...stamp(ctx, refs) }])).execute();
}

export async function addGiftCardEntry(ctx: HandlerContext, giftCardId: number, kind: GiftCardEntryKind, amountCents: number, refs: EntryRefs = {}): Promise<void> {
  if (amountCents === 0) return;
  await ctx.db.insertInto('giftCardEntry').values(withNewIds(ctx, 'giftCardEntry', [{ giftCardId, kind, amountCents, ...stamp(ctx, refs) }])).execute();
}

export async function addStoredValueEntry(
  ctx: HandlerContext,
  patientId: number,
  kind: 'topUp' | 'bonus' | 'topUpReversed' | 'adjustment',
  amountCents: number,
  refs: EntryRefs = {},
): Promise<number | null> {
  if (amountCents === 0) return null;
  const [entry] = withNewIds(ctx, 'storedValueEntry', [{ patientId, kind, amountCents, ...stamp(ctx, refs) }]);
  await ctx.db.insertInto('storedValueEntry').values(entry).execute();
  return entry.id;
}

/** A patient's stored value (store credit, top-ups): the sum of its entries. */
export async function storedValueBalance(db: Db, patientId: number): Promise<number> {
  const { balance } = await db
    .selectFrom('storedValueEntry')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountCents'), eb.val(0)).as('balance'))
    .where('patientId', '=', patientId)
    .executeTakeFirstOrThrow();
  return balance;
}
