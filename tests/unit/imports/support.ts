import type { InputOf } from '../../../src-shared/contract/index';
import type { TestClinic } from '../../support/clinic';

type Caller = Pick<TestClinic, 'call'>;

/** Adds a CSV given as lines (joined with CRLF, as spreadsheets write it) and returns its summary. */
export function addCsv(desk: Caller, lines: readonly string[], fileName = 'clients.csv') {
  return desk.call('imports.addFile', { fileName, dataBase64: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8').toString('base64') });
}

/** Adds the file and runs it with the guessed mapping of its kind. */
export async function importCsv(desk: Caller, lines: readonly string[], run: Partial<InputOf<'imports.run'>> & { kind?: InputOf<'imports.run'>['kind'] } = {}) {
  const file = await addCsv(desk, lines);
  const kind = run.kind ?? 'patients';
  const report = await desk.call('imports.run', { fileId: file.fileId, kind, mapping: file.guesses[kind], ...run });
  return { file, report };
}

/**
 * Row counts of every table a person could notice: not the audit log, the sync log, the import's own records, or the
 * queue of patients whose derived service-sale rows the background job recomputes.
 */
export function domainCounts(clinic: TestClinic): Record<string, number> {
  const tables = clinic.lumen.runtime.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const own = new Set(['audit', 'syncChange', 'importBatch', 'importRow', 'importChange', 'importMapping', 'serviceSalePending']);
  return Object.fromEntries(tables.filter((t) => !own.has(t)).map((t) => [t, clinic.count(t)]));
}

export const CLIENTS = [
  'Client ID,First Name,Last Name,Birth Date,Gender,Mobile Phone,Home Phone,Email Address,Zip,City,Allergies,Deceased,Tags,Account Balance,Loyalty Points,Email Opt In',
  '1001,Zoë,Müller,1985-04-12,F,0171 2345678,030 1234567,zoe@example.de,10115,Berlin,Penicillin; Latex,,VIP,"25.50",120,yes',
  '1002,François,Lefèvre,1990-11-03,M,+33 6 12 34 56 78,,francois@example.fr,75001,Paris,,,,,,no',
  '1003,Åsa,Ødegård,1940-01-20,female,,030 7654321,,,,Aspirin,2021-06-01,,,,',
];
