import type { StaffTable } from '../core/schema';
import type { DemoContext } from './context';

export const DEMO_CLINIC_NAME = 'Lumière Aesthetics (demo)';
export const DEMO_TIME_ZONE = 'America/New_York';

/** The clinic row is written last (see generate.ts): until it exists the folder still reads as empty. */
export function writeClinicRow(ctx: DemoContext): void {
  ctx.sqlite
    .prepare(
      `INSERT INTO clinic (id, name, addressLine1, addressLine2, city, region, postalCode, country, phone, email, timeZone, currency,
         leadToConsultRateBp, consultToTreatmentRateBp, weeklySalesTargetCents, isDemo, createdAt, updatedAt)
       VALUES (1, @name, '215 W 57th St', 'Suite 4B', 'New York', 'NY', '10019', 'US', '+12125550147', 'hello@lumiere-demo.example',
         @timeZone, 'USD', 3500, 6500, 4500000, 1, @createdAt, @updatedAt)`,
    )
    .run({ name: DEMO_CLINIC_NAME, timeZone: DEMO_TIME_ZONE, createdAt: ctx.historyStart.toISOString(), updatedAt: ctx.nowIso });
}

/** Opening hours Mon–Sat (weekday 1 = Monday): a busy Midtown clinic, early to late, a long Thursday. */
export const OPENING_HOURS: readonly (readonly [weekday: number, opensAt: string, closesAt: string])[] = [
  [1, '09:00', '20:00'],
  [2, '09:00', '20:00'],
  [3, '09:00', '20:00'],
  [4, '09:00', '21:00'],
  [5, '09:00', '20:00'],
  [6, '09:00', '17:00'],
];

/** Opening hours; the NY sales tax (retail only, services are exempt). */
export function writeSettings(ctx: DemoContext): void {
  const hours = ctx.sqlite.prepare('INSERT INTO openingHours (weekday, opensAt, closesAt) VALUES (?, ?, ?)');
  for (const [weekday, opensAt, closesAt] of OPENING_HOURS) hours.run(weekday, opensAt, closesAt);
  ctx.sqlite.prepare("INSERT INTO taxRate (name, rateMillipercent, isDefault, active) VALUES ('NY sales tax (New York City)', 8875, 1, 1)").run();
}

interface DemoStaffMember {
  username: string;
  displayName: string;
  title: string;
  role: StaffTable['role'];
}

const demoStaff: readonly DemoStaffMember[] = [
  { username: 'owner', displayName: 'Isabelle Laurent', title: 'Owner', role: 'owner' },
  { username: 'manager', displayName: 'Jordan Ellis', title: 'Practice manager', role: 'manager' },
  { username: 'frontdesk', displayName: 'Maya Thompson', title: 'Patient coordinator', role: 'frontDesk' },
  { username: 'frontdesk2', displayName: 'Luis Ortega', title: 'Patient coordinator', role: 'frontDesk' },
  { username: 'dr.rivera', displayName: 'Dr. Elena Rivera', title: 'MD', role: 'practitioner' },
  { username: 'dr.chen', displayName: 'Dr. Michael Chen', title: 'MD', role: 'practitioner' },
  { username: 'np.okafor', displayName: 'Adaeze Okafor', title: 'NP', role: 'practitioner' },
  { username: 'np.lindqvist', displayName: 'Sara Lindqvist', title: 'NP', role: 'practitioner' },
  { username: 'pa.haddad', displayName: 'Omar Haddad', title: 'PA', role: 'practitioner' },
  { username: 'rn.nguyen', displayName: 'Thảo Nguyễn', title: 'RN', role: 'practitioner' },
  { username: 'rn.obrien', displayName: "Kate O'Brien", title: 'RN', role: 'practitioner' },
  { username: 'est.moreau', displayName: 'Chloé Moreau', title: 'Aesthetician', role: 'practitioner' },
  { username: 'est.patel', displayName: 'Priya Patel', title: 'Aesthetician', role: 'practitioner' },
  { username: 'laser.santos', displayName: 'Marco Santos', title: 'Laser tech', role: 'practitioner' },
];

export const DEMO_USERNAMES: readonly string[] = demoStaff.map((s) => s.username);

export interface DemoStaffIds {
  frontDesk: number[];
  practitioners: number[];
  /** The named practitioners with their titles: the team of the clinic's first day. */
  founders: { id: number; title: string; displayName: string }[];
  /** Practitioners who may inject and record medical histories (MD, NP, PA, RN). */
  clinicians: number[];
}

/** Every demo account shares one password hash (hashed once: scrypt is deliberately slow). */
export function writeStaff(ctx: DemoContext): DemoStaffIds {
  const insert = ctx.sqlite.prepare(
    `INSERT INTO staff (username, displayName, title, role, passwordHash, passwordChangedAt, createdAt, updatedAt)
     VALUES (@username, @displayName, @title, @role, @passwordHash, @at, @createdAt, @at)`,
  );
  const ids: DemoStaffIds = { frontDesk: [], practitioners: [], founders: [], clinicians: [] };
  for (const member of demoStaff) {
    const id = Number(insert.run({ ...member, passwordHash: ctx.passwordHash, at: ctx.nowIso, createdAt: ctx.historyStart.toISOString() }).lastInsertRowid);
    if (member.role === 'frontDesk') ids.frontDesk.push(id);
    if (member.role === 'practitioner') {
      ids.practitioners.push(id);
      ids.founders.push({ id, title: member.title, displayName: member.displayName });
      if (['MD', 'NP', 'PA', 'RN'].includes(member.title)) ids.clinicians.push(id);
    }
  }
  return ids;
}
