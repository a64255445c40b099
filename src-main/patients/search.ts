import type { PatientSummary } from '../../src-shared/contract/patients';
import { digitsOf, normalizePhone, reversedDigits } from '../../src-shared/phone';
import { nameTokens, prefixUpperBound } from '../../src-shared/text';
import { cached, flag, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { seriesPrefixOf } from '../core/series';
import { formatPatientNumber } from './derived';
import {
  EMAIL_SEARCH_SQL,
  LIST_COUNT_SQL,
  LIST_SQL,
  nameSearchSql,
  NUMBER_SEARCH_SQL,
  PHONE_SEARCH_SQL,
  type SummaryRow,
  TAG_COUNT_SQL,
  TAG_LIST_SQL,
} from './queries';

const MAX_TOKENS_PER_PATIENT = 8;
const MAX_WORDS = 4;

type SearchKind = 'name' | 'phone' | 'email' | 'number';

/** A patient number of any workstation's series, as typed: "R000012", "r12". */
const PATIENT_NUMBER = /^([a-z]{1,3})(\d+)$/i;

/** What a person most likely typed: a patient number, a phone (any format or its last digits), an email, or a name. */
function classifyQuery(q: string): SearchKind {
  const text = q.trim();
  if (PATIENT_NUMBER.test(text)) return 'number';
  if (/^[+\d\s().\-/]+$/.test(text) && digitsOf(text).length >= 3) return 'phone';
  if (text.includes('@') || (/^\S+\.\S+$/.test(text) && !/\s/.test(text))) return 'email';
  return 'name';
}

/** The SQL and parameters of a name search (also the benchmark's floor), or null when no word is left to search. */
export function nameSearchQuery(q: string, limit: number, all: 0 | 1): { sql: string; params: Record<string, string | number> } | null {
  // The longest word is the most selective, so it drives the index scan.
  const words = nameTokens(q)
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_WORDS);
  if (!words.length) return null;
  const params: Record<string, string | number> = { all, limit, scan: limit * MAX_TOKENS_PER_PATIENT };
  words.forEach((w, i) => {
    params[`lo${i}`] = w;
    params[`hi${i}`] = prefixUpperBound(w);
  });
  return { sql: nameSearchSql(words.length), params };
}

function toSummary(r: SummaryRow): PatientSummary {
  return {
    id: r.id,
    number: r.number,
    name: `${r.preferredName && r.preferredName !== r.firstName ? `${r.firstName} “${r.preferredName}”` : r.firstName} ${r.lastName}`,
    firstName: r.firstName,
    lastName: r.lastName,
    preferredName: r.preferredName,
    dateOfBirth: r.dateOfBirth,
    phone: r.phone,
    email: r.email,
    allergyAlert: r.allergyAlert === 1,
    archived: r.archivedAt !== null,
  };
}

interface SearchOptions {
  q: string;
  limit: number;
  includeArchived: boolean;
  defaultRegion: string;
  /** Digits alone are looked up as a number of this series (this workstation's). */
  seriesPrefix: string;
}

function searchPatients(sqlite: Sqlite, { q, limit, includeArchived, defaultRegion, seriesPrefix }: SearchOptions): PatientSummary[] {
  const all = flag(includeArchived);
  const kind = classifyQuery(q);
  let rows: SummaryRow[];
  if (kind === 'number') {
    const [, prefix, digits] = PATIENT_NUMBER.exec(q.trim())!;
    rows = cached(sqlite, NUMBER_SEARCH_SQL).all({ number: formatPatientNumber(Number(digits), prefix.toUpperCase()), all }) as SummaryRow[];
  } else if (kind === 'phone') {
    // Typed digits match the end of stored numbers; a complete number in any format is also compared as E.164.
    // Only something that looks like a whole number (international, with a trunk 0, or 10+ digits) is worth
    // parsing as one; a few digits are the end of a number, and parsing them would only cost time.
    const digits = digitsOf(q);
    const whole = /^\s*(\+|00)/.test(q) || (digits.startsWith('0') && digits.length >= 8) || digits.length >= 10;
    const e164 = whole ? normalizePhone(q, defaultRegion) : null;
    const suffixes = [...new Set([reversedDigits(q), ...(e164 ? [reversedDigits(e164)] : [])])];
    const byNumber = /^\d+$/.test(q.trim()) ? (cached(sqlite, NUMBER_SEARCH_SQL).all({ number: formatPatientNumber(Number(q.trim()), seriesPrefix), all }) as SummaryRow[]) : [];
    const byPhone = suffixes.flatMap((lo) => cached(sqlite, PHONE_SEARCH_SQL).all({ lo, hi: prefixUpperBound(lo), all, limit }) as SummaryRow[]);
    const seen = new Set<number>();
    rows = [...byNumber, ...byPhone].filter((r) => !seen.has(r.id) && seen.add(r.id));
  } else if (kind === 'email') {
    const lo = q.trim().toLowerCase();
    rows = cached(sqlite, EMAIL_SEARCH_SQL).all({ lo, hi: prefixUpperBound(lo), all, limit }) as SummaryRow[];
  } else {
    const query = nameSearchQuery(q, limit, all);
    if (!query) return [];
    rows = cached(sqlite, query.sql).all(query.params) as SummaryRow[];
  }
  return rows.slice(0, limit).map(toSummary);
}

function listPage(sqlite: Sqlite, opts: { offset: number; limit: number; sort: keyof typeof LIST_SQL; includeArchived: boolean; tagId?: number }) {
  const scope = opts.includeArchived ? 'all' : 'active';
  if (opts.tagId !== undefined) {
    const params = { tagId: opts.tagId, limit: opts.limit, offset: opts.offset };
    return {
      total: cached(sqlite, TAG_COUNT_SQL[scope]).pluck().get({ tagId: opts.tagId }) as number,
      rows: (cached(sqlite, TAG_LIST_SQL[scope]).all(params) as SummaryRow[]).map(toSummary),
    };
  }
  return {
    total: cached(sqlite, LIST_COUNT_SQL[scope]).pluck().get() as number,
    rows: (cached(sqlite, LIST_SQL[opts.sort][scope]).all({ limit: opts.limit, offset: opts.offset }) as SummaryRow[]).map(toSummary),
  };
}

/** Finding patients: quick search and the list's pages, both raw prepared statements (hot paths the bench times). */
export const searchHandlers: HandlerMap<'patients.search' | 'patients.list'> = {
  'patients.search': ({ q, limit, includeArchived }, ctx) => searchPatients(ctx.sqlite, { q, limit, includeArchived, defaultRegion: ctx.clinic().country, seriesPrefix: seriesPrefixOf(ctx.runtime) }),

  'patients.list': (input, ctx) => listPage(ctx.sqlite, input),
};
