import { deflateSync } from 'node:zlib';
import { addCalendarDays } from '../../src-shared/time';
import { arrangeClinic, at, call, expect, openCalendarDay, signIn, signOut, test } from './arrange';

const SUBJECTIVE = 'Wants softer frown lines before her wedding';
const LOT = 'C3709C3';
const AMEND_REASON = 'Units recounted from the vial log';

/** A real 16×16 RGB PNG (a warm gradient), built here so the journey needs no fixture file. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const size = 16;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) rows.set([200 + x * 3, 120 + y * 5, 90], row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test('practitioner charts a neurotoxin visit with lot and expiry, signs, amends and adds a photo; front desk is refused; the owner sees the views audited', async ({ page, lumen }) => {
  // Ána has arrived for Botox with Dr Prax at 10:00.
  const { clinic, extra: visitId } = await arrangeClinic(page, lumen, async (c) => {
    const { id } = await call<{ id: number }>(page, 'appointments.book', {
      patientId: c.ana.id,
      segments: [{ serviceId: c.services.botox.id, staffId: c.pia.id, roomId: c.rooms.treatment, startsAt: at(c.date, '10:00') }],
    });
    await call(page, 'appointments.setStatus', { id, status: 'arrived' });
    return id;
  });
  const expiry = addCalendarDays(clinic.date, 400);

  // Dr Prax opens the visit from her calendar.
  await signIn(page, clinic.pia);
  await openCalendarDay(page, clinic.date);
  await page.locator(`[data-testid="appointment-card"][data-appointment-id="${visitId}"]`).click();
  await expect(page.getByTestId('appointment-panel')).toContainText(clinic.ana.name);
  await page.getByTestId('appointment-chart').click();
  const chart = page.getByTestId('chart-page');
  await expect(chart).toBeVisible();
  await expect(chart.getByTestId('chart-visit')).toContainText(clinic.services.botox.name);
  const chartUrl = page.url();
  expect(chartUrl).toContain(`#/appointments/${visitId}/chart`);

  // Glabella on the face map, then product, units, lot and expiry.
  await chart.getByTestId('chart-subjective').fill(SUBJECTIVE);
  await chart.getByTestId('face-site-glabella').click();
  await expect(chart.getByTestId('inj-site-0')).toHaveValue('Glabella');
  await chart.getByTestId('inj-product-0').fill('Botox');
  await chart.getByTestId('inj-units-0').fill('20');
  await chart.getByTestId('inj-lot-0').fill(LOT);
  await chart.getByTestId('inj-expiry-0').fill(expiry);
  await expect(chart.getByTestId('inj-totals')).toContainText('Botox: 20 U');
  await chart.getByTestId('chart-save-draft').click();
  await expect(chart.getByTestId('chart-draft-info')).toContainText(`Draft by ${clinic.pia.name}`);

  // Sign and lock, after the warning.
  await chart.getByTestId('chart-sign').click();
  const sign = page.getByTestId('sign-dialog');
  await expect(sign).toContainText('cannot be changed');
  await sign.getByTestId('confirm').click();
  await expect(sign).toBeHidden();
  await expect(chart.getByTestId('chart-signed')).toContainText(`Signed by ${clinic.pia.name}`);
  await expect(chart.getByTestId('chart-form')).toHaveCount(0);
  await expect(chart.getByTestId('view-injections').first()).toContainText(LOT);

  // Amend: 20 → 24 units, with a reason; the original stays and the change reads before → after.
  await chart.getByTestId('chart-amend').click();
  await chart.getByTestId('amend-reason').fill(AMEND_REASON);
  await chart.getByTestId('inj-units-0').fill('24');
  await chart.getByTestId('amend-save').click();
  const amendment = chart.getByTestId('history-amendment-1');
  await expect(amendment).toContainText(AMEND_REASON);
  const change = amendment.getByTestId('change-injections.Glabella');
  await expect(change.locator('.change-from')).toContainText('Botox 20 U');
  await expect(change.locator('.change-to')).toContainText('Botox 24 U');
  await expect(chart.getByTestId('chart-amended')).toContainText('Amended 1×');
  await expect(chart.getByTestId('history-original')).toContainText(`Signed by ${clinic.pia.name}`);
  await expect(chart.getByTestId('view-injections').first()).toContainText('24 U');

  // A before photo; its thumbnail loads once scrolled into view.
  await chart.getByTestId('photo-label').selectOption('before');
  await chart.getByTestId('photo-area').fill('glabella');
  await chart.getByTestId('photo-file').setInputFiles({ name: 'before.png', mimeType: 'image/png', buffer: tinyPng() });
  const grid = chart.getByTestId('photo-grid');
  await grid.scrollIntoViewIfNeeded();
  const thumb = grid.locator('img');
  await expect(thumb).toHaveCount(1);
  await thumb.scrollIntoViewIfNeeded();
  await expect(thumb).toBeVisible();
  await expect(thumb).toHaveAttribute('alt', 'Before · glabella');
  expect(await thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(16);

  // Front desk opens the same chart link: only the refusal, never the note.
  await signOut(page);
  await signIn(page, clinic.desk);
  await page.goto(chartUrl);
  await expect(page.getByTestId('chart-forbidden')).toBeVisible();
  await expect(page.getByTestId('chart-form')).toHaveCount(0);
  await expect(page.getByTestId('chart-view')).toHaveCount(0);
  await expect(page.getByTestId('visit-photos')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(SUBJECTIVE);
  await expect(page.locator('body')).not.toContainText(LOT);

  // …and the patient's "Visits & photos" tab is refused too.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('lima');
  await expect(page.getByTestId('palette-patient').first()).toContainText('Lima');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-name')).toContainText(clinic.ana.name);
  await page.getByTestId('tab-visits').click();
  await expect(page.getByTestId('visits-forbidden')).toBeVisible();
  await expect(page.getByTestId('visits-timeline')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(SUBJECTIVE);

  // The owner finds Dr Prax's views of the chart in the audit log.
  await signOut(page);
  await signIn(page, clinic.owner);
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('audit-action').selectOption('view');
  await page.getByTestId('audit-apply').click();
  const views = page.getByTestId('audit-row').filter({ hasText: `Viewed the visit note` }).filter({ hasText: `appointment ${visitId}` });
  await expect(views.first()).toBeVisible();
  await expect(views.filter({ hasText: clinic.pia.name }).first()).toBeVisible();
  expect(await views.filter({ hasText: clinic.pia.name }).count()).toBeGreaterThanOrEqual(1);
  await expect(views.filter({ hasText: clinic.desk.name })).toHaveCount(0);
});
