import { defineConfig } from '@playwright/test';
import { chromiumForJourneys } from './e2e/browser';

/** Journeys in browser mode: the real `npm start -- --browser` host, driven in the Chromium e2e/browser.ts found. */
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: chromiumForJourneys(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
