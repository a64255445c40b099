import { rmSync } from 'node:fs';
import type { Sqlite } from '../core/db';
import { newConnection } from '../core/session';
import { newId } from '../core/workstation';
import { DEMO_PASSWORD, Random } from '../demo/index';
import { FIRST_PAGE, THREAD_PAGE_SQL, THREAD_PATIENT_SQL } from '../messages/index';
import { openDemoCopy } from './copy';
import { type BenchRow, measure, type Operation, queryPlan, TIMED_RUNS, WARM_UP_RUNS } from './measure';

/** Patients given a long conversation, so neighbouring runs read different threads. */
const PATIENTS = 20;
const MESSAGES = 500;
const PAGE = 100;
const TARGET_MS = 20;

/**
 * Gives each patient a conversation of 500 messages over two years, half each way on both channels, as a desk that
 * writes and answers a lot would have (the demo's own outbox holds reminders only). Returns their ids.
 */
function seedConversations(sqlite: Sqlite, now: Date, rng: Random): number[] {
  const maxId = sqlite.prepare('SELECT max(id) FROM patient').pluck().get() as number;
  const staffId = sqlite.prepare(`SELECT id FROM staff WHERE username = 'frontdesk'`).pluck().get() as number;
  const byId = sqlite.prepare('SELECT id, email, phone FROM patient WHERE id >= ? AND mergedIntoId IS NULL ORDER BY id LIMIT 1');
  const out = sqlite.prepare(`INSERT INTO outbox (id, patientId, kind, channel, recipient, subject, body, dueAt, status, sentAt, urgent, staffId, dedupeKey, createdAt, updatedAt)
    VALUES (?, ?, 'conversation', ?, ?, ?, ?, ?, 'sent', ?, 0, ?, ?, ?, ?)`);
  const back = sqlite.prepare(`INSERT INTO inboundMessage (id, channel, carrierKey, patientId, matchedBy, fromAddress, subject, body, receivedAt, createdAt, updatedAt)
    VALUES (?, ?, ?, ?, 'address', ?, ?, ?, ?, ?, ?)`);
  const patients = new Set<number>();
  sqlite
    .transaction(() => {
      while (patients.size < PATIENTS) {
        const p = byId.get(rng.int(1, maxId)) as { id: number; email: string | null; phone: string | null } | undefined;
        if (!p || patients.has(p.id)) continue;
        patients.add(p.id);
        for (let i = 0; i < MESSAGES; i++) {
          const at = new Date(now.getTime() - (MESSAGES - i) * 35 * 3_600_000).toISOString();
          const channel = i % 3 === 0 ? 'email' : 'sms';
          const body = `Message ${i + 1}: ${'about the next visit and how the last one went. '.repeat(rng.int(1, 4))}`;
          const subject = channel === 'email' ? 'Your visit' : '';
          if (i % 2 === 0) {
            const id = newId(sqlite, 'outbox');
            out.run(id, p.id, channel, channel === 'email' ? p.email : p.phone, subject, body, at, at, staffId, `bench:${id}`, at, at);
          } else {
            const id = newId(sqlite, 'inboundMessage');
            back.run(id, channel, `bench:${id}`, p.id, (channel === 'email' ? p.email : p.phone) ?? '', subject, body, at, at, at);
          }
        }
      }
    })
    .immediate();
  return [...patients];
}

/**
 * "conversation thread": a patient with 500 messages (both directions, both channels) opened at its newest page
 * (`messages.thread`), on a copy of the demo clinic. Its floor is the handler's two statements: the patient with what
 * decides their consent, and the page.
 */
export async function conversationRows(demoDir: string): Promise<{ row: BenchRow; target: number; plans: string[] }[]> {
  const { dir, lumen } = await openDemoCopy(demoDir, 'lumen-bench-conversation-');
  try {
    const conn = newConnection('cli');
    await lumen.registry.call('auth.signIn', { username: 'frontdesk', password: DEMO_PASSWORD }, conn);
    const { sqlite } = lumen.runtime;
    const patients = seedConversations(sqlite, lumen.runtime.clock.now(), new Random(20261202));
    const patientAt = (run: number) => patients[run % patients.length];
    const op: Operation = {
      name: `conversation thread: ${MESSAGES} messages, newest page of ${PAGE} (messages.thread)`,
      targetP95Ms: TARGET_MS,
      call: (run) => lumen.registry.call('messages.thread', { patientId: patientAt(run), limit: PAGE }, conn),
      floor: (run) => [
        { sql: THREAD_PATIENT_SQL, params: [patientAt(run)] },
        { sql: THREAD_PAGE_SQL, params: { patientId: patientAt(run), ...FIRST_PAGE, limit: PAGE + 1 } },
      ],
    };
    process.stderr.write(`Measuring ${op.name} (${WARM_UP_RUNS} warm-up + ${TIMED_RUNS} timed runs, on a copy of the demo)…\n`);
    const row = await measure(sqlite, op);
    return [{ row, target: TARGET_MS, plans: op.floor(0).map((statement) => queryPlan(sqlite, statement)) }];
  } finally {
    await lumen.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
