/**
 * How every table of the clinic database takes part in sync: the one place to declare it. A table with no entry
 * fails `tests/unit/sync/policy.test.ts`, so each table a new domain adds is decided when it is written.
 *
 * - `fields`: rows merge field by field, the last writer by the hybrid clock wins. `clinical` rows also list two
 *   concurrent different edits of one field for review; `wholeRow` captures every field on each change (a signed
 *   chart must arrive whole); `derived` columns are recomputed where the row lands, `local` columns stay on this
 *   workstation; `fixedIds` tables hold rows with known ids (the one clinic row) rather than ids from a range.
 * - `facts`: append-only rows; they merge as a union and can never conflict. Changing or removing one is refused.
 * - `local`: never leaves this database (why says why).
 */
export type TablePolicy =
  | { sync: 'fields'; clinical?: true; wholeRow?: true; derived?: readonly string[]; local?: readonly string[]; fixedIds?: true }
  | { sync: 'facts' }
  | { sync: 'local'; why: string };

export const syncPolicy: Record<string, TablePolicy> = {
  clinic: { sync: 'fields', fixedIds: true, local: ['backupFolder', 'backupKeepDaily', 'backupKeepWeekly'] },
  openingHours: { sync: 'fields' },
  taxRate: { sync: 'fields' },
  staff: { sync: 'fields', local: ['failedLogins', 'lockedUntil'] },
  rolePermission: { sync: 'fields' },
  serviceCategory: { sync: 'fields' },
  service: { sync: 'fields' },
  referralSource: { sync: 'fields' },
  patient: { sync: 'fields', derived: ['sortName', 'phoneReversed'] },
  patientSearch: { sync: 'local', why: 'search words derived from the patient row, rebuilt wherever a patient changes' },
  patientClinical: { sync: 'fields', clinical: true },
  patientConsent: { sync: 'fields' },
  tag: { sync: 'fields' },
  patientTag: { sync: 'fields' },
  audit: { sync: 'facts' },
  schedulerJob: { sync: 'local', why: 'each workstation runs its own background jobs' },
  serviceProvider: { sync: 'fields' },
  room: { sync: 'fields' },
  device: { sync: 'fields' },
  deviceRoom: { sync: 'fields' },
  staffHours: { sync: 'fields' },
  staffException: { sync: 'fields' },
  block: { sync: 'fields' },
  series: { sync: 'fields' },
  appointment: { sync: 'fields' },
  appointmentService: { sync: 'fields' },
  waitlistEntry: { sync: 'fields' },
  messageTemplate: { sync: 'fields' },
  outbox: { sync: 'local', why: "each workstation's reminder job fills its own outbox; the workstation with the clinic's messaging accounts sends it" },
  inboundMessage: { sync: 'local', why: 'replies are fetched by the workstation that holds the mailbox and gateway accounts' },
  messagingAccount: { sync: 'local', why: "this workstation's SMTP, IMAP and gateway accounts; their passwords are sealed with this machine's key" },
  mailboxCursor: { sync: 'local', why: 'how far this workstation has read its own mailbox and gateway' },
  chart: { sync: 'fields', clinical: true, wholeRow: true },
  productLot: { sync: 'fields' },
  photo: { sync: 'facts' },
  workstation: { sync: 'fields' },
  thisWorkstation: { sync: 'local', why: 'which workstation this file is, its binding and the clinic key' },
  syncChange: { sync: 'local', why: 'the change log itself; exchanged as change files' },
  syncPeer: { sync: 'local', why: 'what this workstation knows of the others' },
  syncFile: { sync: 'local', why: 'the shared-folder files this workstation has applied' },
  syncConflict: { sync: 'local', why: 'found again by every workstation from the same changes' },
  syncApplying: { sync: 'local', why: 'set only while this workstation applies a change file' },
  invoice: { sync: 'fields', wholeRow: true },
  invoiceLine: { sync: 'fields' },
  creditNote: { sync: 'facts' },
  creditNoteLine: { sync: 'facts' },
  payment: { sync: 'facts' },
  storedValueEntry: { sync: 'facts' },
  packagePlan: { sync: 'fields' },
  topUpPlan: { sync: 'fields' },
  patientPackage: { sync: 'facts' },
  packageEntry: { sync: 'facts' },
  giftCard: { sync: 'facts' },
  giftCardEntry: { sync: 'facts' },
  campaign: { sync: 'fields' },
  coupon: { sync: 'fields' },
  couponCode: { sync: 'fields' },
  couponRedemption: { sync: 'facts' },
  discountLimit: { sync: 'fields' },
  discountApproval: { sync: 'facts' },
  dayClose: { sync: 'facts' },
  commissionRate: { sync: 'fields' },
  product: { sync: 'fields' },
  stockLot: { sync: 'fields' },
  stockReceipt: { sync: 'facts' },
  stockCount: { sync: 'facts' },
  stockMovement: { sync: 'facts' },
  stockOnHand: { sync: 'local', why: 'derived from the synced stock movements by a trigger, where the rows land' },
  unmatchedLotUse: { sync: 'facts' },
  patientCategoryPurchase: { sync: 'local', why: 'derived from the synced invoices by triggers, rebuilt where the rows land' },
  patientPurchase: { sync: 'local', why: 'derived from the synced invoices by triggers, rebuilt where the rows land' },
  followUpRule: { sync: 'fields' },
  // Rule tasks are created by one workstation's job (taskSettings), so the unique dedupe key never meets its twin.
  task: { sync: 'fields' },
  taskSettings: { sync: 'fields', fixedIds: true },
  taskRun: { sync: 'facts' },
  segmentSettings: { sync: 'fields', fixedIds: true },
  loyaltyProgram: { sync: 'fields', fixedIds: true },
  // Expiry and birthday rows are written by one workstation's job (the rules workstation), so their unique keys never meet a twin.
  pointsEntry: { sync: 'facts' },
  referralProgram: { sync: 'fields', fixedIds: true },
  privacySettings: { sync: 'fields', fixedIds: true },
  erasedPatient: { sync: 'fields' },
  referralCode: { sync: 'fields' },
  // Once per referred patient (a unique index): the invoice that converts them is paid on one workstation.
  referralReward: { sync: 'facts' },
  satisfactionSettings: { sync: 'fields', fixedIds: true },
  // Asked by the rules workstation's job, or at a desk; one per visit (a visit asked on two workstations offline is a sync conflict on the unique visit).
  surveyRequest: { sync: 'fields' },
  surveyResponse: { sync: 'facts' },
  reviewRequest: { sync: 'fields' },
  complaint: { sync: 'fields' },
  savedSegment: { sync: 'fields' },
  pipelineSettings: { sync: 'fields', fixedIds: true },
  monthlySalesTarget: { sync: 'fields' },
  awarenessEntry: { sync: 'fields' },
  outreach: { sync: 'facts' },
  outreachCategory: { sync: 'facts' },
  reportSettings: { sync: 'fields', fixedIds: true },
  reportSchedule: { sync: 'local', why: 'a schedule writes files into a folder on this computer; another workstation would write them twice' },
  salesDay: { sync: 'local', why: 'derived from the synced invoices by triggers, rebuilt where the rows land' },
  invoiceSale: { sync: 'local', why: 'derived from the synced invoices by triggers, rebuilt where the rows land' },
  invoiceRedemption: { sync: 'local', why: 'derived from the synced package payments and entries by triggers, where the rows land' },
  serviceSale: { sync: 'local', why: 'derived from the synced invoices and visits, recomputed where the rows land' },
  serviceSalePending: { sync: 'local', why: 'the patients whose serviceSale rows this workstation has yet to recompute' },
  reportRun: { sync: 'local', why: 'the files this workstation generated, with their paths on this computer' },
  // A batch travels with what it created, so no workstation imports the same rows again; undoing it is one change (undoneAt).
  importBatch: { sync: 'fields' },
  importRow: { sync: 'facts' },
  importChange: { sync: 'facts' },
  importMapping: { sync: 'fields' },
};

export type SyncedPolicy = Exclude<TablePolicy, { sync: 'local' }>;

export function policyOf(table: string): TablePolicy {
  const policy = syncPolicy[table];
  if (!policy) throw new Error(`The table ${table} has no sync policy (src-main/sync/policy.ts)`);
  return policy;
}
