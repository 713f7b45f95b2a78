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
