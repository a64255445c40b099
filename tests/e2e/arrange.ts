import { TZDate } from '@date-fns/tz';
import type { Page } from '@playwright/test';
import { addCalendarDays, localDate } from '../../src-shared/time';
import { expect, type RunningLumen, test } from './lumen';

/**
 * Arrange through the API, act through the UI: the clinic, its team, hours, rooms, services and patients are set up
 * with `POST /api/call/<method>` on the page's own cookies (so on the browser's connection), then that connection is
 * signed out and the journey signs in through the sign-in screen like a person.
 */

export const TIME_ZONE = 'Europe/Berlin';

export { expect, test };

export interface User {
  id: number;
  name: string;
  username: string;
  password: string;
}

export interface Clinic {
  /** The journey's day: a Tuesday next week (clinic-local), so journeys never rot and never hit a DST Sunday. */
  date: string;
  owner: User;
  manager: User;
  desk: User;
  /** Performs consultations and neurotoxin. */
  pia: User;
  /** Performs HydraFacial. */
  noah: User;
  rooms: { consult: number; treatment: number };
  services: { consult: { id: number; name: string }; botox: { id: number; name: string }; hydra: { id: number; name: string } };
  /** Photo consent given; no allergies. */
  ana: { id: number; name: string };
  /** Allergic to lidocaine. */
  bruno: { id: number; name: string };
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
  ) {
    super(`${method} refused (${code}): ${message}`);
  }
}

/** One registry call on the page's connection; the envelope is `{ ok, value | error }`. */
export async function call<T = unknown>(page: Page, method: string, input: unknown = {}): Promise<T> {
  const response = await page.request.post(new URL(`/api/call/${method}`, page.url()).href, { data: { input }, headers: { 'Content-Type': 'application/json' } });
  const body = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!body.ok) throw new ApiError(method, body.error.code, body.error.message);
  return body.value;
}

/** A clinic-local wall-clock time on a date, as an ISO UTC instant. */
export function at(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(+new TZDate(y, m - 1, d, hh, mm, 0, TIME_ZONE)).toISOString();
}

/** Tuesday of next week in the clinic's zone. */
export function nextWeekTuesday(): string {
  const today = localDate(new Date(), TIME_ZONE);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay() || 7; // 1 = Monday … 7 = Sunday
  return addCalendarDays(today, 8 - weekday + 1);
}

const person = (id: number, name: string, username: string, password: string): User => ({ id, name, username, password });

/**
 * Opens Lumen (the launch URL sets the secret cookie), creates the clinic and everything the journeys need, runs
 * `extra` while still signed in as the owner, then signs the connection out and reloads to the sign-in screen.
 */
