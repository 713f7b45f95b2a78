// The other decision: the officer refuses with written grounds and the applicant reads them.
import { test, expect } from './fixtures';
import * as fs from 'fs';
import { chooseEnglish, demoIins, expectAccessible, fillForensicForm, keyBaseOf, keyFile, pickKey, shot, shotPhoneAndDesktop, signInWithKey, signInStaff } from './helpers';

test('a refusal carries its grounds to the applicant', async ({ page, browser, request }, info) => {
  const [, , applicantIin] = await demoIins(request);
  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  const key = await keyFile(request, applicantIin, info);
  await fillForensicForm(page, info);
  await page.getByRole('button', { name: 'Pay the fee' }).click();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByText(/Payment confirmed/)).toBeVisible();
  await page.getByRole('button', { name: 'Show what I am signing' }).click();
  await pickKey(page, key);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  const accepted = page.getByRole('status').filter({ hasText: 'Request accepted' });
  await expect(accepted).toBeVisible();
  const number = (await accepted.textContent())!.match(/MOJ-\d{4}-\d{6}/)![0];

  const officer = await (await browser.newContext()).newPage();
  await signInStaff(officer, 'officer');
  await officer.locator('.queue-item', { hasText: number }).getByRole('link').click();
  await expect(officer.getByRole('heading', { name: `Decision ${number}` })).toBeVisible();
  await officer.getByRole('button', { name: 'Registered', exact: true }).click();
  await officer.getByRole('button', { name: 'Passed to the executor' }).click();
  // The expert prepares a refusal: grounds are required.
  const prepare = officer.getByRole('button', { name: /^A motivated refusal is prepared/ });
  await prepare.click();
  await expect(officer.getByRole('alert')).toHaveText('Correct the marked fields.');
  const grounds = 'The qualification certificate is not valid (Standard No. 546, para. 10).';
  await officer.getByLabel(/^Grounds/).fill(grounds);
  await prepare.click();
  // The head signs the refusal with the same grounds.
  await expect(officer.getByRole('heading', { name: 'Current step: Sign the motivated refusal' })).toBeVisible();
  await expect(officer.getByLabel(/^Grounds/)).toHaveValue(grounds);
  await officer.getByRole('button', { name: 'The refusal is signed' }).click();
  // The refusal is an EDS-certified document: the head reads it, then signs it.
  const signing = officer.getByRole('region', { name: 'Sign the decision with your EDS' });
  // What the head signs is the refusal's PDF; beside it, its facts and the grounds.
  await expect(signing).toContainText(grounds);
  await expect(signing).toContainText('PDF SHA-256');
  await expect(officer.locator('#sign-decision-h')).toBeFocused();
  await shot(officer, info, 'head-signs-refusal');
  await pickKey(officer, await keyFile(request, await keyBaseOf(request, /officer \(MOJ\)/), info));
  await signing.getByRole('button', { name: 'Sign with EDS' }).click();
  await expect(officer.getByText('Motivated refusal').first()).toBeVisible();
  await expectAccessible(officer, 'the officer case with its steps');

  await page.reload();
  await expect(page.getByText('Motivated refusal').first()).toBeVisible();
  await expect(page.getByText(grounds).first()).toBeVisible();
  await expect(page.getByText(/^Signed with EDS: /).first()).toBeVisible();
  // The applicant keeps the refusal as it was signed: a PDF and the head's detached CMS.
  const documents = page.getByRole('region', { name: 'Result documents' });
  await expect(documents).toContainText('Motivated refusal');
  await expect(documents).toContainText('Reason for refusal');
  await expect(documents).toContainText(grounds);
  const [pdf] = await Promise.all([page.waitForEvent('download'), documents.getByRole('link', { name: /^Download PDF/ }).click()]);
  expect(fs.readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
  const [sig] = await Promise.all([page.waitForEvent('download'), documents.getByRole('link', { name: /^Signature \(\.p7s\)/ }).click()]);
  expect(fs.readFileSync(await sig.path())[0]).toBe(0x30);
  await shot(page, info, 'applicant-sees-refusal');

  // Repair: apply again with the answers and the file still acceptable, the grounds shown at
  // the top and beside the fields the refusal (a qualification's) concerns.
  await page.getByRole('button', { name: 'Apply again' }).click();
  await expect(page).toHaveURL(/\/apply\/FOR-LIC\/issue\?repair=[0-9a-f]{32}$/);
  const notice = page.getByRole('note', { name: /Correcting a refused application/ });
  await expect(notice).toContainText(number);
  await expect(notice).toContainText(grounds);
  await expect(page.getByLabel('Number of the forensic expert qualification certificate')).toHaveValue('СЭ-0042');
  await expect(page.getByLabel('E-mail')).toHaveValue('expert@example.kz');
  await expect(page.getByText(/Uploaded: certificate\.pdf/)).toBeVisible();
  const concerned = page.locator('.field-slot', { has: page.locator('.refusal-note') });
  await expect(concerned.filter({ has: page.getByLabel('Number of the forensic expert qualification certificate') })).toContainText('The refusal concerns this field');
  await expect(page.locator('.field-slot', { has: page.getByLabel('E-mail') }).locator('.refusal-note')).toHaveCount(0);
  await shotPhoneAndDesktop(page, info, 'repair-after-refusal', 'repair after a refusal');
  // The corrected answer, then a new application with the file kept.
  await page.getByLabel('Number of the forensic expert qualification certificate').fill('СЭ-0043');
  await page.getByRole('button', { name: 'Check answers' }).click();
  const check = page.getByRole('region', { name: 'Check your answers' });
  await expect(check).toContainText('СЭ-0043');
  await expect(check).toContainText('certificate.pdf');
  await page.getByRole('button', { name: 'Save and continue to payment' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f]{32}$/);
  await expect(page.getByRole('heading', { name: 'Pay the fee' })).toBeVisible();
  await expect(page.getByText(/certificate\.pdf \(SHA-256/)).toBeVisible();
});
