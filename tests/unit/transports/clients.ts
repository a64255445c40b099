import { request } from 'node:http';
import type { IpcCallEvent } from '../../../src-main/transports/ipc';
import type { Settled } from '../../../src-shared/errors';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/** A raw HTTP request (unlike fetch, it can send any Host header), to 127.0.0.1 unless told otherwise. */
export function http(
  port: number,
  path: string,
  { method = 'GET', headers = {}, body, hostname = '127.0.0.1' }: { method?: string; headers?: Record<string, string>; body?: string | Buffer; hostname?: string } = {},
): Promise<HttpReply> {
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        done({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A browser as the host sees it: the secret cookie from the launch URL and whatever connection cookie it is given. */
export async function browser(launchUrl: string) {
  const url = new URL(launchUrl);
  const port = Number(url.port);
  const jar = new Map<string, string>();
  const remember = (reply: HttpReply) => {
    for (const line of [reply.headers['set-cookie'] ?? []].flat()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return reply;
  };
  remember(await http(port, url.pathname + url.search));
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    get: async (path: string) => remember(await http(port, path, { headers: { cookie: cookieHeader() } })),
    call: async (method: string, input?: unknown) =>
      remember(
        await http(port, `/api/call/${method}`, {
          method: 'POST',
          headers: { cookie: cookieHeader(), 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
          body: JSON.stringify({ input }),
        }),
      ),
  };
}

/** Electron's ipcMain and webContents as the IPC adapter sees them. */
export function fakeIpcMain() {
  type Listener = (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>;
  const handlers = new Map<string, Listener>();
  return {
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    removeHandler: (channel: string) => void handlers.delete(channel),
    handlers,
    /** What `ipcRenderer.invoke('lumen:call', name, input)` from this window's frame would get. */
    invoke(sender: FakeWebContents, name: string, input?: unknown, frame: IpcCallEvent['senderFrame'] = { url: 'lumen://app/', parent: null }) {
      const listener = handlers.get('lumen:call');
      if (!listener) throw new Error('lumen:call is not registered');
      return listener({ sender, senderFrame: frame }, name, input) as Promise<Settled<unknown>>;
    },
  };
}

export type FakeWebContents = IpcCallEvent['sender'] & { destroy(): void };

export function fakeWebContents(id: number): FakeWebContents {
  const onDestroyed: (() => void)[] = [];
  return {
    id,
    once: (_event: 'destroyed', listener: () => void) => onDestroyed.push(listener),
    destroy: () => onDestroyed.splice(0).forEach((listener) => listener()),
  };
}