export async function arrangeClinic<X = void>(page: Page, lumen: RunningLumen, extra?: (clinic: Clinic) => Promise<X>): Promise<{ clinic: Clinic; extra: X }> {
  await page.goto(lumen.url);
  // The first-run screen means the app's own first call is answered, so its connection cookie is settled.
  await expect(page.getByTestId('setup-create')).toBeVisible();

  const ownerPassword = 'owner keeps the keys 2031';
  await call(page, 'setup.createClinic', {
    clinic: { name: 'Harbour Aesthetics', address: { line1: '12 Quay Street', city: 'Berlin', postalCode: '10115', country: 'DE' }, timeZone: TIME_ZONE, currency: 'EUR' },
    owner: { username: 'olivia', displayName: 'Olivia Owner', password: ownerPassword },
  });
  const session = await call<{ staffId: number }>(page, 'auth.signIn', { username: 'olivia', password: ownerPassword });
  const owner = person(session.staffId, 'Olivia Owner', 'olivia', ownerPassword);

  const staff = async (username: string, name: string, role: string, password: string, title = '') =>
    person((await call<{ id: number }>(page, 'staff.create', { username, displayName: name, role, password, title })).id, name, username, password);
  const manager = await staff('mia', 'Mia Manager', 'manager', 'manager runs the floor 77');
  const desk = await staff('fred', 'Fred Desk', 'frontDesk', 'front desk pass 4242');
  const pia = await staff('pia', 'Dr Pia Prax', 'practitioner', 'injector steady hands 9', 'Aesthetic physician');
  const noah = await staff('noah', 'Noah Nadel', 'practitioner', 'facials all day long 3', 'Aesthetician');

  // Mon–Sat 09:00–18:00 with a 13:00–13:30 rest, for both practitioners.
  const intervals = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
    { weekday, startsAt: '09:00', endsAt: '18:00', kind: 'work' },
    { weekday, startsAt: '13:00', endsAt: '13:30', kind: 'rest' },
  ]);
  for (const p of [pia, noah]) await call(page, 'scheduling.setHours', { staffId: p.id, intervals });

  const consultRoom = (await call<{ id: number }>(page, 'rooms.save', { name: 'Consult room', kind: 'consult' })).id;
  const treatmentRoom = (await call<{ id: number }>(page, 'rooms.save', { name: 'Treatment room', kind: 'treatment' })).id;

  const categories = await call<{ id: number; name: string }[]>(page, 'catalog.categories', { includeInactive: false });
  const category = (name: string) => {
    const found = categories.find((c) => c.name === name);
    if (!found) throw new Error(`The seeded category ${name} is missing`);
    return found.id;
  };
  const service = async (categoryName: string, name: string, kind: string, durationMinutes: number, priceCents: number) => ({
    id: (await call<{ id: number }>(page, 'catalog.saveService', { categoryId: category(categoryName), name, kind, durationMinutes, priceCents })).id,
    name,
  });
  const consult = await service('Consultation', 'Skin consultation', 'consult', 30, 0);
  const botox = await service('Neurotoxin', 'Botox glabella', 'treatment', 30, 28000);
  const hydra = await service('HydraFacial', 'HydraFacial signature', 'treatment', 60, 16000);
  await call(page, 'scheduling.setServiceRules', { serviceId: consult.id, providerIds: [pia.id], roomKind: 'consult' });
  await call(page, 'scheduling.setServiceRules', { serviceId: botox.id, providerIds: [pia.id], roomKind: 'treatment', prepInstructions: 'No alcohol or blood thinners 24 h before.' });
  await call(page, 'scheduling.setServiceRules', { serviceId: hydra.id, providerIds: [noah.id], roomKind: 'treatment' });

  const patient = async (firstName: string, lastName: string, phone: string) => ({
    id: (await call<{ id: number }>(page, 'patients.create', { firstName, lastName, phone, photoConsent: true })).id,
    name: `${firstName} ${lastName}`,
  });
  const ana = await patient('Ána', 'Lima', '030 1234567');
  const bruno = await patient('Bruno', 'Keller', '030 7654321');
  await call(page, 'clinical.update', {
    patientId: bruno.id,
    allergies: [{ substance: 'Lidocaine', reaction: 'Hives', severity: 'severe' }],
    medications: [],
    medicalHistory: '',
    contraindications: [],
    expectationsNote: '',
  });

  const clinic: Clinic = {
    date: nextWeekTuesday(),
    owner,
    manager,
    desk,
    pia,
    noah,
    rooms: { consult: consultRoom, treatment: treatmentRoom },
    services: { consult, botox, hydra },
    ana,
    bruno,
  };
  const more = (extra ? await extra(clinic) : undefined) as X;

  await call(page, 'auth.signOut', {});
  await page.reload();
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  return { clinic, extra: more };
}

/** The sign-in screen, as a person uses it. */
export async function signIn(page: Page, user: User): Promise<void> {
  await page.getByTestId('signin-username').fill(user.username);
  await page.getByTestId('signin-password').fill(user.password);
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('current-user')).toContainText(user.name);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('signin-screen')).toBeVisible();
}

/** The calendar's day view on a date, reached through the side navigation and the date field. */
export async function openCalendarDay(page: Page, date: string): Promise<void> {
  await page.getByTestId('nav-calendar').click();
  await expect(page.getByTestId('calendar')).toBeVisible();
  await page.getByTestId('cal-date-input').fill(date);
  await expect(page.getByTestId('cal-date')).toHaveAttribute('data-date', date);
  await expect(page.getByTestId('calendar-grid')).toBeVisible();
}

/**
 * A pointer drag of a card by a number of minutes on the day view's axis (1.6 px per minute on a 15-minute grid):
 * press at the card's centre, move in steps, release.
 */
export async function dragCard(page: Page, cardId: number, minutes: number, pxPerMinute = 1.6): Promise<void> {
  const card = page.locator(`[data-testid="appointment-card"][data-appointment-id="${cardId}"]`);
  await card.scrollIntoViewIfNeeded();
  const box = await card.boundingBox();
  if (!box) throw new Error(`Appointment card ${cardId} is not on screen`);
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(box.height / 2, 20);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + minutes * pxPerMinute, { steps: 12 });
  await page.mouse.up();
}
