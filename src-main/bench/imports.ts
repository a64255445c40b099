import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLumen } from '../app';
import { newConnection } from '../core/session';
import { commonLastNames, femaleFirstNames, maleFirstNames, otherLastNames, places, Random, streets } from '../demo/index';
import type { BenchRow } from './measure';

const ROWS = 50_000;
const TARGET_MS = 60_000;
const MEMORY_TARGET_MB = 500;
const SEED = 42;
const OWNER = { username: 'bench', displayName: 'Bench Owner', password: 'correct horse battery staple' };

const HEADER = 'Client ID,First Name,Last Name,Birth Date,Gender,Mobile Phone,Home Phone,Email Address,Address,City,State,Zip,Allergies,Tags,Referral Source,Notes,Account Balance,Loyalty Points,Email Opt In,SMS Opt In,Last Visit';

/**
 * A file as a clinic's old system and a spreadsheet leave it: a BOM and CRLF, month-first dates, phones typed every
 * way, amounts with thousands separators, accents, trailing spaces, empty lines, the header repeated now and then,
 * an empty column, and about one row in twenty with a problem (a phone turned into 6.1E+10, an email without its
 * domain, no last name).
 */
export function messyPatientsCsv(rows: number, seed = SEED): string {
  const random = Random.forArea(seed, 'import-bench');
  const lines = [HEADER];
  const two = (n: number) => String(n).padStart(2, '0');
  for (let i = 1; i <= rows; i++) {
    if (i % 10_000 === 0) lines.push(HEADER, '');
    const female = random.chance(0.8);
    const first = random.pick(female ? femaleFirstNames : maleFirstNames);
    const last = random.pick(random.chance(0.7) ? commonLastNames : otherLastNames);
    const place = random.pick(places);
    const phone = () => {
      const digits = `${random.pick(place.areaCodes)}${random.int(200, 999)}${String(random.int(0, 9999)).padStart(4, '0')}`;
      return random.pick([`(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`, `+1 ${digits}`, digits]);
    };
    const problem = random.int(0, 59);
    const mobile = problem === 0 ? '6.1E+10' : random.chance(0.85) ? phone() : '';
    const email = problem === 1 ? `${first.toLowerCase()}@` : random.chance(0.7) ? `${first}.${last}${i}@example.com`.replace(/[^A-Za-z0-9.@]/g, '').toLowerCase() : '';
    const balance = random.chance(0.1) ? `"${random.pick(['1,', ''])}${random.int(100, 999)}.${two(random.int(0, 99))}"` : '';
    const cells = [
      `C${100000 + i}`,
      `${first}${random.chance(0.05) ? '  ' : ''}`,
      problem === 2 ? '' : last,
      `${two(random.int(1, 12))}/${two(random.int(1, 28))}/${random.int(1940, 2006)}`,
      random.pick(female ? ['F', 'Female', 'female', 'w'] : ['M', 'Male', 'male']),
      mobile,
      random.chance(0.3) ? phone() : '',
      email,
      `"${random.int(1, 999)} ${random.pick(streets)}"`,
      place.city,
      place.region,
      random.pick(place.zips),
      random.chance(0.08) ? `"${random.sample(['Penicillin', 'Latex', 'Lidocaine', 'Aspirin', 'Nuts'], random.int(1, 2)).join('; ')}"` : '',
      random.chance(0.2) ? random.pick(['VIP', 'Bridal', 'Member']) : '',
      random.chance(0.5) ? random.pick(['Instagram', 'Google', 'Friend', 'Walk-in']) : '',
      random.chance(0.05) ? '"Prefers afternoons, ""quiet"" room"' : '',
      balance,
      random.chance(0.2) ? String(random.int(10, 2_000)) : '',
      random.pick(['Yes', 'No', '']),
      random.pick(['Y', 'N', '']),
      '',
    ];
    lines.push(cells.join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

interface ChildResult {
  ms: number;
  maxRssKb: number;
  created: number;
  skipped: number;
}

/** In the child: a fresh clinic, the file added and imported (or dry-run) through the registry, timed from adding it. */
async function importInChild(dir: string, csvPath: string, dryRun: boolean): Promise<ChildResult> {
  const lumen = await openLumen({ dataDir: dir });
  try {
    const conn = newConnection('cli');
    const call = (name: string, input: unknown) => lumen.registry.call(name, input, conn);
    await call('setup.createClinic', { clinic: { name: 'Bench Clinic', address: { line1: 'Main St 1', city: 'New York', postalCode: '10001', country: 'US' }, timeZone: 'America/New_York', currency: 'USD' }, owner: OWNER });
    await call('auth.signIn', { username: OWNER.username, password: OWNER.password });
    const started = performance.now();
    const file = (await call('imports.addFile', { fileName: 'clients.csv', dataBase64: readFileSync(csvPath).toString('base64') })) as { fileId: string; guesses: { patients: (string | null)[] } };
    const report = (await call('imports.run', { fileId: file.fileId, kind: 'patients', mapping: file.guesses.patients, dryRun, options: { dateOrder: 'monthFirst' } })) as { totals: { create: number; skip: number } };
    return { ms: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS, created: report.totals.create, skipped: report.totals.skip };
  } finally {
    await lumen.close();
  }
}

function runChild(csvPath: string, dryRun: boolean): Promise<ChildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lumen-bench-import-'));
  return new Promise<ChildResult>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--import-child', dir, csvPath, String(dryRun)]);
    child.once('message', (result) => resolve(result as ChildResult));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`The import child exited with ${code}`))));
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/**
 * "import 50,000 patients (dry run)" and "import 50,000 patients": a generated messy CSV imported into a fresh empty
 * clinic, each in a child process so its peak memory (maxRSS) is the import's and not the bench's.
 */
export async function importRows(log: (line: string) => void): Promise<{ row: BenchRow; target: number; plans: string[] }[]> {
  const folder = mkdtempSync(join(tmpdir(), 'lumen-bench-import-file-'));
  const csvPath = join(folder, 'clients.csv');
  writeFileSync(csvPath, messyPatientsCsv(ROWS));
  const rows: { row: BenchRow; target: number; plans: string[] }[] = [];
  try {
    for (const dryRun of [true, false]) {
      const name = `import ${ROWS.toLocaleString('en-US')} patients${dryRun ? ' (dry run)' : ''}`;
      log(`Measuring ${name} (a fresh clinic in a child process)…`);
      const result = await runChild(csvPath, dryRun);
      log(`  ${result.created.toLocaleString('en-US')} created, ${result.skipped.toLocaleString('en-US')} skipped`);
      const ms = Math.round(result.ms);
      rows.push({ row: { name, p50_ms: ms, p95_ms: ms, floor_p50_ms: null, ratio: null, peak_mb: Math.round(result.maxRssKb / 1024), peak_target_mb: MEMORY_TARGET_MB }, target: TARGET_MS, plans: [] });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[2] === '--import-child') {
  const [dir, csvPath, dryRun] = process.argv.slice(3);
  importInChild(dir, csvPath, dryRun === 'true').then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}
