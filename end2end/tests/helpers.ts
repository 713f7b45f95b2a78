// Shared steps: what a new user does, found by role and label, never by CSS paths.
import { expect, Page, APIRequestContext, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';

/** The demo key files' password (practice mode shows it). */
export const KEY_PASSWORD = 'Qwerty12';

/** The sandbox's practice page lists the demo people; returns the IINs of those with personal keys, in order. */
export async function demoIins(request: APIRequestContext): Promise<string[]> {
  const html = await (await request.get('/sandbox')).text();
  return [...new Set([...html.matchAll(/\/sandbox\/ca\/keys\/RSA256_(\d{12})\.p12"/g)].map((m) => m[1]))];
}

/** The key file names (without prefix) of the first person in a role, e.g. 'officer \\(MOJ\\)' or a company role. */
export async function keyBaseOf(request: APIRequestContext, rowPattern: RegExp): Promise<string> {
  const html = await (await request.get('/sandbox')).text();
  const row = [...html.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((r) => rowPattern.test(r));
  expect(row, `a practice-page row matching ${rowPattern}`).toBeTruthy();
  return row!.match(/keys\/RSA256_([\d_]+)\.p12"/)![1];
}

/** Downloads a demo person's key file (PKCS#12) as practice mode offers it: AUTH_ to sign in, RSA256_ to sign. */
export async function keyFile(request: APIRequestContext, base: string, info: TestInfo, kind: 'AUTH' | 'RSA256' = 'RSA256'): Promise<string> {
  const name = `${kind}_${base}.p12`;
  const response = await request.get(`/sandbox/ca/keys/${name}`);
  expect(response.headers()['content-type']).toBe('application/x-pkcs12');
  const file = info.outputPath(name);
  fs.writeFileSync(file, await response.body());
  return file;
}

/** Chooses a key file and types its password, in the key picker that is on the page. */
export async function pickKey(page: Page, key: string, password = KEY_PASSWORD) {
  await page.getByLabel('EDS key file').last().setInputFiles(key);
  await page.getByLabel('Key password').last().fill(password);
}

export function pdfFile(info: TestInfo, name = 'certificate.pdf'): string {
  const file = info.outputPath(name);
  fs.writeFileSync(file, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  return file;
}

export async function chooseEnglish(page: Page) {
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
}

export async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/**
 * Screenshots at a 375-pixel phone and a 1280-pixel desktop, each checked with axe, and a
 * check that the phone needs no sideways scrolling. The viewport is left at 1280.
 */
export async function shotPhoneAndDesktop(page: Page, info: TestInfo, name: string, what: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what} fits a 375-pixel screen`).toBeLessThanOrEqual(375);
  await shot(page, info, `${name}-375`);
  await expectAccessible(page, `${what} (375 pixels)`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, info, `${name}-1280`);
  await expectAccessible(page, `${what} (1280 pixels)`);
}

/** Signs a demo staff member in with their login and the practice password, in English. */
export async function signInStaff(page: Page, login: string) {
  await page.goto('/sign-in');
  await chooseEnglish(page);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password', { exact: true }).fill('demo-2026');
  await page.getByRole('button', { name: 'Sign in', exact: true }).nth(1).click();
}

/** Signs in with an EDS key file and its password from the sign-in page. */
export async function signInWithKey(page: Page, key: string, password = KEY_PASSWORD) {
  await pickKey(page, key, password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
}

/** Fills the forensic licence form as a person would and continues to the application page. */
export async function fillForensicForm(page: Page, info: TestInfo) {
  await expect(page.getByRole('heading', { name: 'Issue of a licence' })).toBeVisible();
  await page.getByLabel('Type of examination').selectOption({ label: 'Forensic-medical examination' });
  await page.getByLabel('Number of the forensic expert qualification certificate').fill('СЭ-0042');
  await page.getByLabel('Date the certificate was issued').fill('2019-04-01');
  await page.getByLabel('Higher education (institution, diploma number)').fill('Astana Medical University, diploma 123');
  await page.getByLabel('Contact phone').fill('+7 701 123 45 67');
  await page.getByLabel('E-mail').fill('expert@example.kz');
  await page.getByLabel('I confirm that I have no unexpunged or outstanding criminal record').check();
  await page.getByLabel(/Copy of the qualification certificate/).setInputFiles(pdfFile(info));
  await expect(page.getByText(/Uploaded: certificate\.pdf/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Documents' }).locator('..')).toContainText('completed');
  await page.getByRole('button', { name: 'Check answers' }).click();
  // Check answers: every answer with a way back to change it; nothing is saved until confirmed.
  const check = page.getByRole('region', { name: 'Check your answers' });
  await expect(check.getByRole('heading', { name: 'Check your answers' })).toBeFocused();
  await expect(check).toContainText('Forensic-medical examination');
  await expect(check).toContainText('certificate.pdf');
  await check.getByRole('button', { name: /Change — E-mail/ }).click();
  await expect(page.getByLabel('E-mail')).toBeFocused();
  await page.getByRole('button', { name: 'Check answers' }).click();
  await page.getByRole('button', { name: 'Save and continue to payment' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f]{32}$/);
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now; any violation fails. */
export async function expectAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `accessibility of ${what}`).toEqual([]);
}
