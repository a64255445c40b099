import { afterEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../../src-main/messages/index';
import { type Carriers, connectCarriers, openMessagesClinic, type MessagesClinic, outboxRow, queueMessage, TEST_TIMEOUT_MS } from './setup';

let clinic: MessagesClinic;
let carriers: Carriers;
afterEach(async () => {
  await clinic?.close();
  await carriers?.close();
});

async function setUp() {
  clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
  carriers = await connectCarriers(clinic, { email: false, imap: false });
  const patientId = await clinic.patient({ firstName: 'Ana', phone: '+49 151 23456711' });
  return { patientId, phone: '+4915123456711' };
}

const drain = () => drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS });
const later = (minutes: number) => clinic.setNow(new Date(clinic.clock.now().getTime() + minutes * 60_000).toISOString());

describe('sending SMS through the gateway', () => {
  it('201: sent with the gateway’s message id', async () => {
    const { patientId, phone } = await setUp();
    const id = queueMessage(clinic, { patientId, channel: 'sms', body: 'See you Monday' });
    await drain();
    const [sms] = carriers.gateway.sentTo(phone);
    expect(sms).toMatchObject({ body: 'See you Monday', from: carriers.gateway.clinicNumber });
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(clinic.lumen.runtime.sqlite.prepare('SELECT carrierId FROM outbox WHERE id = ?').pluck().get(id)).toBe(sms.sid);
  });

  it('429: every SMS waits for Retry-After, using no attempt, then all go', async () => {
    const { patientId, phone } = await setUp();
    const other = await clinic.patient({ phone: '+49 151 99999999' });
    const ids = [queueMessage(clinic, { patientId, channel: 'sms', body: 'First' }), queueMessage(clinic, { patientId: other, channel: 'sms', body: 'Second' })];
    carriers.gateway.fault = 'rateLimit';
    carriers.gateway.faultCount = 1;
    carriers.gateway.retryAfterSeconds = 150;
    await drain();
    for (const id of ids) expect(await outboxRow(clinic, id)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: '2026-03-02T09:02:30.000Z' });
    expect(carriers.gateway.createRequests).toBe(1);
    await later(1);
    await drain();
    expect(carriers.gateway.createRequests).toBe(1);
    await later(2);
    await drain();
    for (const id of ids) expect(await outboxRow(clinic, id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(carriers.gateway.sentTo(phone)).toHaveLength(1);
    expect(carriers.gateway.sentTo('+4915199999999')).toHaveLength(1);
  });

  it('a gateway that never answers: timed out, looked up after 2 minutes, queued again and sent once', async () => {
    const { patientId, phone } = await setUp();
    const id = queueMessage(clinic, { patientId, channel: 'sms', body: 'Hello' });
    carriers.gateway.fault = 'hang';
    carriers.gateway.faultCount = 1;
    await drain();
    expect((await outboxRow(clinic, id)).status).toBe('sending');
    await drain();
    expect((await outboxRow(clinic, id)).status).toBe('sending');
    await later(2);
    await drain();
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(carriers.gateway.sentTo(phone)).toHaveLength(1);
  });

  it('the gateway took the SMS but the answer was lost: found by listing, marked sent with its id, never resent', async () => {
    const { patientId, phone } = await setUp();
    const id = queueMessage(clinic, { patientId, channel: 'sms', body: 'Hello' });
    carriers.gateway.fault = 'dropAfterAccept';
    carriers.gateway.faultCount = 1;
    await drain();
    expect((await outboxRow(clinic, id)).status).toBe('sending');
    expect(await drain()).toContain('after a stop: 1 found sent');
    const [sms] = carriers.gateway.sentTo(phone);
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(clinic.lumen.runtime.sqlite.prepare('SELECT carrierId FROM outbox WHERE id = ?').pluck().get(id)).toBe(sms.sid);
    await later(5);
    await drain();
    expect(carriers.gateway.sentTo(phone)).toHaveLength(1);
  });

  it('401: a wrong token is said plainly, the SMS waits, and Settings shows the channel failing', async () => {
    const { patientId } = await setUp();
    await clinic.call('messages.saveAccount', { kind: 'sms', settings: { baseUrl: carriers.gateway.baseUrl, accountId: carriers.gateway.account, fromNumber: carriers.gateway.clinicNumber }, secret: 'wrong-token-55' });
    const id = queueMessage(clinic, { patientId, channel: 'sms', body: 'Hello' });
    await drain();
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'queued', attempts: 0, statusReason: 'Wrong account id or token (401)' });
    expect((await clinic.call('messages.outbox', {})).carriers.sms).toMatchObject({ state: 'failing', detail: 'Wrong account id or token (401)' });
  });
});
