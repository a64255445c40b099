import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { openLumen } from '../app';
import { newConnection } from '../core/session';
import { drainOutbox } from '../messages/index';
import { type BenchRow, percentile, round3 } from './measure';

const MESSAGES = 1000;
/** Twenty a day each (the cap's most), so the cap never holds a message back. */
const PATIENTS = 50;
const TARGET_P95_MS = 50;
const OWNER = { username: 'bench', displayName: 'Bench Manager', password: 'correct horse battery staple' };

/**
 * "outbox drain": 1,000 queued emails sent by one run of the outbox job to an SMTP server on this machine (smtp-server,
 * a devDependency: the bench runs from the sources under tsx, with the dev dependencies installed). A fresh clinic,
 * since the drain reads only the outbox and its patients. Each message's time is the gap between two arrivals at the
 * server: marking it sending, the SMTP transaction, writing its outcome. Throughput is messages over the whole run.
 */
export async function outboxRows(): Promise<{ row: BenchRow; target: number; plans: string[] }[]> {
  const arrivals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        arrivals.push(performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'lumen-bench-outbox-'));
  const lumen = await openLumen({ dataDir: dir });
  try {
    const conn = newConnection('cli');
    const call = (name: string, input: unknown) => lumen.registry.call(name, input, conn);
    await call('setup.createClinic', { clinic: { name: 'Bench Clinic', address: { line1: 'Main St 1', city: 'Berlin', postalCode: '10117', country: 'DE' }, timeZone: 'Europe/Berlin', currency: 'EUR' }, owner: OWNER });
    await call('auth.signIn', { username: OWNER.username, password: OWNER.password });
    await call('messages.saveRules', { smsQuietFrom: '20:00', smsQuietUntil: '08:00', dailyCap: 20, replyTargetHours: 24 });
    const port = (server.server.address() as { port: number }).port;
    await call('messages.saveAccount', { kind: 'smtp', settings: { host: '127.0.0.1', port, security: 'none', user: '', fromName: 'Bench Clinic', fromAddress: 'desk@bench.test', replyTo: null } });
    const patientIds: number[] = [];
    for (let p = 0; p < PATIENTS; p++) {
      const { id } = (await call('patients.create', { firstName: 'Patient', lastName: `Number ${p}`, email: `patient${p}@bench.test` })) as { id: number };
      await call('patients.setConsent', { patientId: id, channel: 'email', granted: true, source: 'form' });
      patientIds.push(id);
    }
    const sqlite = lumen.runtime.sqlite;
    const now = lumen.runtime.clock.now().toISOString();
    const insert = sqlite.prepare(
      `INSERT INTO outbox (id, patientId, kind, channel, recipient, subject, body, dueAt, status, dedupeKey, createdAt, updatedAt)
       VALUES (?, ?, 'conversation', 'email', ?, 'Your visit', ?, ?, 'queued', ?, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 1; i <= MESSAGES; i++) {
        const patient = i % PATIENTS;
        insert.run(i, patientIds[patient], `patient${patient}@bench.test`, `Message ${i}: see you on Monday at 10:00.`, now, `bench:${i}`, now, now);
      }
    })();

    const started = performance.now();
    // The job sends at most a batch per run; it runs again until the outbox is empty, as the minute ticks would.
    while ((sqlite.prepare(`SELECT count(*) FROM outbox WHERE status = 'queued'`).pluck().get() as number) > 0) await drainOutbox(lumen.runtime);
    const totalMs = performance.now() - started;
    const sent = sqlite.prepare(`SELECT count(*) FROM outbox WHERE status = 'sent'`).pluck().get() as number;
    if (sent !== MESSAGES || arrivals.length !== MESSAGES) throw new Error(`The outbox drain sent ${sent} of ${MESSAGES} (the server received ${arrivals.length})`);
    const perMessage = arrivals.slice(1).map((at, i) => at - arrivals[i]).sort((a, b) => a - b);
    const perSecond = Math.round((MESSAGES / totalMs) * 1000);
    process.stderr.write(`The outbox drain sent ${MESSAGES} emails in ${(totalMs / 1000).toFixed(2)} s: ${perSecond} messages per second.\n`);
    return [
      {
        row: { name: `outbox drain (${MESSAGES} emails to a local SMTP server, per message)`, p50_ms: round3(percentile(perMessage, 0.5)), p95_ms: round3(percentile(perMessage, 0.95)), floor_p50_ms: null, ratio: null, per_second: perSecond },
        target: TARGET_P95_MS,
        plans: [],
      },
    ];
  } finally {
    await lumen.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}
