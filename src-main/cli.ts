/**
 * `lumen` on the command line, a stable interface for scripts:
 *   call <method> ['<json input>'] [--user NAME]   one registry call (password from LUMEN_PASSWORD or a prompt)
 *   import-file PATH --user NAME                   add a CSV/.xlsx file to import (then call imports.preview, imports.run)
 *   backup | restore FILE | audit-verify | migrate  local maintenance for whoever holds the data folder
 *   export-changes FOLDER [--for ID] | import-changes FILE | sync   change files for other workstations
 *   join FILE --name NAME --prefix P --user NAME    make this data folder a new workstation from a copy of another's database
 *   export-clinic PATH.zip                          the whole clinic as one archive (CSV per table, manifest, photos)
 * All take --data-dir DIR (else LUMEN_DATA_DIR, else the OS user-data folder).
 * stdout carries exactly one JSON document; exit 0 = success, 1 = a typed error { code, message, details? }, 2 = usage.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LumenError, type LumenErrorShape, type Settled } from '../src-shared/errors';
import { openLumen, type Lumen } from './app';
import { restoreBackup, runBackup } from './backup/index';
import { type Actor, type ChainReport } from './core/audit';
import { verifyRecords } from './core/ledgers';
import { DATABASE_FILE, openDatabase, schemaVersion } from './core/db';
import type { Logger } from './core/logger';
import { Runtime } from './core/runtime';
import { settle } from './core/registry';
import { newConnection } from './core/session';
import { applyChangeFile, exchangeWithSharedFolder, exportChangesAudited } from './sync/index';
import { resolveDataDir } from './data-dir';
import { exportClinicTo } from './exports/index';
import { callFromCli } from './transports/cli';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Asks for a secret with echo off; absent when there is nobody to ask. */
  prompt?: (question: string) => Promise<string>;
}

const USAGE = `Usage: lumen <command> [--data-dir DIR]
  call <method> ['<json input>'] [--user NAME]   call one method (password from LUMEN_PASSWORD or a prompt)
  import-file PATH --user NAME                   add a CSV or .xlsx file to import: its table, guessed mappings and
                                                 fileId for imports.preview / imports.run (via call)
  backup                                         make a manual backup now
  restore FILE                                   replace the clinic database with a backup (a safety copy is kept)
  audit-verify                                   check the database file, the audit log's hash chain and the ledgers (exit 1 when broken)
  migrate                                        bring the database schema up to date
  export-changes FOLDER [--for WORKSTATION_ID]   write the changes the other workstations lack into a change file
  import-changes FILE                            apply a change file from another workstation
  sync                                           exchange change files with the shared folder now
  join FILE --name NAME --prefix P --user NAME   start this data folder as a new workstation from a copy of another's
                                                 database (a backup); an owner or manager confirms with their password
  export-clinic PATH.zip                         write the whole clinic as one archive: a CSV per table, manifest.json,
                                                 README.txt and the photos (secrets left out); audited
`;

const CLI_ACTOR: Actor = { staffId: null, name: 'command line' };
const VALUE_FLAGS = new Set(['data-dir', 'user', 'for', 'name', 'prefix']);
/** Each command's [fewest, most] positional arguments. */
const ARITY: Record<string, [number, number] | undefined> = {
  call: [1, 2],
  'import-file': [1, 1],
  backup: [0, 0],
  restore: [1, 1],
  'audit-verify': [0, 0],
  migrate: [0, 0],
  'export-changes': [1, 1],
  'import-changes': [1, 1],
  sync: [0, 0],
  join: [1, 1],
  'export-clinic': [1, 1],
};

