// The refused path: a request that is not paid is refused with the regulations' message.
import { test, expect } from './fixtures';
import { chooseEnglish, demoIins, fillForensicForm, keyFile, shot, signInWithKey } from './helpers';

test('signing without payment is refused with the regulations\' message', async ({ page, request }, info) => {
  const [, applicantIin] = await demoIins(request);
  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  await fillForensicForm(page, info);
  await page.getByRole('button', { name: 'Show what I am signing' }).click();
  await expect(page.getByRole('alert')).toHaveText('The requested service is refused because the service has not been paid for.');
  await expect(page.getByLabel('EDS key file')).toHaveCount(0);
  await expect(page.getByLabel('Key password')).toHaveCount(0);
  await shot(page, info, 'refused-no-payment');
  // Nothing changed: still waiting for payment.
  await expect(page.getByText('Awaiting payment').first()).toBeVisible();
});

test('a wrong key file gives a clear message', async ({ page }, info) => {
  await page.goto('/sign-in');
  await chooseEnglish(page);
  const file = info.outputPath('not-a-key.p12');
  require('fs').writeFileSync(file, 'hello');
  await signInWithKey(page, file);
  await expect(page.getByRole('alert')).toHaveText('This file is not an EDS key or its type is not supported.');
});

test('a wrong key password says so, and the right one signs in', async ({ page, request }, info) => {
  const [, applicantIin] = await demoIins(request);
  const key = await keyFile(request, applicantIin, info, 'AUTH');
  await page.goto('/sign-in');
  await chooseEnglish(page);
  await signInWithKey(page, key, 'qwerty12');
  await expect(page.getByRole('alert')).toHaveText('Wrong key password. Try again (check the letter case and keyboard layout).');
  await shot(page, info, 'wrong-key-password');
  await page.getByLabel('Key password').fill('Qwerty12');
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'My applications' })).toBeVisible();
});

test('NCALayer signs in through its WebSocket protocol', async ({ page, request }) => {
  const [applicantIin] = await demoIins(request);
  await page.goto('/sign-in');
  await chooseEnglish(page);
  // Nothing in NCALayer yet: it answers as when its user cancels.
  await page.getByLabel(/NCALayer/).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  await expect(page.getByRole('alert')).toHaveText('NCALayer did not sign (cancelled, or no key found).');
  // Practice mode: put the person's keys into the NCALayer stand-in.
  await page.goto('/sandbox');
  await page.locator('tr', { hasText: applicantIin }).getByRole('button', { name: /into NCALayer/ }).click();
  await page.goto('/sign-in');
  await page.getByLabel(/NCALayer/).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'My applications' })).toBeVisible();
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

test("a staff page offers the portal's sign-in and returns to the staff's workspace", async ({ page }) => {
  // The staff's workspace is its own module; signing in happens in the portal's.
  await page.goto('/officer');
  await chooseEnglish(page);
  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Please sign in.');
  await alert.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fofficer$/);
  await page.getByLabel('Login').fill('officer');
  await page.getByLabel('Password', { exact: true }).fill('demo-2026');
  await page.getByRole('button', { name: 'Sign in', exact: true }).nth(1).click();
  await expect(page.getByRole('heading', { name: 'Applications queue' })).toBeVisible();
  await expect(page).toHaveURL(/\/officer$/);
  // The portal's own pages are a page load away, and back.
  await page.getByRole('link', { name: 'Check a licence' }).click();
  await expect(page.getByRole('heading', { name: 'Check a licence' })).toBeVisible();
  await page.getByRole('link', { name: 'Officer workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Applications queue' })).toBeVisible();
});

test('a revoked key and a wrong password are refused with clear messages', async ({ page, request }, info) => {
  const [, , applicantIin] = await demoIins(request);
  const file = `AUTH_${applicantIin}.p12`;
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
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).nth(1).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong login or password.');
  await shot(page, info, 'wrong-password');

  // A new key works.
  await page.goto('/sandbox');
  await page.getByRole('button', { name: `New key for ${file}` }).click();
  await expect(page).toHaveURL(/\/sandbox$/);
  await page.goto('/sign-in');
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  await expect(page.getByRole('heading', { name: 'My applications' })).toBeVisible();
});
