// The refused path: a request that is not paid is refused with the regulations' message.
import { test, expect } from '@playwright/test';
import { chooseEnglish, demoIins, fillForensicForm, keyFile, shot, signInWithKey } from './helpers';

test('signing without payment is refused with the regulations\' message', async ({ page, request }, info) => {
  const [, applicantIin] = await demoIins(request);
  await page.goto('/sign-in?next=/apply/FOR-LIC-2018/issue');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  await fillForensicForm(page, info);
  await page.getByRole('button', { name: 'Show what I am signing' }).click();
  await expect(page.getByRole('alert')).toHaveText('The requested service is refused because the service has not been paid for.');
  await expect(page.getByLabel('EDS key file')).toHaveCount(0);
  await shot(page, info, 'refused-no-payment');
  // Nothing changed: still waiting for payment.
  await expect(page.getByText('Awaiting payment').first()).toBeVisible();
});

test('a wrong key file gives a clear message', async ({ page }, info) => {
  await page.goto('/sign-in');
  await chooseEnglish(page);
  const file = info.outputPath('not-a-key.pem');
  require('fs').writeFileSync(file, 'hello');
  await signInWithKey(page, file);
  await expect(page.getByRole('alert')).toHaveText('This file is not an EDS key or its type is not supported.');
});

test('a page that needs a session offers to sign in and come back', async ({ page }) => {
  await page.goto('/cabinet');
  await chooseEnglish(page);
  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Please sign in.');
  await alert.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcabinet$/);
});

test('a revoked key and a wrong password are refused with clear messages', async ({ page, request }, info) => {
  const [, , applicantIin] = await demoIins(request);
  const file = `AUTH_${applicantIin}.pem`;
  // Practice mode: the person reports the key compromised.
  await page.goto('/sandbox');
  await page.getByRole('button', { name: `Revoke ${file}` }).click();
  await expect(page).toHaveURL(/\/sandbox$/);
  const revoked = await keyFile(request, applicantIin, info, 'AUTH');

  await page.goto('/sign-in');
  await chooseEnglish(page);
  await signInWithKey(page, revoked);
  await expect(page.getByRole('alert')).toHaveText("Authorisation is refused because of violations in the applicant's data.");

  await page.getByLabel('Login').fill('officer');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).nth(1).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong login or password.');
  await shot(page, info, 'wrong-password');

  // A new key works.
  await page.goto('/sandbox');
  await page.getByRole('button', { name: `New key for ${file}` }).click();
  await page.goto('/sign-in');
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  await expect(page.getByRole('heading', { name: 'My applications' })).toBeVisible();
});
