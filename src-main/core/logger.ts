import { appendFileSync } from 'node:fs';

export interface Logger {
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
}

/** Writes one line per event to stderr and, when given, to a log file in the data folder. */
export function createLogger(file?: string, { quiet = false } = {}): Logger {
  const write = (level: string, message: string, extra?: unknown) => {
    const detail = extra instanceof Error ? ` ${extra.stack ?? extra.message}` : extra === undefined ? '' : ` ${JSON.stringify(extra)}`;
    const line = `${new Date().toISOString()} ${level} ${message}${detail}\n`;
    if (!quiet || level === 'ERROR') process.stderr.write(line);
    if (file) {
      try {
        appendFileSync(file, line);
      } catch {
        // A log that cannot be written must never take the clinic down.
      }
    }
  };
  return {
    info: (m, e) => write('INFO', m, e),
    warn: (m, e) => write('WARN', m, e),
    error: (m, e) => write('ERROR', m, e),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
