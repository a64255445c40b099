/**
 * The crash test's sending process: opens a clinic's data folder and drains its outbox until nothing is queued or
 * sending, then exits. The test kills it with SIGKILL at random points and starts it again.
 *
 * Usage: tsx tests/support/outbox-worker.ts <dataDir> <clock ISO>
 * The clock starts at the given instant and moves 3 minutes before each run, so a send of unknown outcome becomes
 * old enough to be called "not sent" without the test waiting in real time. It stays behind the real clock, which
 * the SMS gateway stamps its messages with.
 */
import { openLumen } from '../../src-main/app';
import { ManualClock } from '../../src-main/core/clock';
import { drainOutbox } from '../../src-main/messages/index';

const [dataDir, at] = process.argv.slice(2);
const clock = new ManualClock(at);
const lumen = await openLumen({ dataDir, clock });
process.stdout.write('ready\n');
const open = () => lumen.runtime.sqlite.prepare(`SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')`).pluck().get() as number;
while (open() > 0) {
  clock.set(new Date(clock.now().getTime() + 3 * 60_000).toISOString());
  process.stdout.write(`${await drainOutbox(lumen.runtime, { timeoutMs: 2000 })}\n`);
}
await lumen.close();
process.stdout.write('done\n');
