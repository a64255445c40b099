import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local HTTP server playing a Twilio-style SMS gateway:
 * - `POST /2010-04-01/Accounts/{account}/Messages.json` (form: To, From, Body; basic auth account:token) → 201 with
 *   the message's `sid`;
 * - `GET  /2010-04-01/Accounts/{account}/Messages.json?To=&From=&DateSent>=YYYY-MM-DD&PageSize=` → `{ messages,
 *   next_page_uri }`, newest first, both directions (`outbound-api`, `inbound`);
 * - `receive()` puts a patient's text into the clinic number's inbound messages.
 * Faults are switched per test and apply to message creation; `faultCount` limits how many requests they hit.
 */
export interface GatewayMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  direction: 'outbound-api' | 'inbound';
  date_created: string;
  date_sent: string;
  status: string;
}

export type GatewayFault =
  /** 500 with a JSON error. */
  | 'error500'
  /** 429 with Retry-After (seconds, `retryAfterSeconds`). */
  | 'rateLimit'
  /** Never answers (the client must time out). */
  | 'hang'
  /** Accepts and records the message, then drops the connection before answering. */
  | 'dropAfterAccept';

export interface SmsGateway {
  baseUrl: string;
  account: string;
  token: string;
  clinicNumber: string;
  /** Every message, oldest first. */
  messages: GatewayMessage[];
  sentTo(to: string): GatewayMessage[];
  receive(message: { from: string; body: string; at?: Date }): GatewayMessage;
  fault: GatewayFault | null;
  /** How many requests the fault still hits (Infinity: until switched off). */
  faultCount: number;
  retryAfterSeconds: number;
  /** How long the gateway holds its answer after recording a message. */
  answerDelayMs: number;
  /** Requests that created (or tried to create) a message. */
  createRequests: number;
  close(): Promise<void>;
}

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'gateway-token-1';
const E164 = /^\+[1-9]\d{6,14}$/;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSmsGateway(options: { clinicNumber?: string } = {}): Promise<SmsGateway> {
  let sequence = 0;
  const nextSid = () => `SM${String(++sequence).padStart(32, '0')}`;
  const record = (message: Omit<GatewayMessage, 'sid' | 'date_created' | 'date_sent' | 'status'>, at: Date): GatewayMessage => {
    const stored: GatewayMessage = { sid: nextSid(), ...message, date_created: at.toUTCString(), date_sent: at.toUTCString(), status: message.direction === 'inbound' ? 'received' : 'sent' };
    gateway.messages.push(stored);
    return stored;
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => json(res, 500, { code: 20500, message: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`;
    const auth = req.headers.authorization ?? '';
    if (auth !== `Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    if (url.pathname !== path) return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });

    if (req.method === 'GET') {
      const to = url.searchParams.get('To');
      const from = url.searchParams.get('From');
      const since = url.searchParams.get('DateSent>');
      const pageSize = Number(url.searchParams.get('PageSize') ?? 50);
      const page = Number(url.searchParams.get('Page') ?? 0);
      const matching = gateway.messages
        .filter((m) => (!to || m.to === to) && (!from || m.from === from) && (!since || new Date(m.date_sent).toISOString().slice(0, 10) >= since))
        .reverse();
      const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
      const more = matching.length > (page + 1) * pageSize;
      const next = new URL(url);
      next.searchParams.set('Page', String(page + 1));
      return json(res, 200, { messages: slice, page, page_size: pageSize, next_page_uri: more ? `${next.pathname}${next.search}` : null });
    }
    if (req.method !== 'POST') return json(res, 405, { code: 20405, message: 'Method not allowed', status: 405 });

    gateway.createRequests++;
    const form = new URLSearchParams(await readBody(req));
    const fault = gateway.faultCount > 0 ? gateway.fault : null;
    if (fault) gateway.faultCount--;
    if (fault === 'hang') return;
    if (fault === 'error500') return json(res, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
    if (fault === 'rateLimit') return json(res, 429, { code: 20429, message: 'Too Many Requests', status: 429 }, { 'Retry-After': String(gateway.retryAfterSeconds) });
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    if (!E164.test(to)) return json(res, 400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
    if (form.get('From') !== gateway.clinicNumber) return json(res, 400, { code: 21606, message: 'The From phone number is not a valid, SMS-capable number for your account.', status: 400 });
    if (!body) return json(res, 400, { code: 21602, message: 'Message body is required.', status: 400 });
    const message = record({ to, from: gateway.clinicNumber, body, direction: 'outbound-api' }, new Date());
    if (fault === 'dropAfterAccept') {
      req.socket.destroy();
      return;
    }
    if (gateway.answerDelayMs) await new Promise((resolve) => setTimeout(resolve, gateway.answerDelayMs));
    return json(res, 201, message);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const gateway: SmsGateway = {
    baseUrl: `http://127.0.0.1:${port}/2010-04-01`,
    account: ACCOUNT,
    token: TOKEN,
    clinicNumber: options.clinicNumber ?? '+4930123456789',
    messages: [],
    sentTo: (to) => gateway.messages.filter((m) => m.direction === 'outbound-api' && m.to === to),
    receive: ({ from, body, at }) => record({ to: gateway.clinicNumber, from, body, direction: 'inbound' }, at ?? new Date()),
    fault: null,
    faultCount: Infinity,
    retryAfterSeconds: 30,
    answerDelayMs: 0,
    createRequests: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return gateway;
}
