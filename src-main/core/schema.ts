import type { Generated } from 'kysely';
import type { AuditAction } from '../../src-shared/contract/audit';
import type { referralChannels } from '../../src-shared/contract/catalog';
import type { GiftCardEntryTable, GiftCardTable, PackageEntryTable, PackagePlanTable, PatientPackageTable, TopUpPlanTable } from './schema-prepaid';
import type { CreditNoteTable, InvoiceLineTable, InvoiceTable, PaymentTable, StoredValueEntryTable } from './schema-checkout';
import type { CampaignTable, CouponCodeTable, CouponRedemptionTable, CouponTable, DiscountApprovalTable, DiscountLimitTable } from './schema-promotions';
import type { CommissionRateTable, DayCloseTable } from './schema-closing';
import type { ProductTable, StockCountTable, StockLotTable, StockMovementTable, StockOnHandTable, StockReceiptTable, UnmatchedLotUseTable } from './schema-inventory';
import type { SavedSegmentTable, SegmentSettingsTable } from './schema-segments';
import type { AwarenessEntryTable, MonthlySalesTargetTable, PipelineSettingsTable } from './schema-reports-pipeline';
import type { InvoiceRedemptionTable, InvoiceSaleTable, ReportRunTable, ReportScheduleTable, ReportSettingsTable, SalesDayTable, ServiceSalePendingTable, ServiceSaleTable } from './schema-reports';
import type { SyncConflictTable, SyncPeerTable } from './schema-sync';
import type {
  AppointmentServiceTable,
  AppointmentTable,
  BlockTable,
  ChartTable,
  InboundMessageTable,
  MailboxCursorTable,
  MessageTemplateTable,
  MessagingAccountTable,
  OutboxTable,
  PhotoTable,
  SeriesTable,
  WaitlistEntryTable,
} from './schema-calendar';
import type { LoyaltyProgramTable, PointsEntryTable } from './schema-loyalty';
import type { ReferralCodeTable, ReferralProgramTable, ReferralRewardTable } from './schema-referrals';
import type { ErasedPatientTable, PrivacySettingsTable } from './schema-privacy';
import type { ComplaintTable, ReviewRequestTable, SatisfactionSettingsTable, SurveyRequestTable, SurveyResponseTable } from './schema-satisfaction';
import type { FollowUpRuleTable, TaskRunTable, TaskSettingsTable, TaskTable } from './schema-tasks';
import type { ImportBatchTable, ImportChangeTable, ImportMappingTable, ImportRowTable } from './schema-imports';
import type { OutreachCategoryTable, OutreachTable, PatientCategoryPurchaseTable, PatientPurchaseTable } from './schema-retention';

