import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type Carriers, connectCarriers, openMessagesClinic, queueMessage } from './setup';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const WORKER = join(ROOT, 'tests', 'support', 'outbox-worker.ts');

let carriers: Carriers | undefined;
let dataDir: string | undefined;
let worker: ChildProcess | undefined;
afterEach(async () => {
  worker?.kill('SIGKILL');
  await carriers?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the sending process; resolves once it has opened the clinic. `exited` settles with its exit code. */
function startWorker(at: string): Promise<{ child: ChildProcess; exited: Promise<number | null>; output: () => string }> {
  const child = spawn(TSX, [WORKER, dataDir!, at], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  worker = child;
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.startsWith('ready')) resolve({ child, exited, output: () => output });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`The worker stopped before it was ready (${code}): ${output}`)));
  });
}

function readOutbox(): { id: number; channel: 'email' | 'sms'; recipient: string; body: string; status: string }[] {
  const db = new Database(join(dataDir!, 'lumen.sqlite3'), { readonly: true });
  try {
    return db.prepare('SELECT id, channel, recipient, body, status FROM outbox ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

describe('crash test: the sending process killed at random points', () => {
  it('delivers every message exactly once or leaves it queued: none twice, none lost', async () => {
    const clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    dataDir = clinic.dataDir;
    carriers = await connectCarriers(clinic);
    // No quiet hours and a generous cap: the worker's clock may stand at any hour.
    await clinic.call('messages.saveRules', { smsQuietFrom: '00:00', smsQuietUntil: '00:00', dailyCap: 20, replyTargetHours: 24 });
    for (let p = 0; p < 30; p++) {
      const patientId = await clinic.patient();
      queueMessage(clinic, { patientId, channel: 'email', body: `Email number ${p}` });
      queueMessage(clinic, { patientId, channel: 'sms', body: `SMS number ${p}` });
    }
    await clinic.lumen.close();
    // The servers hold their acknowledgement a moment after taking a message in, as real ones over a network do: a
    // kill then often falls between delivery and acknowledgement, the case reconciliation exists for.
    carriers.mail.ackDelayMs = 40;
    carriers.gateway.answerDelayMs = 40;

    let day = 0;
    const at = () => new Date(Date.parse('2026-03-03T00:00:00Z') + day++ * 86_400_000).toISOString();
    // The parent watches the outbox (read-only, beside the worker) to kill the worker mid-run, after a random number of sends.
    const watch = new Database(join(dataDir, 'lumen.sqlite3'), { readonly: true });
    const count = (status: string) => watch.prepare('SELECT count(*) FROM outbox WHERE status = ?').pluck().get(status) as number;
    let killsWhileSending = 0;
    try {
      for (let kill = 0; kill < 6 && count('queued') + count('sending') > 0; kill++) {
        const { child, exited } = await startWorker(at());
        let running = true;
        void exited.then(() => (running = false));
        const target = count('sent') + 1 + Math.floor(Math.random() * 10);
        while (running && count('sent') < target) await new Promise((r) => setTimeout(r, 1));
        // Every other kill waits for a message in the carrier's hands; the rest fall wherever the worker is.
        while (running && kill % 2 === 0 && count('sending') === 0) await new Promise((r) => setTimeout(r, 1));
        child.kill('SIGKILL');
        await exited;
        if (count('sending') > 0) killsWhileSending++;
      }
    } finally {
      watch.close();
    }
    expect(killsWhileSending).toBeGreaterThan(0);

    const last = await startWorker(at());
    const code = await Promise.race([last.exited, new Promise((r) => setTimeout(() => r('timeout'), 60_000))]);
    expect(code, last.output()).toBe(0);

    const rows = readOutbox();
    expect(rows).toHaveLength(60);
    for (const row of rows) {
      const deliveries =
        row.channel === 'email'
          ? carriers.mail.deliveredTo(row.recipient).filter((m) => m.text.trim() === row.body)
          : carriers.gateway.sentTo(row.recipient).filter((m) => m.body === row.body);
      expect({ id: row.id, status: row.status, deliveries: deliveries.length }).toEqual({ id: row.id, status: 'sent', deliveries: 1 });
    }
    // Every email's Message-ID reached the server once (a resend would repeat it).
    const ids = carriers.mail.delivered.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  }, 240_000);
});
