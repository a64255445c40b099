import { createWriteStream, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { ZipFile } from 'yazl';
import { csvCell } from '../../src-shared/csv';
import { openDatabase, type Sqlite } from '../core/db';
import { LUMEN_VERSION } from '../core/runtime';
import { PHOTO_FOLDER } from '../charts/index';
import { omittedColumnsOf, OMITTED_TABLES, type Omission } from './secrets';
import { startTableWriters, type TableFile, type TableWriters } from './table-writers';

export interface ArchiveTable {
  table: string;
  file: string;
  columns: { name: string; type: string }[];
  rows: number;
  bytes: number;
  sha256: string;
}

export interface ArchiveSummary {
  tables: ArchiveTable[];
  rows: number;
  photos: number;
  omitted: Omission[];
}

export interface ArchiveProgress {
  step: string | null;
  tablesDone: number;
  tablesTotal: number;
  rows: number;
}

export interface ArchiveOptions {
  /** The clinic database file, read by worker threads with connections of their own (see table-writers.ts). */
  databaseFile: string;
  dataDir: string;
  /** Where the .zip goes (an existing file is replaced). */
  path: string;
  exportedAt: Date;
  exportedBy: string;
  progress?: ArchiveProgress;
}

const BOM = '\uFEFF';
/** Worker threads reading tables: the machines Lumen runs on have two cores or more. */
const TABLE_WRITERS = 2;
/** The tables' CSV files wait in the data folder (as private as the database) until they are in the zip. */
const WORK_FOLDER_PREFIX = 'archive-work-';
/** zlib's fastest level: CSV still shrinks about sevenfold, and the whole demo clinic fits its minute. */
const COMPRESSION_LEVEL = 1;

const README = `Lumen clinic archive
====================

One CSV file per table of the clinic's database (tables/<table>.csv): UTF-8 with a byte-order mark, comma-separated,
every cell in double quotes, lines ending in CRLF, the first line the column names. A cell a spreadsheet would run as
a formula (starting with = + - @) is written with a leading apostrophe.

- Money is in integer minor units of the clinic's currency (cents): 12345 is 123.45 EUR.
- Tax rates are in thousandths of a percent (8875 = 8.875 %); planning rates in basis points (6000 = 60 %).
- Instants (columns ending in "At", and "at") are UTC, ISO-8601 ("2026-03-02T09:00:00.000Z").
- Dates (YYYY-MM-DD: date of birth, "localDate", "dueOn", "expiresOn"…) are local to the clinic's time zone.
- Flags are 0 or 1. Lists and settings inside a cell are JSON.
- Ids are the same integers across tables: a column "patientId" names a row of patient.csv.
- photos/ holds the photo files; the column "file" of photo.csv is the path inside this archive.

manifest.json lists every table with its columns and SQLite types, its row count and the SHA-256 of its file, and
what was left out on purpose (password hashes, sealed passwords, the sync key, the change log).
`;

/**
 * Writes the whole clinic as one zip. The tables are shared out to worker threads with read-only connections of their
 * own (largest first), each writing a table's CSV to a file in a working folder inside the data folder; each finished
 * file goes through the zip's compressor (on the thread pool) while the workers go on. Photos are stored as they are
 * (already compressed). The working folder is removed whatever happens.
 */
export async function writeClinicArchive(options: ArchiveOptions): Promise<ArchiveSummary> {
  const progress = options.progress ?? { step: null, tablesDone: 0, tablesTotal: 0, rows: 0 };
  const mtime = options.exportedAt;
  // Opened first, so a folder that does not exist is refused before any work.
  const output = createWriteStream(options.path, { fd: openSync(options.path, 'w') });
  const zip = new ZipFile();
  zip.outputStream.pipe(output);
  const written = once(output, 'close');
  // Whichever of the zip (reading a file) and the file written fails first stops the export; later failures (the
  // zip reading a file of the removed working folder) are the same failure.
  const failed = new Promise<never>((_, reject) => {
    zip.on('error', reject);
    output.on('error', reject);
  });
  failed.catch(() => undefined);
  let workFolder: string | null = null;
  let writers: TableWriters | null = null;
  try {
    // A working folder left by an export that stopped half-way (the app was closed) holds the clinic as CSV. The
    // caller holds the write lock, so no other export is running: it goes.
    for (const name of readdirSync(options.dataDir)) if (name.startsWith(WORK_FOLDER_PREFIX)) rmSync(join(options.dataDir, name), { recursive: true, force: true });
    const folder = mkdtempSync(join(options.dataDir, WORK_FOLDER_PREFIX));
    workFolder = folder;
    writers = startTableWriters(options.databaseFile, TABLE_WRITERS);
    const { clinic, schemaVersion, tables, omitted } = await describeClinic(options.databaseFile);
    progress.tablesTotal = tables.length;
    const inProgress = new Set<string>();
    const files = new Map<string, TableFile>();
    const jobs = tables.map(({ table, columns }) => ({
      table,
      path: join(folder, `${table}.csv`),
      header: BOM + columns.map((c) => csvCell(c.name)).join(',') + '\r\n',
      // SQLite writes each row's CSV line itself: one string per row crosses into JavaScript instead of a value per
      // cell (the whole demo clinic is 8.6 million rows).
      sql: `SELECT ${columns.map((c) => cellSql(`"${c.name}"`)).join(" || ',' || ")} FROM "${table}"`,
    }));
    const showStep = () => (progress.step = [...inProgress].join(', ') || 'photos');
    const tablesWritten = writers.writeAll(jobs, {
      started: (table) => {
        inProgress.add(table);
        showStep();
      },
      rows: (count) => (progress.rows += count),
      finished: (file) => {
        files.set(file.table, file);
        zip.addFile(join(folder, `${file.table}.csv`), `tables/${file.table}.csv`, { mtime, compressionLevel: COMPRESSION_LEVEL });
        progress.tablesDone++;
        inProgress.delete(file.table);
        showStep();
      },
    });
    await Promise.race([tablesWritten, failed]);
    const entries: ArchiveTable[] = [...tables]
      .sort((a, b) => a.table.localeCompare(b.table))
      .map(({ table, columns }) => {
        const { rows, bytes, sha256 } = files.get(table)!;
        return { table, file: `tables/${table}.csv`, columns, rows, bytes, sha256 };
      });
    progress.step = 'photos';
    const photos = addPhotos(zip, options.dataDir, mtime);
    const manifest = {
      format: 'lumen-clinic-archive',
      lumenVersion: LUMEN_VERSION,
      schemaVersion,
      clinic,
      exportedAt: options.exportedAt.toISOString(),
      exportedBy: options.exportedBy,
      encoding: 'UTF-8 with BOM, comma-separated, CRLF, every cell quoted',
      units: { money: 'integer minor units of clinic.currency', instants: 'UTC ISO-8601', dates: 'YYYY-MM-DD in clinic.timeZone' },
      tables: entries,
      photos: { folder: `${PHOTO_FOLDER}/`, files: photos },
      omitted,
    };
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime });
    zip.addBuffer(Buffer.from(README.replace(/\n/g, '\r\n')), 'README.txt', { mtime });
    zip.end();
    await Promise.race([written, failed]);
    progress.step = null;
    return { tables: entries, rows: entries.reduce((sum, t) => sum + t.rows, 0), photos, omitted };
  } catch (error) {
    // No half archive is left behind to be taken for a whole one.
    output.destroy();
    rmSync(options.path, { force: true });
    throw error;
  } finally {
    await writers?.close();
    if (workFolder) rmSync(workFolder, { recursive: true, force: true });
  }
}

