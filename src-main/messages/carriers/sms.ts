import { localDate } from '../../../src-shared/time';
import type { Account } from './accounts';
import type { MessageCarrier, OutgoingMessage } from './carrier';
import { describeCarrierError, describeGatewayStatus } from './errors';
import { GATEWAY_TIMEOUT_MS, GatewayError, gatewayRequest, listGatewayMessages } from './gateway';

/** Clocks differ: a gateway message created up to this long before our `sendingAt` still counts as ours. */
const CLOCK_SKEW_MS = 60_000;

/**
 * SMS through a Twilio-style gateway (POST To/From/Body). Everything specific to this provider is here: another
 * provider is another file implementing MessageCarrier.
 */
export function smsCarrier(sms: Account<'sms'>, timeoutMs = GATEWAY_TIMEOUT_MS): MessageCarrier {
  const { settings } = sms;
  const token = sms.secret ?? '';
  return {
    channel: 'sms',
    async send(message: OutgoingMessage) {
      try {
        const response = await gatewayRequest(settings, token, { method: 'POST', form: { To: message.recipient, From: settings.fromNumber, Body: message.body } }, timeoutMs);
        const body = response.body as { sid?: unknown };
        if (response.status === 200 || response.status === 201) return { ok: true, carrierId: typeof body.sid === 'string' ? body.sid : `HTTP ${response.status}` };
        return { ok: false, ...describeGatewayStatus(response.status, response.body, token), ...(response.retryAfterMs !== null ? { retryAfterMs: response.retryAfterMs } : {}) };
      } catch (error) {
        return { ok: false, ...describeCarrierError(error, token) };
      }
    },
    async wasSent(message: OutgoingMessage) {
      const since = new Date(Date.parse(message.sendingAt) - CLOCK_SKEW_MS);
      // The gateway filters by whole days (its own zone): ask from the day before.
      const sinceDate = localDate(new Date(since.getTime() - 24 * 3_600_000).toISOString(), 'UTC');
      try {
        const listed = await listGatewayMessages(settings, token, { to: message.recipient, from: settings.fromNumber, sinceDate });
        const ours = listed.find((m) => m.body === message.body && m.createdAt !== '' && m.createdAt >= since.toISOString());
        return ours ? { state: 'sent', carrierId: ours.sid } : { state: 'notSent' };
      } catch (error) {
        if (error instanceof GatewayError && !error.fault.retryable) return { state: 'unknown' };
        throw error;
      }
    },
    async close() {},
  };
}
