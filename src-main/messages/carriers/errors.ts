/**
 * What went wrong with a carrier (nodemailer, imapflow, fetch), in words a receptionist understands, and what the
 * outbox does about it. Words never carry a password or token: they are built from codes and the server's reply,
 * and anything that looks like a credential is cut out of a reply before it is quoted.
 */
export interface CarrierFault {
  words: string;
  /** Worth another try later (a temporary refusal, a server that is down); false: a person must fix something. */
  retryable: boolean;
  /** No network or the server cannot be reached: nothing was handed over; waiting costs no attempt. */
  offline: boolean;
  /**
   * The message may have been delivered: the connection broke or timed out after it was handed over. It is not sent
   * again until the mailbox or gateway has been checked (reconciliation).
   */
  uncertain: boolean;
  /** The account is at fault (credentials, TLS settings), not this message: every message would fail the same way. */
  account: boolean;
}

interface ErrorShape {
  code?: unknown;
  originalCode?: unknown;
  errno?: unknown;
  responseCode?: unknown;
  response?: unknown;
  timeoutType?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  responseText?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  reason?: unknown;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EDNS', 'ENETDOWN', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'NoConnection']);
const BROKEN = new Set(['ECONNRESET', 'EPIPE', 'ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EConnectionClosed', 'ETIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS']);
const TLS = /CERT|SSL|TLS|self[- ]signed|certificate|handshake|DEPTH_ZERO|UNABLE_TO_VERIFY|ERR_TLS/i;
export const OFFLINE_WORDS = 'No network or server unreachable';

/** A server's reply, one line, without anything that could be a credential (AUTH lines, base64 blobs, long tokens). */
export function quoteReply(reply: string, secret?: string | null): string {
  let text = reply.replace(/\s+/g, ' ').trim();
  if (secret) text = text.split(secret).join('•••');
  return text.replace(/\b[A-Za-z0-9+/=]{24,}\b/g, '•••').slice(0, 200);
}

function codesOf(error: ErrorShape): string[] {
  const codes: string[] = [];
  for (let e: ErrorShape | undefined = error, depth = 0; e && depth < 4; e = e.cause as ErrorShape | undefined, depth++) {
    for (const c of [e.code, e.originalCode, e.timeoutType, e.serverResponseCode]) if (typeof c === 'string') codes.push(c);
  }
  return codes;
}

function messageOf(error: ErrorShape): string {
  const parts: string[] = [];
  for (let e: ErrorShape | undefined = error, depth = 0; e && depth < 4; e = e.cause as ErrorShape | undefined, depth++) {
    if (typeof e.message === 'string') parts.push(e.message);
    if (typeof e.reason === 'string') parts.push(e.reason);
  }
  return parts.join(' ');
}

/** An SMTP reply code: 4xx temporary, 5xx permanent (535 and its kin: the credentials). */
function smtpReply(code: number, reply: string): CarrierFault {
  if (code === 535 || code === 534 || code === 530) return { words: `Wrong user name or password (${code})`, retryable: false, offline: false, uncertain: false, account: true };
  if (code >= 400 && code < 500) return { words: `The mail server refused for now, will try again (${reply})`, retryable: true, offline: false, uncertain: false, account: false };
  return { words: `The mail server refused the message (${reply})`, retryable: false, offline: false, uncertain: false, account: false };
}

/** Any error thrown by nodemailer, imapflow or fetch. `secret` is cut out of anything quoted. */
export function describeCarrierError(thrown: unknown, secret?: string | null): CarrierFault {
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }) as ErrorShape;
  const codes = codesOf(error);
  const message = messageOf(error);
  const reply = quoteReply(typeof error.response === 'string' ? error.response : typeof error.responseText === 'string' ? error.responseText : '', secret);

  if (typeof error.responseCode === 'number') return smtpReply(error.responseCode, reply || quoteReply(message, secret));
  if (error.authenticationFailed === true || codes.includes('AUTHENTICATIONFAILED') || codes.includes('EAUTH')) {
    return { words: 'Wrong user name or password', retryable: false, offline: false, uncertain: false, account: true };
  }
  if (codes.includes('ETLS') || codes.some((c) => TLS.test(c)) || (TLS.test(message) && !codes.some((c) => UNREACHABLE.has(c)))) {
    return { words: `The secure connection failed: ${quoteReply(message, secret) || 'the server’s certificate or TLS setting is not accepted'}. Check the security setting (TLS, STARTTLS) and port.`, retryable: false, offline: false, uncertain: false, account: true };
  }
  if (codes.some((c) => UNREACHABLE.has(c)) || (codes.includes('ETIMEDOUT') && codes.some((c) => c === 'CONNECTION' || c === 'GREETING' || c === 'CONNECT'))) {
    return { words: OFFLINE_WORDS, retryable: true, offline: true, uncertain: false, account: false };
  }
  if (error.name === 'TimeoutError' || error.name === 'AbortError' || codes.some((c) => BROKEN.has(c)) || /socket|closed|timed? ?out|terminated/i.test(message)) {
    return { words: 'The connection broke or timed out: no network or server unreachable', retryable: true, offline: true, uncertain: true, account: false };
  }
  return { words: `Sending failed: ${quoteReply(message, secret) || 'unknown error'}`, retryable: false, offline: false, uncertain: false, account: false };
}

/** A gateway's HTTP answer other than success. */
export function describeGatewayStatus(status: number, body: unknown, secret?: string | null): CarrierFault {
  const said = typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' ? quoteReply(body.message, secret) : '';
  const detail = said ? `${status}: ${said}` : String(status);
  if (status === 401 || status === 403) return { words: `Wrong account id or token (${status})`, retryable: false, offline: false, uncertain: false, account: true };
  if (status === 429) return { words: `The SMS gateway asks to slow down (429)`, retryable: true, offline: false, uncertain: false, account: false };
  if (status >= 500) return { words: `The SMS gateway has a problem, will try again (${detail})`, retryable: true, offline: false, uncertain: false, account: false };
  return { words: `The SMS gateway refused the message (${detail})`, retryable: false, offline: false, uncertain: false, account: false };
}
