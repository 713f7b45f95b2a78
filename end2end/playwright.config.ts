// Browser tests: Playwright drives Debian's Chromium (never a downloaded browser) against the
// real server, started here with a fresh data folder, the sandbox and the demo data.
import { defineConfig } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const port = Number(process.env.E2E_PORT ?? 3077);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
const root = path.resolve(__dirname, '..');
const serverBin = process.env.SERVER_BIN ?? path.join(os.homedir(), '.cache/licensing-portal/target/debug/server');

export default defineConfig({
  testDir: './tests',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  outputDir: './test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'en-GB',
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: serverBin,
    url: `http://127.0.0.1:${port}/api/services`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      BIND: `127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DIST_DIR: process.env.DIST_DIR ?? path.join(root, 'dist'),
      SANDBOX: 'on',
      DEMO: 'on',
      RUST_LOG: 'warn',
    },
  },
});