/** Column types of every table, as SQLite stores them (booleans are 0/1, instants ISO-8601 UTC text, money integer cents). */
export interface Database {
  clinic: ClinicTable;
  openingHours: OpeningHoursTable;
  taxRate: TaxRateTable;
  staff: StaffTable;
  rolePermission: { role: string; permission: string };
  serviceCategory: ServiceCategoryTable;
  service: ServiceTable;
  referralSource: ReferralSourceTable;
  patient: PatientTable;
  patientSearch: { token: string; patientId: number; archived: Flag };
  patientClinical: PatientClinicalTable;
  patientConsent: PatientConsentTable;
  tag: { id: number; name: string; color: string };
  patientTag: { patientId: number; tagId: number };
  audit: AuditTable;
  schedulerJob: SchedulerJobTable;
  serviceProvider: { serviceId: number; staffId: number };
  room: { id: number; name: string; kind: string; color: string; active: Flag };
  device: { id: number; name: string; kind: string; active: Flag };
  deviceRoom: { deviceId: number; roomId: number };
  staffHours: { id: number; staffId: number; weekday: number; startsAt: string; endsAt: string; kind: 'work' | 'rest' };
  staffException: { id: number; staffId: number; date: string; kind: 'off' | 'hours'; startsAt: string | null; endsAt: string | null; reason: string };
  block: BlockTable;
  series: SeriesTable;
  appointment: AppointmentTable;
  appointmentService: AppointmentServiceTable;
  waitlistEntry: WaitlistEntryTable;
  messageTemplate: MessageTemplateTable;
  outbox: OutboxTable;
  inboundMessage: InboundMessageTable;
  messagingAccount: MessagingAccountTable;
  mailboxCursor: MailboxCursorTable;
  chart: ChartTable;
  productLot: { product: string; lot: string; expiry: string; lastUsedAt: string };
  photo: PhotoTable;
  workstation: { id: string; number: number; name: string; seriesPrefix: string; createdAt: string };
  thisWorkstation: { id: number; workstationId: string; binding: string; clinicUid: string; clinicKey: string; sharedFolder: string; sharedSeq: number };
  syncChange: { origin: number; seq: number; hlc: string; tbl: string; pk: string; op: 'insert' | 'update' | 'delete'; data: string | null; base: string | null };
  syncPeer: SyncPeerTable;
  syncFile: { name: string; sha256: string; importedAt: string };
  syncConflict: SyncConflictTable;
  syncApplying: { id: number; active: Flag };
  invoice: InvoiceTable;
  invoiceLine: InvoiceLineTable;
  creditNote: CreditNoteTable;
  creditNoteLine: { id: number; creditNoteId: number; invoiceLineId: number; quantity: number; netCents: number; taxCents: number; totalCents: number };
  payment: PaymentTable;
  storedValueEntry: StoredValueEntryTable;
  packagePlan: PackagePlanTable;
  topUpPlan: TopUpPlanTable;
  patientPackage: PatientPackageTable;
  packageEntry: PackageEntryTable;
  giftCard: GiftCardTable;
  giftCardEntry: GiftCardEntryTable;
  campaign: CampaignTable;
  coupon: CouponTable;
  couponCode: CouponCodeTable;
  couponRedemption: CouponRedemptionTable;
  discountLimit: DiscountLimitTable;
  discountApproval: DiscountApprovalTable;
  dayClose: DayCloseTable;
  commissionRate: CommissionRateTable;
  product: ProductTable;
  stockLot: StockLotTable;
  stockReceipt: StockReceiptTable;
  stockCount: StockCountTable;
  stockMovement: StockMovementTable;
  stockOnHand: StockOnHandTable;
  unmatchedLotUse: UnmatchedLotUseTable;
  patientCategoryPurchase: PatientCategoryPurchaseTable;
  patientPurchase: PatientPurchaseTable;
  followUpRule: FollowUpRuleTable;
  task: TaskTable;
  taskSettings: TaskSettingsTable;
  loyaltyProgram: LoyaltyProgramTable;
  pointsEntry: PointsEntryTable;
  referralProgram: ReferralProgramTable;
  referralCode: ReferralCodeTable;
  referralReward: ReferralRewardTable;
  privacySettings: PrivacySettingsTable;
  erasedPatient: ErasedPatientTable;
  satisfactionSettings: SatisfactionSettingsTable;
  surveyRequest: SurveyRequestTable;
  surveyResponse: SurveyResponseTable;
  reviewRequest: ReviewRequestTable;
  complaint: ComplaintTable;
  taskRun: TaskRunTable;
  segmentSettings: SegmentSettingsTable;
  savedSegment: SavedSegmentTable;
  pipelineSettings: PipelineSettingsTable;
  monthlySalesTarget: MonthlySalesTargetTable;
  awarenessEntry: AwarenessEntryTable;
  reportSettings: ReportSettingsTable;
  salesDay: SalesDayTable;
  invoiceSale: InvoiceSaleTable;
  invoiceRedemption: InvoiceRedemptionTable;
  serviceSale: ServiceSaleTable;
  serviceSalePending: ServiceSalePendingTable;
  reportSchedule: ReportScheduleTable;
  reportRun: ReportRunTable;
  outreach: OutreachTable;
  outreachCategory: OutreachCategoryTable;
  importBatch: ImportBatchTable;
  importRow: ImportRowTable;
  importChange: ImportChangeTable;
  importMapping: ImportMappingTable;
}


