import type { z } from 'zod';
import type { Picks, SegmentQuery } from '../../../src-shared/contract/segments';
import { SegmentQuery as SegmentQuerySchema } from '../../../src-shared/contract/segments';
import { centsToInput, inputToCents } from '../../lib/format';

/**
 * The query builder's form: a list of rows, each one condition ("bought all of Neurotoxin, Laser", "spent at least
 * 2,000"). Rows are strings as inputs give them; `queryOf` turns them into the contract's SegmentQuery, and rows of one
 * kind and mode add up (two "bought all of" rows are one list).
 */
export const rowKinds = [
  'categories',
  'services',
  'spent',
  'lastVisit',
  'visits',
  'treated',
  'tiers',
  'rfm',
  'tags',
  'age',
  'genders',
  'referral',
  'providers',
  'contactable',
  'doNotContact',
] as const;
export type RowKind = (typeof rowKinds)[number];

export const rowKindLabels: Record<RowKind, string> = {
  categories: 'Categories bought',
  services: 'Services bought',
  spent: 'Lifetime spend',
  lastVisit: 'Days since last visit',
  visits: 'Number of visits',
  treated: 'Treated between',
  tiers: 'Activity tier',
  rfm: 'RFM segment',
  tags: 'Tags',
  age: 'Age',
  genders: 'Gender',
  referral: 'Referral source',
  providers: 'Provider seen',
  contactable: 'Contactable by',
  doNotContact: 'Do not contact',
};

export type PickMode = 'any' | 'all' | 'never';
export const pickModeLabels: Record<PickMode, string> = { any: 'any of', all: 'all of', never: 'never' };

export interface RowValues {
  kind: RowKind;
  mode: PickMode;
  /** Chosen ids or names (categories, services, tags, tiers…). */
  values: string[];
  min: string;
  max: string;
  from: string;
  to: string;
}

export interface QueryValues {
  rows: RowValues[];
}

export const blankRow = (kind: RowKind): RowValues => ({ kind, mode: 'any', values: [], min: '', max: '', from: '', to: '' });

/** The query field each row kind fills, for showing a refusal beside its rows. */
export const fieldOfKind: Record<RowKind, keyof SegmentQuery> = {
  categories: 'categories',
  services: 'services',
  spent: 'spentCents',
  lastVisit: 'daysSinceLastVisit',
  visits: 'visits',
  treated: 'treated',
  tiers: 'tiers',
  rfm: 'rfmSegments',
  tags: 'tags',
  age: 'age',
  genders: 'genders',
  referral: 'referralSourceIds',
  providers: 'providerIds',
  contactable: 'contactableBy',
  doNotContact: 'doNotContact',
};

/** Blank → absent; anything else a number (NaN when it is not one, so the contract says so). */
const whole = (text: string): number | undefined => (text.trim() ? Number(text.trim()) : undefined);
const money = (text: string, currency: string): number | undefined => (text.trim() ? (inputToCents(text, currency) ?? NaN) : undefined);
const range = (min: number | undefined, max: number | undefined) => (min === undefined && max === undefined ? undefined : { ...(min !== undefined && { min }), ...(max !== undefined && { max }) });

export function queryOf(rows: RowValues[], currency: string): SegmentQuery {
  const query: Record<string, unknown> = {};
  const picks = (field: 'categories' | 'services' | 'tags', row: RowValues) => {
    const current = (query[field] ??= { any: [], all: [], never: [] }) as Required<Picks>;
    current[row.mode].push(...row.values.map(Number));
  };
  const list = (field: string, values: unknown[]) => {
    query[field] = [...((query[field] as unknown[] | undefined) ?? []), ...values];
  };
  for (const row of rows) {
    const bounds = range(whole(row.min), whole(row.max));
    if (row.kind === 'categories' || row.kind === 'services' || row.kind === 'tags') picks(row.kind, row);
    else if (row.kind === 'spent') query.spentCents = range(money(row.min, currency), money(row.max, currency));
    else if (row.kind === 'lastVisit') query.daysSinceLastVisit = bounds;
    else if (row.kind === 'visits') query.visits = bounds;
    else if (row.kind === 'age') query.age = bounds;
    else if (row.kind === 'treated') query.treated = { ...(row.from && { from: row.from }), ...(row.to && { to: row.to }), categoryIds: row.values.map(Number) };
    else if (row.kind === 'tiers') list('tiers', row.values);
    else if (row.kind === 'rfm') list('rfmSegments', row.values);
    else if (row.kind === 'genders') list('genders', row.values);
    else if (row.kind === 'contactable') list('contactableBy', row.values);
    else if (row.kind === 'referral') list('referralSourceIds', row.values.map(Number));
    else if (row.kind === 'providers') list('providerIds', row.values.map(Number));
    // A single select hands back its value as a string, not a list.
    else if (row.kind === 'doNotContact') query.doNotContact = ([] as string[]).concat(row.values)[0] === 'yes';
  }
  for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
  return query as SegmentQuery;
}

/** A saved or preset query as builder rows (the reverse of queryOf). */
export function rowsOf(query: z.output<typeof SegmentQuerySchema>, currency: string): RowValues[] {
  const rows: RowValues[] = [];
  const add = (kind: RowKind, patch: Partial<RowValues>) => rows.push({ ...blankRow(kind), ...patch });
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  for (const kind of ['categories', 'services', 'tags'] as const) {
    const pick = query[kind];
    if (!pick) continue;
    for (const mode of ['all', 'any', 'never'] as const) if (pick[mode].length) add(kind, { mode, values: pick[mode].map(String) });
  }
  if (query.spentCents) add('spent', { min: query.spentCents.min === undefined ? '' : centsToInput(query.spentCents.min, currency), max: query.spentCents.max === undefined ? '' : centsToInput(query.spentCents.max, currency) });
  if (query.daysSinceLastVisit) add('lastVisit', { min: text(query.daysSinceLastVisit.min), max: text(query.daysSinceLastVisit.max) });
  if (query.visits) add('visits', { min: text(query.visits.min), max: text(query.visits.max) });
  if (query.age) add('age', { min: text(query.age.min), max: text(query.age.max) });
  if (query.treated) add('treated', { from: query.treated.from ?? '', to: query.treated.to ?? '', values: query.treated.categoryIds.map(String) });
  if (query.tiers) add('tiers', { values: query.tiers });
  if (query.rfmSegments) add('rfm', { values: query.rfmSegments });
  if (query.genders) add('genders', { values: query.genders });
  if (query.referralSourceIds) add('referral', { values: query.referralSourceIds.map(String) });
  if (query.providerIds) add('providers', { values: query.providerIds.map(String) });
  if (query.contactableBy) add('contactable', { values: query.contactableBy });
  if (query.doNotContact !== undefined) add('doNotContact', { values: [query.doNotContact ? 'yes' : 'no'] });
  return rows;
}

/** The contract's refusals of a query, by query field ("spentCents": "The least is above the most"). */
export function problemsOf(query: SegmentQuery): Partial<Record<keyof SegmentQuery | '', string>> {
  const parsed = SegmentQuerySchema.safeParse(query);
  if (parsed.success) return {};
  const problems: Partial<Record<string, string>> = {};
  for (const issue of parsed.error.issues) problems[String(issue.path[0] ?? '')] ??= issue.message;
  return problems;
}
