import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { verifyAuditChain } from '../../../src-main/core/audit';
import { ManualClock } from '../../../src-main/core/clock';
import type { Runtime } from '../../../src-main/core/runtime';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';
import { formatPatientNumber, phoneReversedOf, searchTokensOf, sortNameOf } from '../../../src-main/patients/index';
import { defaultRolePermissions, roles } from '../../../src-shared/permissions';

const NOW = '2026-03-02T15:00:00Z';
const folders: string[] = [];
const opened: Lumen[] = [];

async function emptyClinic(): Promise<Lumen> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-test-'));
  folders.push(dataDir);
  const lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  opened.push(lumen);
  return lumen;
}

async function demo(patients: number, seed = 42): Promise<Runtime> {
  const { runtime } = await emptyClinic();
  await generateDemoClinic(runtime, { patients, years: 10, seed });
  return runtime;
}

function rows(runtime: Runtime, sql: string): Record<string, unknown>[] {
  return runtime.sqlite.prepare(sql).all() as Record<string, unknown>[];
}

afterAll(async () => {
  for (const lumen of opened) await lumen.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('demo clinic generator', () => {
  it('builds the same clinic from the same seed, and a different one from another seed', async () => {
    const [a, b, c] = await Promise.all([demo(300, 7), demo(300, 7), demo(300, 8)]);
    for (const table of ['patient', 'patientSearch', 'patientClinical', 'patientConsent', 'patientTag', 'service', 'referralSource']) {
      const sql = `SELECT * FROM ${table} ORDER BY 1, 2`;
      expect(rows(b, sql), table).toEqual(rows(a, sql));
    }
    const staffSql = 'SELECT username, displayName, title, role FROM staff ORDER BY id';
    expect(rows(b, staffSql)).toEqual(rows(a, staffSql));
    const namesSql = 'SELECT number, firstName, lastName, phone FROM patient ORDER BY id';
    expect(rows(c, namesSql)).not.toEqual(rows(a, namesSql));
    // Three whole ten-year clinics: beside other suites on two cores this has run past the default 30 s.
  }, 90_000);

  describe('a 2,000-patient demo', () => {
    let lumen: Lumen;
    let runtime: Runtime;
    let progress: [number, number, string][];

    beforeAll(async () => {
      lumen = await emptyClinic();
      runtime = lumen.runtime;
      progress = [];
      const result = await generateDemoClinic(runtime, { patients: 2000, years: 10, seed: 42, onProgress: (done, total, step) => progress.push([done, total, step]) });
      expect(result.patients).toBe(2000);
    });

    /** A desk signed in through the registry, as the app would. */
    async function signedIn(username: string) {
      const conn = newConnection('test');
      await lumen.registry.call('auth.signIn', { username, password: DEMO_PASSWORD }, conn);
      return { search: (q: string, includeArchived = false) => lumen.registry.call('patients.search', { q, limit: 50, includeArchived }, conn) };
    }

    it('opens as a ready demo clinic in New York, with an audit entry saying so', () => {
      expect(runtime.state).toBe('ready');
      expect(runtime.clinicRow()).toMatchObject({ name: 'Lumière Aesthetics (demo)', isDemo: 1, timeZone: 'America/New_York', currency: 'USD', country: 'US' });
      expect(rows(runtime, 'SELECT weekday FROM openingHours ORDER BY weekday').map((r) => r.weekday)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(rows(runtime, 'SELECT rateMillipercent, isDefault FROM taxRate')).toEqual([{ rateMillipercent: 8875, isDefault: 1 }]);
      // The reminder templates are recorded as created "now", so no confirmation goes out for ten years of history.
      expect(rows(runtime, "SELECT action, entity, staffName FROM audit")).toEqual([
        ...Array.from({ length: 6 }, () => ({ action: 'create', entity: 'messageTemplate', staffName: 'system' })),
        // The default follow-up rules (tasks/defaults.ts), seeded with the demo's task history.
        ...Array.from({ length: 9 }, () => ({ action: 'create', entity: 'followUpRule', staffName: 'system' })),
        { action: 'setup', entity: 'clinic', staffName: 'system' },
      ]);
      expect(verifyAuditChain(runtime.sqlite).ok).toBe(true);
      // The bar names each step as it comes, only moves forward and ends full.
      expect([...new Set(progress.map(([, , step]) => step))]).toEqual([
        'Patients', 'Calendar and visit notes', 'Invoices and payments', 'Indexing the sales', 'Stock', 'Waitlist, day closes and segments',
        'Outreach', 'Sales reports and maintenance due dates', 'Follow-up tasks, loyalty, referrals and reviews',
      ]);
      const [lastDone, total] = progress.at(-1)!;
      expect(lastDone).toBe(total);
      expect(progress.every(([done, of], i) => of === total && (i === 0 || done >= progress[i - 1][0]))).toBe(true);
    });

    it('gives every role its default permissions', () => {
      for (const role of roles) expect(runtime.permissionsOf(role)).toEqual(new Set(defaultRolePermissions[role]));
    });

    it('has the named staff accounts, all signing in with the demo password', async () => {
      const staff = rows(runtime, 'SELECT username, role, title, passwordHash FROM staff') as { username: string; role: string; title: string; passwordHash: string }[];
      const usernames = staff.map((s) => s.username);
      expect(usernames).toEqual(expect.arrayContaining(['owner', 'manager', 'frontdesk', 'frontdesk2', 'dr.rivera']));
      const practitioners = staff.filter((s) => s.role === 'practitioner');
      // The ten founders plus the team hired over the decade: 30 active today, and the turnover of a busy clinic.
      expect(practitioners.length).toBeGreaterThanOrEqual(30);
      expect(practitioners.length).toBeLessThanOrEqual(40);
      expect(new Set(practitioners.map((p) => p.title))).toEqual(new Set(['MD', 'NP', 'PA', 'RN', 'Aesthetician', 'Laser tech']));
      expect(new Set(staff.map((s) => s.passwordHash)).size).toBe(1);
      for (const username of ['owner', 'frontdesk', 'dr.rivera']) await expect(signedIn(username)).resolves.toBeDefined();
    });

    it('finds every sampled patient by quick search of a last-name prefix and first name', async () => {
      const desk = await signedIn('frontdesk');
      const sample = rows(runtime, 'SELECT id, firstName, lastName, archivedAt FROM patient WHERE id % 40 = 3 ORDER BY id') as {
        id: number; firstName: string; lastName: string; archivedAt: string | null;
      }[];
      expect(sample).toHaveLength(50);
      for (const p of sample) {
        const q = `${p.lastName.slice(0, 4)} ${p.firstName}`;
        const found = await desk.search(q, p.archivedAt !== null);
        expect(found.map((r) => r.id), q).toContain(p.id);
      }
    });

    it('finds patients by their phone typed in national format, and by its last digits', async () => {
      const desk = await signedIn('frontdesk');
      const sample = rows(runtime, 'SELECT id, phone FROM patient WHERE phone IS NOT NULL AND archivedAt IS NULL AND id % 97 = 5') as { id: number; phone: string }[];
      expect(sample.length).toBeGreaterThan(10);
      for (const { id, phone } of sample) {
        const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
        expect((await desk.search(national)).map((r) => r.id), national).toContain(id);
        expect((await desk.search(phone.slice(-7))).map((r) => r.id), phone).toContain(id);
      }
    });

    it('prices the catalog in cents, taxing retail only', () => {
      const services = rows(runtime, 'SELECT s.kind, s.priceCents, s.taxable, c.name AS category FROM service s JOIN serviceCategory c ON c.id = s.categoryId') as {
        kind: string; priceCents: number; taxable: number; category: string;
      }[];
      expect(services.length).toBeGreaterThanOrEqual(30);
      expect(services.length).toBeLessThanOrEqual(40);
      expect(services.every((s) => Number.isInteger(s.priceCents) && s.taxable === (s.kind === 'product' ? 1 : 0))).toBe(true);
      expect(rows(runtime, "SELECT maintenanceIntervalDays FROM serviceCategory WHERE name = 'Neurotoxin'")).toEqual([{ maintenanceIntervalDays: 90 }]);
    });

    it('stores derived columns and search tokens exactly as the patients domain computes them', () => {
      const patients = rows(runtime, 'SELECT id, number, firstName, lastName, preferredName, phone, phoneReversed, sortName, archivedAt FROM patient ORDER BY id') as {
        id: number; number: string; firstName: string; lastName: string; preferredName: string | null; phone: string | null; phoneReversed: string | null; sortName: string; archivedAt: string | null;
      }[];
      expect(patients).toHaveLength(2000);
      const tokens = new Map<number, { token: string; archived: number }[]>();
      for (const t of rows(runtime, 'SELECT token, patientId, archived FROM patientSearch') as { token: string; patientId: number; archived: number }[]) {
        tokens.set(t.patientId, [...(tokens.get(t.patientId) ?? []), t]);
      }
      for (const p of patients) {
        expect(p.number).toBe(formatPatientNumber(p.id));
        expect(p.sortName).toBe(sortNameOf(p.firstName, p.lastName));
        expect(p.phoneReversed).toBe(phoneReversedOf(p.phone));
        const mine = tokens.get(p.id) ?? [];
        expect(mine.map((t) => t.token).sort()).toEqual([...searchTokensOf(p)].sort());
        expect(mine.every((t) => t.archived === (p.archivedAt ? 1 : 0))).toBe(true);
      }
    });

    it('flags an allergy alert exactly for patients whose clinical record lists allergies', () => {
      const mismatches = rows(
        runtime,
        `SELECT p.id FROM patient p LEFT JOIN patientClinical c ON c.patientId = p.id
         WHERE p.allergyAlert != (CASE WHEN json_array_length(coalesce(c.allergies, '[]')) > 0 THEN 1 ELSE 0 END)`,
      );
      expect(mismatches).toEqual([]);
      const [{ alerts }] = rows(runtime, 'SELECT avg(allergyAlert) AS alerts FROM patient') as { alerts: number }[];
      expect(alerts).toBeGreaterThan(0.1);
      expect(alerts).toBeLessThan(0.2);
    });

    it('gives patients possible US phone numbers and mostly unique emails, with a few deliberate duplicates', () => {
      const phones = rows(runtime, 'SELECT phone FROM patient WHERE phone IS NOT NULL').map((r) => r.phone as string);
      expect(phones.length).toBeGreaterThan(1800);
      for (const phone of phones) {
        const parsed = parsePhoneNumberFromString(phone);
        expect(parsed?.isPossible() && parsed.number === phone && parsed.countryCallingCode === '1', phone).toBe(true);
      }
      const [{ shared }] = rows(runtime, 'SELECT count(*) AS shared FROM (SELECT email FROM patient WHERE email IS NOT NULL GROUP BY email HAVING count(*) > 1)') as { shared: number }[];
      expect(shared).toBeGreaterThan(0);
      expect(shared).toBeLessThan(60);
      const [{ samePhone }] = rows(runtime, 'SELECT count(*) AS samePhone FROM (SELECT phone FROM patient WHERE phone IS NOT NULL GROUP BY phone HAVING count(*) > 1)') as { samePhone: number }[];
      expect(samePhone).toBeGreaterThan(0);
    });

    it('keeps the mix of a real clinic: mostly women, some archived, referrals point at earlier patients', () => {
      const [mix] = rows(
        runtime,
        `SELECT avg(gender = 'female') AS female, avg(archivedAt IS NOT NULL) AS archived, avg(referredByPatientId IS NOT NULL) AS referred,
                sum(referredByPatientId >= id) AS forward, min(createdAt) AS first, max(createdAt) AS last FROM patient`,
      ) as { female: number; archived: number; referred: number; forward: number; first: string; last: string }[];
      expect(mix.female).toBeGreaterThan(0.8);
      expect(mix.archived).toBeGreaterThan(0.01);
      expect(mix.referred).toBeGreaterThan(0.04);
      expect(mix.forward).toBe(0);
      expect(mix.first >= '2016-03-02').toBe(true);
      expect(mix.last <= NOW).toBe(true);
      expect(rows(runtime, "SELECT count(*) AS n FROM patient WHERE lastName GLOB '*[^ -~]*'")[0].n).toBeGreaterThan(0);
    });

    it('refuses to run again on the filled folder and changes nothing', async () => {
      const before = rows(runtime, 'SELECT (SELECT count(*) FROM patient) AS patients, (SELECT count(*) FROM audit) AS audits');
      await expect(generateDemoClinic(runtime, { patients: 10, years: 1, seed: 1 })).rejects.toMatchObject({ code: 'conflict' });
      expect(rows(runtime, 'SELECT (SELECT count(*) FROM patient) AS patients, (SELECT count(*) FROM audit) AS audits')).toEqual(before);
    });
  });

  it.each(['Calendar and visit notes', 'Stock', 'Follow-up tasks, loyalty, referrals and reviews'])('leaves the folder as it was when generation fails at "%s", so it can be run again', async (failingStep) => {
    const { runtime } = await emptyClinic();
    // The audit log keeps its record of the attempt (append-only); role permissions are seeded again by the next setup.
    const tables = (runtime.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit', 'rolePermission')").pluck().all() as string[]);
    const rowsPerTable = () => tables.map((table) => [table, rows(runtime, `SELECT count(*) AS n FROM "${table}"`)[0].n]);
    const before = rowsPerTable();
    const failing = generateDemoClinic(runtime, {
      patients: 1000,
      years: 3,
      seed: 1,
      onProgress: (_done, _total, step) => {
        if (step === failingStep) throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(runtime.state).toBe('needsSetup');
    expect(rowsPerTable()).toEqual(before);
    await generateDemoClinic(runtime, { patients: 100, years: 5, seed: 1 });
    expect(runtime.state).toBe('ready');
  });

  it('npm run demo prints a summary, then refuses a folder that already holds a clinic', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-cli-'));
    folders.push(dataDir);
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src-main/demo/cli.ts', '--data-dir', dataDir, '--patients', '300', '--years', '3'], { encoding: 'utf8', timeout: 60_000 });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ patients: 300, dataDir, password: DEMO_PASSWORD, users: expect.arrayContaining(['owner', 'frontdesk']) });
    const second = run();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('already holds a clinic');
    expect(second.stdout).toBe('');
  }, 90_000);
});
