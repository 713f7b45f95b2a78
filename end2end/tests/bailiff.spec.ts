// The bailiff family: a candidate applies for attestation (a free service, so no payment
// step), with a reload and a language switch in the middle, and signs the request.
import { test, expect } from '@playwright/test';
import { chooseEnglish, demoIins, expectAccessible, keyFile, pdfFile, pickKey, shot, signInWithKey } from './helpers';

test('a candidate applies for bailiff attestation, free of charge', async ({ page, request }, info) => {
  const [, , applicantIin] = await demoIins(request);
  await page.goto('/');
  await chooseEnglish(page);
  await page.getByRole('link', { name: /Attestation of persons who completed an internship/ }).click();
  await expect(page.getByText('Territorial justice bodies', { exact: false }).first()).toBeVisible();
  await expectAccessible(page, 'the attestation passport');
  await page.getByRole('link', { name: 'Submit application' }).click();
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  await expect(page.getByRole('heading', { name: 'Attestation', exact: true })).toBeVisible();
  await page.getByLabel('Region of the attestation (territorial justice body)').selectOption({ label: 'Karaganda region' });
  await page.getByLabel('Where the internship was done (private bailiff)').fill('Private bailiff Seitkali A., Karaganda');
  await expect(page.getByText(/^Draft saved:/)).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Қазақша' }).click();
  await expect(page.getByLabel('Тағылымдамадан өткен жері (жеке сот орындаушысы)')).toHaveValue('Private bailiff Seitkali A., Karaganda');
  await chooseEnglish(page);
  // The supervisor's IIN: a wrong check digit is named; the right one shows who it encodes.
  const supervisor = page.getByLabel('IIN of the private bailiff who supervised the internship');
  await supervisor.fill(applicantIin.slice(0, 11) + String((Number(applicantIin[11]) + 1) % 10));
  await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
  await expect(page.getByText('The check digit does not match: check the number.', { exact: true })).toBeVisible();
  await supervisor.fill(applicantIin);
  await expect(page.getByText(/^Born \d{2}\.\d{2}\.\d{4} · (male|female)$/)).toBeVisible();
  await page.getByLabel('Date the internship ended').fill('2026-06-30');
  await page.getByLabel('Higher legal education (institution, diploma number)').fill('Buketov University, diploma 77');
  await page.getByLabel('Contact phone').fill('+7 701 555 44 33');
  await page.getByLabel('E-mail').fill('candidate@example.kz');
  await page.getByLabel(/Document proving the internship/).setInputFiles(pdfFile(info));
  await expect(page.getByText(/^Uploaded:/)).toBeVisible();
  await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f]{32}$/);
  // Free of charge: straight to signing.
  await expect(page.getByRole('button', { name: 'Pay the fee' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show what I am signing' }).click();
  await expect(page.getByText('Payment reference: free-of-charge')).toBeVisible();
  await pickKey(page, await keyFile(request, applicantIin, info));
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  const accepted = page.getByRole('status').filter({ hasText: 'Request accepted' });
  await expect(accepted).toContainText(/Registration number: MOJ-TER-\d{4}-\d{6}/);
  await shot(page, info, 'attestation-accepted');
  await expectAccessible(page, 'the accepted attestation request');
});
