import type { z } from 'zod';
import { app } from './app';
import { auth } from './auth';
import { staff } from './staff';
import { settings } from './settings';
import { catalog } from './catalog';
import { patients } from './patients';
import { clinical } from './clinical';
import { audit } from './audit';
import { backup } from './backup';
import { scheduling } from './scheduling';
import { messages } from './messages';
import { charts } from './charts';
import { sync } from './sync';
import { checkout } from './checkout';
import { prepaid } from './prepaid';
import { promotions } from './promotions';
import { closing } from './closing';
import { inventory } from './inventory';
import { tasks } from './tasks';
import { segments } from './segments';
import { retention } from './retention';
import { reportsOutput } from './reports-output';
import { reportsSales } from './reports-sales';
import { reportsPipeline } from './reports-pipeline';
import { loyalty } from './loyalty';
import { referrals } from './referrals';
import { satisfaction } from './satisfaction';
import { imports } from './imports';
import { dataExports } from './exports';
import { privacy } from './privacy';

/** The app's table of contents: every method a client can call. */
export const contract = {
  ...app,
  ...auth,
  ...staff,
  ...settings,
  ...catalog,
  ...patients,
  ...clinical,
  ...audit,
  ...backup,
  ...scheduling,
  ...messages,
  ...charts,
  ...sync,
  ...checkout,
  ...prepaid,
  ...promotions,
  ...closing,
  ...inventory,
  ...tasks,
  ...segments,
  ...retention,
  ...reportsOutput,
  ...reportsSales,
  ...reportsPipeline,
  ...loyalty,
  ...referrals,
  ...satisfaction,
  ...imports,
  ...dataExports,
  ...privacy,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<N extends MethodName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends MethodName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends MethodName> = z.output<Contract[N]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './method';
