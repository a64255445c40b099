import { z } from 'zod';
import { method } from './method';
import { Address, CurrencyCode, Empty, Name, Ok, Password, TimeZone, Username } from './common';

export const AppStatus = z.object({
  state: z.enum(['needsSetup', 'needsWorkstation', 'ready', 'recovery']),
  /** This computer's workstation name (for a copied database: the name of the workstation it was copied from). */
  workstationName: z.string().nullable(),
  /** Set when this computer's clock, or another workstation's, is far off (see workstations.status). */
  clockWarning: z.string().nullable(),
  clinicName: z.string().nullable(),
  timeZone: z.string().nullable(),
  currency: z.string().nullable(),
  country: z.string().nullable(),
  version: z.string(),
  isDemo: z.boolean(),
  /** Why the clinic opened in recovery mode (failed integrity check), for the restore screen. */
  recoveryMessage: z.string().nullable(),
  demo: z.object({ running: z.boolean(), done: z.number(), total: z.number(), error: z.string().nullable() }),
});
export type AppStatus = z.infer<typeof AppStatus>;

export const ClinicSetupInput = z.strictObject({
  name: Name,
  address: Address,
  timeZone: TimeZone,
  currency: CurrencyCode,
});

export const OwnerInput = z.strictObject({
  username: Username,
  displayName: Name,
  password: Password,
});

export const app = {
  'app.status': method({
    summary: 'Whether this data folder holds a clinic yet, and its basic facts.',
    input: Empty,
    output: AppStatus,
    permission: null,
    transaction: 'read',
    errors: [],
  }),
  'setup.createClinic': method({
    summary: 'First run: create the clinic and its owner account.',
    input: z.strictObject({ clinic: ClinicSetupInput, owner: OwnerInput, workstationName: Name.default('Reception') }),
    output: Ok,
    permission: null,
    transaction: 'write',
    errors: ['invalid_input', 'conflict', 'weak_password'],
  }),
  'setup.createDemo': method({
    summary: 'First run: fill this data folder with the demo clinic (progress in app.status).',
    input: z.strictObject({ patients: z.number().int().min(10).max(200_000).default(50_000), seed: z.number().int().default(42) }),
    output: Ok,
    permission: null,
    transaction: 'none',
    errors: ['invalid_input', 'conflict'],
  }),
} as const;