type Flag = 0 | 1;

export interface ClinicTable {
  id: number;
  name: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
  email: string;
  timeZone: string;
  currency: string;
  idleLockMinutes: number;
  leadToConsultRateBp: number;
  consultToTreatmentRateBp: number;
  weeklySalesTargetCents: number;
  backupFolder: string;
  backupKeepDaily: number;
  backupKeepWeekly: number;
  isDemo: Flag;
  lateCancelHours: number;
  calendarSlotMinutes: number;
  pricesIncludeTax: Flag;
  taxRounding: 'line' | 'invoice';
  giftCardValidityMonths: number;
  /** What counts as a deal (promotions): the least total, and the service kinds (JSON array) a deal includes. */
  dealMinCents: number;
  dealKinds: string;
  /** Sales reports: a package's price is revenue when sold, or share by share as it is redeemed (0012). */
  packageRevenue: 'sale' | 'redemption';
  /** Messaging (0019): no SMS between these clinic-local minutes of the day unless urgent; a cap per patient and day; the reply target. */
  smsQuietFromMinute: Generated<number>;
  smsQuietUntilMinute: Generated<number>;
  dailyMessageCap: Generated<number>;
  replyTargetHours: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface OpeningHoursTable {
  id: number;
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface TaxRateTable {
  id: number;
  name: string;
  rateMillipercent: number;
  isDefault: Flag;
  active: Flag;
}

export interface StaffTable {
  id: number;
  username: string;
  displayName: string;
  title: string;
  role: 'owner' | 'manager' | 'practitioner' | 'frontDesk';
  passwordHash: string;
  passwordChangedAt: string;
  failedLogins: number;
  lockedUntil: string | null;
  active: Flag;
  messageSignature: Generated<string>;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceCategoryTable {
  id: number;
  name: string;
  color: string;
  maintenanceIntervalDays: number | null;
  averageSaleCents: number;
  active: Flag;
  sortOrder: number;
  chartTemplate: 'injectable' | 'energy' | 'skin' | 'general';
}

export interface ServiceTable {
  id: number;
  categoryId: number;
  name: string;
  kind: 'consult' | 'treatment' | 'product' | 'package';
  priceCents: number;
  durationMinutes: number;
  taxable: Flag;
  active: Flag;
  intervalOverrideDays: number | null;
  roomKind: string | null;
  deviceKind: string | null;
  prepInstructions: string;
}

export interface ReferralSourceTable {
  id: number;
  name: string;
  channel: (typeof referralChannels)[number];
  monthlyCostCents: number;
  active: Flag;
}

export interface PatientTable {
  id: number;
  number: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  gender: string | null;
  phone: string | null;
  phoneReversed: string | null;
  email: string | null;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  referralSourceId: number | null;
  referredByPatientId: number | null;
  doNotContact: Flag;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  photoConsent: Flag;
  photoConsentAt: string | null;
  notes: string;
  allergyAlert: Flag;
  sortName: string;
  archivedAt: string | null;
  archiveReason: string | null;
  mergedIntoId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface PatientClinicalTable {
  patientId: number;
  allergies: string;
  medications: string;
  medicalHistory: string;
  contraindications: string;
  expectationsNote: string;
  updatedAt: string;
  updatedBy: number | null;
}

export interface PatientConsentTable {
  patientId: number;
  channel: string;
  granted: Flag;
  source: string;
  recordedAt: string;
  recordedBy: number | null;
}

export interface AuditTable {
  id: number;
  at: string;
  staffId: number | null;
  staffName: string;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  summary: string;
  details: string;
  prevHash: string;
  hash: string;
}

export interface SchedulerJobTable {
  name: string;
  enabled: Flag;
  lastRunAt: string | null;
  lastOutcome: 'ok' | 'failed' | null;
  lastMessage: string | null;
  nextRunAt: string | null;
}
