import { afterEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../../src-main/messages/index';
import { type Carriers, connectCarriers, TEST_TIMEOUT_MS } from '../messages/setup';
import { openSurveyClinic, SITES, type SurveyClinic } from './support';

let clinic: SurveyClinic;
let carriers: Carriers;
afterEach(async () => {
  await clinic?.close();
  await carriers?.close();
});

async function readReplies(): Promise<void> {
  await clinic.lumen.scheduler.runNow('replies');
  await clinic.lumen.scheduler.idle();
}

const phoneOf = (patientId: number) => clinic.lumen.runtime.sqlite.prepare('SELECT phone FROM patient WHERE id = ?').pluck().get(patientId) as string;

describe('scores by SMS, through the real gateway', () => {
  it('asks, reads "9" as the score, and a review request goes out; a reply that is not a score stays in the inbox', async () => {
    clinic = await openSurveyClinic();
    carriers = await connectCarriers(clinic);
    const { gateway } = carriers;
    const ana = await clinic.patient();
    const ben = await clinic.patient();
    const cleo = await clinic.patient();
    await clinic.visit(ana, '2026-03-03T10:00:00Z');
    await clinic.visit(ben, '2026-03-03T11:00:00Z');
    await clinic.visit(cleo, '2026-03-03T12:00:00Z');
    await clinic.setNow('2026-03-03T14:00:00Z');
    expect(await clinic.call('satisfaction.runAsk', {})).toEqual({ asked: 3, unreachable: 0 });
    await drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS });
    expect(gateway.sentTo(phoneOf(ana)).map((m) => m.body)).toEqual([
      'Lumen Test Clinic: How was your visit with Dr. Petra Weiss? Reply with a number from 0 to 10 (10 = excellent); add a comment after the number if you like.',
    ]);

    gateway.receive({ from: phoneOf(ana), body: '9' });
    gateway.receive({ from: phoneOf(ben), body: 'Can I book the same again next month?' });
    gateway.receive({ from: phoneOf(cleo), body: '4 - the room was freezing' });
    await clinic.setNow('2026-03-03T14:05:00Z');
    await readReplies();

    expect((await clinic.call('satisfaction.forPatient', { patientId: ana })).scores).toMatchObject([{ score: 9, source: 'sms', comment: '' }]);
    expect((await clinic.call('satisfaction.forPatient', { patientId: ben })).scores).toEqual([]);
    expect((await clinic.call('satisfaction.forPatient', { patientId: cleo })).scores).toMatchObject([{ score: 4, comment: 'the room was freezing' }]);

    // The score needs no answer; Ben's question does. Both stay in their conversations.
    const inbox = await clinic.call('messages.inbox', { view: 'unanswered' });
    expect(inbox.rows.map((r) => [r.patientId, r.preview])).toEqual([[ben, 'Can I book the same again next month?']]);
    const thread = await clinic.call('messages.thread', { patientId: ana });
    expect(thread.items.map((i) => [i.direction, i.body.slice(0, 20)])).toEqual([
      ['out', 'Lumen Test Clinic: H'],
      ['in', '9'],
      ['out', 'Lumen Test Clinic: T'],
    ]);

    await drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS });
    const review = gateway.sentTo(phoneOf(ana)).at(-1)!.body;
    for (const site of SITES) expect(review).toContain(site.url);
    expect((await clinic.call('satisfaction.reviews', {})).rows.map((r) => [r.patientId, r.messageStatus])).toEqual([
      [ana, 'sent'],
      [ana, 'sent'],
    ]);
    expect((await clinic.call('satisfaction.complaints', {})).rows).toMatchObject([{ patientId: cleo, score: 4, comment: 'the room was freezing' }]);

    // A second number from Ana is an ordinary message: her survey is answered.
    gateway.receive({ from: phoneOf(ana), body: '10' });
    await clinic.setNow('2026-03-03T14:10:00Z');
    await readReplies();
    expect(clinic.count('surveyResponse')).toBe(2);
    expect((await clinic.call('messages.inbox', { view: 'unanswered' })).rows.map((r) => r.preview)).toEqual(['Can I book the same again next month?', '10']);
  });
});
