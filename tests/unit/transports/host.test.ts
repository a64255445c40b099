import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '../../../src-main/core/logger';
import { createHost, type Host } from '../../../src-main/transports/host';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';
import { OWNER, openTestClinic, type TestClinic } from '../../support/clinic';
import { browser, http } from './clients';

let clinic: TestClinic;
let host: Host;
let sandbox: string;
let rendererDir: string;
/** The repository's own assets folder: the committed icon files are what the host serves. */
const assetsDir = fileURLToPath(new URL('../../../assets', import.meta.url));

beforeAll(async () => {
  clinic = await openTestClinic();
  sandbox = mkdtempSync(join(tmpdir(), 'lumen-host-'));
  rendererDir = join(sandbox, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lumen</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.info("app")');
  writeFileSync(join(sandbox, 'secret.txt'), 'patient records');
  host = await createHost({ registry: clinic.lumen.registry, rendererDir, assetsDir, logger: silentLogger });
});

afterAll(async () => {
  await host.close();
  await clinic.close();
  rmSync(sandbox, { recursive: true, force: true });
});

const jsonHeaders = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${host.secret}`, ...extra });

describe('loopback host: who may talk to it', () => {
  it('listens on 127.0.0.1 only, on a random port', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    expect(host.port).toBeGreaterThan(0);
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((nic) => nic && nic.family === 'IPv4' && !nic.internal);
    if (lan) await expect(http(host.port, '/', { hostname: lan.address })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses pages and calls without the per-launch secret', async () => {
    expect((await http(host.port, '/')).status).toBe(401);
    const call = await http(host.port, '/api/call/app.status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(call.status).toBe(401);
    expect(call.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const wrong = await http(host.port, '/?secret=not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('turns the launch URL into an HttpOnly, SameSite=Strict cookie and sends the browser to /', async () => {
    const reply = await http(host.port, `/?secret=${host.secret}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const [cookie] = [reply.headers['set-cookie']].flat() as string[];
    expect(cookie).toMatch(new RegExp(`^lumen_secret=${host.secret};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');

    const tab = await browser(host.url);
    const page = await tab.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Lumen</title>');
  });

  it('refuses a foreign Host header even with the secret (DNS rebinding)', async () => {
    for (const name of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const reply = await http(host.port, '/api/call/app.status', { method: 'POST', headers: jsonHeaders({ host: name }), body: '{}' });
      expect(reply.status, name).toBe(403);
    }
    const viaLocalhost = await http(host.port, '/api/call/app.status', { method: 'POST', headers: jsonHeaders({ host: `localhost:${host.port}` }), body: '{}' });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a foreign Origin and accepts its own', async () => {
    const post = (origin: string) => http(host.port, '/api/call/app.status', { method: 'POST', headers: jsonHeaders({ origin }), body: '{}' });
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post(`http://127.0.0.1:${host.port + 1}`)).status).toBe(403);
    expect((await post('null')).status).toBe(403);
    expect((await post(`http://127.0.0.1:${host.port}`)).status).toBe(200);
    expect((await post(`http://localhost:${host.port}`)).status).toBe(200);
  });
});

describe('loopback host: calls', () => {
  it('round-trips a call through the envelope and keeps one session per browser', async () => {
    const tab = await browser(host.url);
    const signIn = await tab.call('auth.signIn', { username: OWNER.username, password: OWNER.password });
    expect(signIn.status).toBe(200);
    expect(signIn.json()).toMatchObject({ ok: true, value: { username: OWNER.username, role: 'owner' } });
    expect(tab.jar.get('lumen_conn')).toBeTruthy();

    const created = await tab.call('patients.create', { firstName: 'Ana', lastName: 'Lima' });
    expect(created.json()).toMatchObject({ ok: true, value: { id: expect.any(Number) } });
    expect(clinic.count('patient')).toBe(1);

    const otherBrowser = await browser(host.url);
    expect((await otherBrowser.call('auth.session', {})).json()).toEqual({ ok: true, value: null });
    const refused = await otherBrowser.call('patients.create', { firstName: 'Bo', lastName: 'Berg' });
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(clinic.count('patient')).toBe(1);
  });

  it('answers an unknown method with not_found', async () => {
    const reply = await http(host.port, '/api/call/patients.explode', { method: 'POST', headers: jsonHeaders(), body: '{}' });
    expect(reply.status).toBe(404);
    expect(reply.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers bad JSON and bad input with a typed invalid_input', async () => {
    const broken = await http(host.port, '/api/call/app.status', { method: 'POST', headers: jsonHeaders(), body: '{"input": ' });
    expect(broken.status).toBe(400);
    expect(broken.json()).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.any(String) } });

    const tab = await browser(host.url);
    const weak = await tab.call('auth.signIn', { username: OWNER.username });
    expect(weak.status).toBe(400);
    expect(weak.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { fieldErrors: { password: expect.any(Array) } } } });
  });

  it('accepts only JSON POSTs up to 1 MB', async () => {
    expect((await http(host.port, '/api/call/app.status', { headers: jsonHeaders() })).status).toBe(405);
    expect((await http(host.port, '/api/call/app.status', { method: 'POST', headers: jsonHeaders({ 'content-type': 'text/plain' }), body: '{}' })).status).toBe(415);
    const huge = JSON.stringify({ input: { q: 'x'.repeat(1024 * 1024) } });
    const tooBig = await http(host.port, '/api/call/app.status', { method: 'POST', headers: jsonHeaders(), body: huge });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('turns an unexpected error into `internal` without a stack, and logs the stack', async () => {
    const logged: unknown[] = [];
    const logger: Logger = { ...silentLogger, error: (_message, extra) => logged.push(extra) };
    const failing = { call: async () => Promise.reject(new Error('disk on fire at /home/clinic/lumen.sqlite3')) };
    const broken = await createHost({ registry: failing as never, rendererDir, assetsDir, logger });
    try {
      const reply = await http(broken.port, '/api/call/app.status', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${broken.secret}` }, body: '{}' });
      expect(reply.status).toBe(500);
      expect(reply.json()).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
      expect(reply.text).not.toMatch(/disk on fire|lumen\.sqlite3|at .*\.ts/);
      expect((logged[0] as Error).stack).toContain('disk on fire');
    } finally {
      await broken.close();
    }
  });
});

describe('loopback host: the renderer files', () => {
  it('serves the app with the shared CSP and hardening headers', async () => {
    const tab = await browser(host.url);
    const page = await tab.get('/');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await tab.get('/assets/app-1234.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toContain('app');
  });

  it('falls back to index.html for app routes but not for missing assets', async () => {
    const tab = await browser(host.url);
    const route = await tab.get('/patients/12');
    expect(route.status).toBe(200);
    expect(route.text).toContain('<title>Lumen</title>');
    expect((await tab.get('/assets/missing.js')).status).toBe(404);
  });

  it('serves the app icon as the favicon, to the same browsers as every other file', async () => {
    const tab = await browser(host.url);
    const ico = await tab.get('/favicon.ico');
    expect([ico.status, ico.headers['content-type']]).toEqual([200, 'image/x-icon']);
    const svg = await tab.get('/favicon.svg');
    expect([svg.status, svg.headers['content-type']]).toEqual([200, 'image/svg+xml']);
    expect(svg.text).toContain('<svg');
    expect((await http(host.port, '/favicon.ico')).status).toBe(401);
  });

  it('never serves a file outside the renderer folder', async () => {
    const tab = await browser(host.url);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00']) {
      const reply = await tab.get(path);
      expect(reply.text, path).not.toContain('patient records');
    }
  });
});
