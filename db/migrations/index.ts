import type { MigrationContext } from './context';
import * as m0001 from './0001_init';
import * as m0002 from './0002_scheduling';
import * as m0003 from './0003_sync';
import * as m0004 from './0004_checkout';
import * as m0005 from './0005_prepaid';
import * as m0006 from './0006_promotions';
import * as m0007 from './0007_inventory';
import * as m0008 from './0008_closing';
import * as m0009 from './0009_retention';
import * as m0010 from './0010_tasks';
import * as m0011 from './0011_segments';
import * as m0012 from './0012_reports_sales';
import * as m0013 from './0013_reports_pipeline';
import * as m0014 from './0014_report_schedules';
import * as m0015 from './0015_sales_day';
import * as m0016 from './0016_pipeline_speed';
import * as m0017 from './0017_invoice_sale';
import * as m0018 from './0018_provider_rebooking';
import * as m0019 from './0019_messaging';
import * as m0020 from './0020_conversation';
import * as m0021 from './0021_loyalty';
import * as m0022 from './0022_referrals';
import * as m0023 from './0023_satisfaction';
import * as m0024 from './0024_imports';
import * as m0025 from './0025_privacy';
import * as m0026 from './0026_import_sales';
import * as m0027 from './0027_stock_on_hand';
import * as m0028 from './0028_invoice_redemption';

export type { MigrationContext };

export interface Migration {
  name: string;
  up(ctx: MigrationContext): void | Promise<void>;
  /**
   * Runs with foreign keys off (to rebuild a table others point at); these tables' keys (the rebuilt table and those
   * pointing at it) are checked before it commits. Checking every table of a large clinic would cost ~40 s.
   */
  foreignKeysOff?: readonly string[];
}

/** Append-only: never edit or reorder a shipped migration; the schema version is this list's length. */
export const migrations: Migration[] = [
  { name: '0001_init', up: m0001.up },
  { name: '0002_scheduling', up: m0002.up },
  { name: '0003_sync', up: m0003.up },
  { name: '0004_checkout', up: m0004.up },
  { name: '0005_prepaid', up: m0005.up },
  { name: '0006_promotions', up: m0006.up },
  { name: '0007_inventory', up: m0007.up },
  { name: '0008_closing', up: m0008.up },
  { name: '0009_retention', up: m0009.up },
  { name: '0010_tasks', up: m0010.up },
  { name: '0011_segments', up: m0011.up },
  { name: '0012_reports_sales', up: m0012.up },
  { name: '0013_reports_pipeline', up: m0013.up },
  { name: '0014_report_schedules', up: m0014.up },
  { name: '0015_sales_day', up: m0015.up },
  { name: '0016_pipeline_speed', up: m0016.up },
  { name: '0017_invoice_sale', up: m0017.up },
  { name: '0018_provider_rebooking', up: m0018.up },
  { name: '0019_messaging', up: m0019.up },
  { name: '0020_conversation', up: m0020.up },
  { name: '0021_loyalty', up: m0021.up, foreignKeysOff: ['payment', 'storedValueEntry', 'packageEntry', 'giftCardEntry', 'pointsEntry'] },
  { name: '0022_referrals', up: m0022.up, foreignKeysOff: ['storedValueEntry'] },
  { name: '0023_satisfaction', up: m0023.up },
  { name: '0024_imports', up: m0024.up },
  { name: '0025_privacy', up: m0025.up },
  { name: '0026_import_sales', up: m0026.up, foreignKeysOff: ['importRow', 'importChange'] },
  { name: '0027_stock_on_hand', up: m0027.up },
  { name: '0028_invoice_redemption', up: m0028.up },
];
