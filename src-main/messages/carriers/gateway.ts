import type { SmsSettings } from '../../../src-shared/contract/messages';
import { type CarrierFault, describeGatewayStatus } from './errors';

/**
 * The core of a Twilio-style REST gateway client: `{baseUrl}/Accounts/{accountId}/Messages.json`, basic auth
 * `accountId:token`, form-encoded posts, JSON answers. Sending (sms.ts) and polling for replies use it.
 */
export const GATEWAY_TIMEOUT_MS = 10_000;

export interface GatewayResponse {
  status: number;
  body: unknown;
  /** From Retry-After (seconds or a date); null when absent. */
  retryAfterMs: number | null;
}

export interface GatewayRequest {
  method: 'GET' | 'POST';
  query?: Record<string, string>;
  form?: Record<string, string>;
  /** A `next_page_uri` from an earlier answer (a path on the gateway's host) instead of the messages resource. */
  pageUri?: string;
}

/** A message as the gateway lists it. */
export interface GatewayMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  direction: string;
  /** ISO instant. */
  createdAt: string;
}

/** An answer other than success, with its words (`fault`). */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly fault: CarrierFault,
    readonly retryAfterMs: number | null,
  ) {
    super(fault.words);
  }
}

export function messagesUrl(settings: SmsSettings): string {
  return `${settings.baseUrl.replace(/\/+$/, '')}/Accounts/${encodeURIComponent(settings.accountId)}/Messages.json`;
}

/** Retry-After in seconds, or as a date measured against the answer's own Date header (the server's clock, not ours). */
function retryAfter(header: string | null, answeredAt: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const wait = Date.parse(header) - Date.parse(answeredAt ?? '');
  return Number.isNaN(wait) ? null : Math.max(0, wait);
}

export async function gatewayRequest(settings: SmsSettings, token: string, request: GatewayRequest, timeoutMs = GATEWAY_TIMEOUT_MS): Promise<GatewayResponse> {
  const url = request.pageUri ? new URL(request.pageUri, settings.baseUrl) : new URL(messagesUrl(settings));
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method: request.method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${settings.accountId}:${token}`).toString('base64')}`,
      Accept: 'application/json',
      ...(request.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: request.form ? new URLSearchParams(request.form).toString() : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): kept as text.
  }
  return { status: response.status, body, retryAfterMs: retryAfter(response.headers.get('retry-after'), response.headers.get('date')) };
}

function toMessage(raw: Record<string, unknown>): GatewayMessage {
  const text = (key: string) => (typeof raw[key] === 'string' ? raw[key] : '');
  const created = Date.parse(text('date_created'));
  return { sid: text('sid'), to: text('to'), from: text('from'), body: text('body'), direction: text('direction'), createdAt: Number.isNaN(created) ? '' : new Date(created).toISOString() };
}

/** Messages to or from a number since a date (the gateway filters by day), every page. Throws GatewayError on a refusal. */
export async function listGatewayMessages(settings: SmsSettings, token: string, filter: { to?: string; from?: string; sinceDate: string }): Promise<GatewayMessage[]> {
  const query: Record<string, string> = { 'DateSent>': filter.sinceDate, PageSize: '100' };
  if (filter.to) query.To = filter.to;
  if (filter.from) query.From = filter.from;
  const messages: GatewayMessage[] = [];
  let request: GatewayRequest = { method: 'GET', query };
  for (;;) {
    const response = await gatewayRequest(settings, token, request);
    if (response.status !== 200) throw new GatewayError(response.status, describeGatewayStatus(response.status, response.body, token), response.retryAfterMs);
    const page = response.body as { messages?: Record<string, unknown>[]; next_page_uri?: string | null };
    messages.push(...(page.messages ?? []).map(toMessage));
    if (!page.next_page_uri) return messages;
    request = { method: 'GET', pageUri: page.next_page_uri };
  }
}