interface ClinicOutline {
  clinic: Record<string, string> | null;
  schemaVersion: number;
  /** Every table to write, largest first (by its id range), with the columns that are not secret. */
  tables: { table: string; columns: { name: string; type: string }[] }[];
  omitted: Omission[];
}

/** What the manifest says of the clinic and which tables and columns go into the archive. */
async function describeClinic(databaseFile: string): Promise<ClinicOutline> {
  const { sqlite } = await openDatabase(databaseFile, { readonly: true });
  try {
    const clinic = (sqlite.prepare('SELECT name, timeZone, currency, country FROM clinic').get() as Record<string, string> | undefined) ?? null;
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    const omitted: Omission[] = [...OMITTED_TABLES];
    const tables = tablesOf(sqlite).map((table) => {
      const allColumns = sqlite.prepare('SELECT name, type FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string; type: string }[];
      const secret = omittedColumnsOf(table);
      omitted.push(...secret);
      const columns = allColumns.filter((c) => !secret.some((o) => o.column === c.name));
      return { table, columns, size: sizeOf(sqlite, table, columns.length) };
    });
    tables.sort((a, b) => b.size - a.size);
    return { clinic, schemaVersion, tables: tables.map(({ table, columns }) => ({ table, columns })), omitted };
  } finally {
    sqlite.close();
  }
}

/** A table's rough size for sharing out the work: its rowid span (two index seeks, not a count) times its columns. */
function sizeOf(sqlite: Sqlite, table: string, columns: number): number {
  const withRowid = sqlite.prepare("SELECT count(*) FROM sqlite_schema WHERE name = ? AND sql LIKE '%WITHOUT ROWID%'").pluck().get(table) === 0;
  if (!withRowid) return columns;
  const { first, last } = sqlite.prepare(`SELECT min(rowid) AS first, max(rowid) AS last FROM "${table}"`).get() as { first: number | null; last: number | null };
  return first === null || last === null ? 0 : (last - first + 1) * columns;
}

/** Every table of the clinic, by name, but SQLite's own and those left out whole. */
function tablesOf(sqlite: Sqlite): string[] {
  const names = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all() as string[];
  return names.filter((name) => !OMITTED_TABLES.some((o) => o.table === name));
}

/**
 * One column's CSV cell as SQL, as src-shared/csv.ts writes it: quoted, quotes doubled, and text a spreadsheet would run
 * as a formula (= + - @, tab, return first) behind an apostrophe; numbers as they are; anything else (no column of the
 * schema holds one) as SQLite's literal.
 */
function cellSql(column: string): string {
  return `'"' || CASE typeof(${column})
    WHEN 'null' THEN ''
    WHEN 'integer' THEN ${column}
    WHEN 'text' THEN CASE WHEN substr(${column}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) THEN '''' ELSE '' END || replace(${column}, '"', '""')
    ELSE replace(quote(${column}), '"', '""') END || '"'`;
}

/** The photo files under <data dir>/photos/<patient>/, at the same path inside the archive. Returns how many. */
function addPhotos(zip: ZipFile, dataDir: string, mtime: Date): number {
  const root = join(dataDir, PHOTO_FOLDER);
  if (!existsSync(root)) return 0;
  let count = 0;
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const name of readdirSync(join(root, folder.name))) {
      const path = join(root, folder.name, name);
      if (name.endsWith('.partial') || !statSync(path).isFile()) continue;
      zip.addFile(path, `${PHOTO_FOLDER}/${folder.name}/${name}`, { mtime, compress: false });
      count++;
    }
  }
  return count;
}
