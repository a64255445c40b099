import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { ZipFile } from 'yazl';
import { csvCell } from '../../src-shared/csv';
import { openDatabase, type Sqlite } from '../core/db';
import { LUMEN_VERSION } from '../core/runtime';
import { PHOTO_FOLDER } from '../charts/index';
import { omittedColumnsOf, OMITTED_TABLES, type Omission } from './secrets';

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
  /** The clinic database file: read through a connection of its own, in one read snapshot. */
  databaseFile: string;
  dataDir: string;
  /** Where the .zip goes (an existing file is replaced). */
  path: string;
  exportedAt: Date;
  exportedBy: string;
  progress?: ArchiveProgress;
}

const BOM = '\uFEFF';
/** Rows gathered into one chunk before it is handed to the zip stream. */
const CHUNK_CHARS = 256 * 1024;
const STREAM_BUFFER = 8 * 1024 * 1024;
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
 * Writes the whole clinic as one zip, streamed: rows are read one at a time from a read-only connection of its own
 * (so the clinic's connection stays free for progress calls) and written through the zip's compressor with
 * back-pressure, never a whole table in memory. Photos are stored as they are (already compressed).
 */
export async function writeClinicArchive(options: ArchiveOptions): Promise<ArchiveSummary> {
  const { sqlite } = await openDatabase(options.databaseFile, { readonly: true });
  const progress = options.progress ?? { step: null, tablesDone: 0, tablesTotal: 0, rows: 0 };
  const zip = new ZipFile();
  const output = createWriteStream(options.path);
  zip.outputStream.pipe(output);
  const written = once(output, 'close');
  const mtime = options.exportedAt;
  try {
    sqlite.exec('BEGIN');
    const clinic = sqlite.prepare('SELECT name, timeZone, currency, country FROM clinic').get() as Record<string, string> | undefined;
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    const tables = tablesOf(sqlite);
    const omitted: Omission[] = [...OMITTED_TABLES];
    progress.tablesTotal = tables.length;
    const entries: ArchiveTable[] = [];
    for (const table of tables) {
      progress.step = table;
      const allColumns = sqlite.prepare('SELECT name, type FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string; type: string }[];
      const secret = omittedColumnsOf(table);
      omitted.push(...secret);
      const columns = allColumns.filter((c) => !secret.some((o) => o.column === c.name));
      entries.push(await addTable(zip, sqlite, table, columns, mtime, progress));
      progress.tablesDone++;
    }
    progress.step = 'photos';
    const photos = addPhotos(zip, options.dataDir, mtime);
    const manifest = {
      format: 'lumen-clinic-archive',
      lumenVersion: LUMEN_VERSION,
      schemaVersion,
      clinic: clinic ?? null,
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
    await written;
    progress.step = null;
    return { tables: entries, rows: entries.reduce((sum, t) => sum + t.rows, 0), photos, omitted };
  } catch (error) {
    // No half archive is left behind to be taken for a whole one.
    output.destroy();
    rmSync(options.path, { force: true });
    throw error;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
    sqlite.close();
  }
}

/** Every table of the clinic, by name, but SQLite's own and those left out whole. */
function tablesOf(sqlite: Sqlite): string[] {
  const names = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all() as string[];
  return names.filter((name) => !OMITTED_TABLES.some((o) => o.table === name));
}

async function addTable(zip: ZipFile, sqlite: Sqlite, table: string, columns: { name: string; type: string }[], mtime: Date, progress: ArchiveProgress): Promise<ArchiveTable> {
  const file = `tables/${table}.csv`;
  // A deep buffer lets rows be read while the compressor (on the thread pool) catches up.
  const stream = new PassThrough({ highWaterMark: STREAM_BUFFER });
  zip.addReadStream(stream, file, { mtime, compressionLevel: COMPRESSION_LEVEL });
  const hash = createHash('sha256');
  let bytes = 0;
  const write = async (text: string) => {
    const chunk = Buffer.from(text, 'utf8');
    hash.update(chunk);
    bytes += chunk.length;
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  const rowsBefore = progress.rows;
  let text = BOM + columns.map((c) => csvCell(c.name)).join(',') + '\r\n';
  let rows = 0;
  // SQLite writes each row's CSV line itself: one string per row crosses into JavaScript instead of a value per cell
  // (the whole demo clinic is 8.6 million rows; building the cells in JavaScript missed the minute's budget).
  const select = sqlite.prepare(`SELECT ${columns.map((c) => cellSql(`"${c.name}"`)).join(" || ',' || ")} FROM "${table}"`).pluck();
  for (const line of select.iterate() as IterableIterator<string>) {
    text += `${line}\r\n`;
    rows++;
    if (text.length >= CHUNK_CHARS) {
      await write(text);
      text = '';
      progress.rows = rowsBefore + rows;
    }
  }
  await write(text);
  progress.rows = rowsBefore + rows;
  stream.end();
  return { table, file, columns, rows, bytes, sha256: hash.digest('hex') };
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