class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (name === 'help') {
      flags.set('help', '');
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new UsageError(`Unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { positional, flags };
}

const failure = (code: LumenErrorShape['code'], message: string): Settled<never> => ({ ok: false, error: { code, message } });

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...args] = parsed.positional;
  if (parsed.flags.has('help') || command === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const arity = command && Object.hasOwn(ARITY, command) ? ARITY[command] : undefined;
  if (!arity || args.length < arity[0] || args.length > arity[1]) {
    io.stderr.write(command && !arity ? `Unknown command "${command}"\n\n${USAGE}` : USAGE);
    return 2;
  }

  const dataDir = resolveDataDir(argv, io.env);
  const logger: Logger = {
    info() {},
    warn: (message) => io.stderr.write(`warning: ${message}\n`),
    error: (message, extra) => io.stderr.write(`${message}${extra instanceof Error ? `\n${extra.stack ?? extra.message}` : ''}\n`),
  };

  let settled: Settled<unknown>;
  try {
    settled = await run(command, args, parsed.flags, dataDir, io, logger);
  } catch (error) {
    logger.error(`${command} failed unexpectedly`, error);
    settled = failure('internal', 'Something went wrong; the details are above.');
  }
  io.stdout.write(`${JSON.stringify(settled.ok ? (settled.value ?? null) : settled.error, null, 2)}\n`);
  const brokenChain = command === 'audit-verify' && settled.ok && !(settled.value as ChainReport).ok;
  return settled.ok && !brokenChain ? 0 : 1;
}

async function run(command: string, args: string[], flags: Map<string, string>, dataDir: string, io: CliIo, logger: Logger): Promise<Settled<unknown>> {
  if (command === 'call') {
    let input: unknown;
    if (args[1] !== undefined) {
      try {
        input = JSON.parse(args[1]);
      } catch {
        return failure('invalid_input', 'The input is not valid JSON.');
      }
    }
    const user = flags.get('user');
    let password: string | undefined;
    if (user !== undefined) {
      password = await passwordOf(user, io);
      if (password === undefined) return failure('unauthenticated', 'Set LUMEN_PASSWORD or run in a terminal to be asked for the password.');
    }
    return withLumen(dataDir, logger, (lumen) => callFromCli(lumen.registry, { method: args[0], input, user, password }, logger));
  }
  if (command === 'import-file') {
    const path = resolve(args[0]);
    if (!existsSync(path)) return failure('not_found', `There is no file at ${path}.`);
    const user = flags.get('user');
    const password = user === undefined ? undefined : await passwordOf(user, io);
    if (user !== undefined && password === undefined) return failure('unauthenticated', 'Set LUMEN_PASSWORD or run in a terminal to be asked for the password.');
    const input = { fileName: basename(path), dataBase64: readFileSync(path).toString('base64') };
    return withLumen(dataDir, logger, (lumen) => callFromCli(lumen.registry, { method: 'imports.addFile', input, user, password }, logger));
  }

  if (command === 'join') return join(resolve(args[0]), flags, dataDir, io, logger);

  if (command === 'migrate') {
    const file = resolve(dataDir, DATABASE_FILE);
    let from = 0;
    if (existsSync(file)) {
      const before = await openDatabase(file, { readonly: true });
      from = schemaVersion(before.sqlite);
      before.sqlite.close();
    }
    return withLumen(dataDir, logger, async ({ runtime }) =>
      runtime.isOpen ? { ok: true, value: { from, to: schemaVersion(runtime.sqlite) } } : failure('unavailable', runtime.recoveryMessage ?? 'The clinic database is not open.'),
    );
  }

  const onUnexpected = (error: unknown) => logger.error(`${command} failed unexpectedly`, error);
  if (command === 'restore') {
    // Restore is how a folder whose database will not open at all (damaged, from a newer Lumen) gets repaired.
    const runtime = new Runtime({ dataDir, logger, backgroundIntegrityCheck: false });
    try {
      await runtime.open();
    } catch (error) {
      logger.warn(`The current database cannot be opened (${(error as Error).message}); restoring over it`);
    }
    try {
      return await settle(() => restoreBackup(runtime, resolve(args[0]), CLI_ACTOR), onUnexpected);
    } finally {
      await runtime.close();
    }
  }
  return withLumen(dataDir, logger, (lumen) => {
    const runtime = lumen.runtime;
    if (command === 'backup') return settle(() => runBackup(runtime, { kind: 'manual', actor: CLI_ACTOR }), onUnexpected);
    if (command === 'export-changes') {
      const exportNow = runtime.sqlite.transaction(() => {
        runtime.workstation?.stamp(runtime.clock.now());
        return exportChangesAudited(runtime, resolve(args[0]), flags.get('for'), CLI_ACTOR);
      });
      return settle(() => lumen.registry.exclusive(async () => exportNow.immediate()), onUnexpected);
    }
    if (command === 'import-changes') {
      return settle(() => lumen.registry.exclusive(() => applyChangeFile(runtime, readChangeFile(resolve(args[0])), { label: basename(args[0]) })), onUnexpected);
    }
    if (command === 'sync') return settle(() => lumen.registry.exclusive(() => exchangeWithSharedFolder(runtime)), onUnexpected);
    if (command === 'export-clinic') return settle(() => lumen.registry.exclusive(() => exportClinicTo(runtime, resolve(args[0]), CLI_ACTOR)), onUnexpected);
    if (!runtime.isOpen) return Promise.resolve(failure('unavailable', runtime.recoveryMessage ?? 'The clinic database is not open.'));
    return settle(() => verifyClinic(runtime), onUnexpected);
  });
}

/**
 * audit-verify: SQLite's check of the whole file (the CLI's other commands do not read it all), then the audit
 * chain and the ledgers.
 */
async function verifyClinic(runtime: Runtime): Promise<ReturnType<typeof verifyRecords> & { integrityProblem: string | null }> {
  try {
    await runtime.checkIntegrity();
  } catch (error) {
    if (!runtime.recoveryMessage) throw error;
  }
  const records = verifyRecords(runtime.sqlite);
  const integrityProblem = runtime.recoveryMessage;
  if (!integrityProblem) return { ...records, integrityProblem };
  return { ...records, ok: false, message: records.ok ? integrityProblem : `${integrityProblem} ${records.message}`, integrityProblem };
}

async function passwordOf(user: string, io: CliIo): Promise<string | undefined> {
  return io.env.LUMEN_PASSWORD ?? (io.prompt ? await io.prompt(`Password for ${user}: `) : undefined);
}

function readChangeFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new LumenError('not_found', `There is no file at ${file}.`);
  }
}

/** A new workstation from a copy of another's database: the copy goes into the empty data folder and takes its own identity. */
async function join(file: string, flags: Map<string, string>, dataDir: string, io: CliIo, logger: Logger): Promise<Settled<unknown>> {
  const [name, seriesPrefix, user] = [flags.get('name'), flags.get('prefix'), flags.get('user')];
  if (!name || !seriesPrefix || !user) return failure('invalid_input', 'join needs --name (this workstation), --prefix (its patient number series) and --user (an owner or manager).');
  if (existsSync(resolve(dataDir, DATABASE_FILE))) return failure('conflict', `${dataDir} already holds a clinic database; join into an empty data folder.`);
  if (!existsSync(file)) return failure('not_found', `There is no file at ${file}.`);
  const password = await passwordOf(user, io);
  if (password === undefined) return failure('unauthenticated', 'Set LUMEN_PASSWORD or run in a terminal to be asked for the password.');
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(file, resolve(dataDir, DATABASE_FILE));
  const joined = await withLumen(dataDir, logger, (lumen) =>
    settle(() => lumen.registry.call('workstations.claim', { name, seriesPrefix, username: user, password }, newConnection('cli'))),
  );
  // A refused claim leaves the folder as it was: empty.
  if (!joined.ok) rmSync(resolve(dataDir, DATABASE_FILE), { force: true });
  return joined;
}

/** Opens the clinic for one command and always closes it; a folder that cannot be opened is a typed `unavailable`. */
async function withLumen(dataDir: string, logger: Logger, fn: (lumen: Lumen) => Promise<Settled<unknown>>): Promise<Settled<unknown>> {
  let lumen: Lumen;
  try {
    // A one-shot command would only wait at close for a background check of the whole file (seconds on a large one).
    lumen = await openLumen({ dataDir, logger, backgroundIntegrityCheck: false });
  } catch (error) {
    logger.error(`Could not open ${dataDir}`, error);
    return failure('unavailable', `The clinic in ${dataDir} cannot be opened: ${(error as Error).message}`);
  }
  try {
    return await fn(lumen);
  } finally {
    await lumen.close();
  }
}

/** Reads a line from the terminal without echoing it; from a pipe it simply reads the first line. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((done, fail) => {
    let text = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) fail(error);
      else done(text);
    };
    const onEnd = () => finish();
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') return finish(new Error('Cancelled'));
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, prompt: promptHidden }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
