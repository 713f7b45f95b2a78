// The form as typed is kept: through a reload, a language switch and on another device, until
// the applicant deletes it.
import { test, expect } from './fixtures';
import { chooseEnglish, demoIins, expectAccessible, keyFile, pdfFile, shot, signInWithKey } from './helpers';

test('a draft survives a reload, a language switch and a change of device', async ({ page, browser, request }, info) => {
  const [, applicantIin] = await demoIins(request);
  const authKey = await keyFile(request, applicantIin, info, 'AUTH');
  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await chooseEnglish(page);
  await signInWithKey(page, authKey);
  await expect(page.getByRole('heading', { name: 'Issue of a licence' })).toBeVisible();
  await page.getByLabel('Type of examination').selectOption({ label: 'Forensic-psychiatric examination' });
  await page.getByLabel('Higher education (institution, diploma number)').fill('Karaganda Medical University');
  await page.getByLabel(/Copy of the qualification certificate/).setInputFiles(pdfFile(info));
  await expect(page.getByText(/Uploaded: certificate\.pdf/)).toBeVisible();
  await expect(page.getByText(/^Draft saved:/)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Higher education (institution, diploma number)')).toHaveValue('Karaganda Medical University');
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.getByLabel('Высшее образование (учебное заведение, номер диплома)')).toHaveValue('Karaganda Medical University');
  await expect(page.getByLabel('Вид экспертизы')).toHaveValue('forensic_psychiatric');
  await chooseEnglish(page);

  // Another device: a new browser, the same person.
  const other = await (await browser.newContext()).newPage();
  await other.goto('/sign-in');
  await chooseEnglish(other);
  await signInWithKey(other, authKey);
  await expect(other.getByRole('heading', { name: 'Drafts' })).toBeVisible();
  await expectAccessible(other, 'the cabinet with a draft');
  await shot(other, info, 'cabinet-draft');
  await other.getByRole('link', { name: 'Continue' }).click();
  await expect(other.getByLabel('Higher education (institution, diploma number)')).toHaveValue('Karaganda Medical University');
  // The file attached on the first device is shown as attached here.
  await expect(other.getByText(/Uploaded: certificate\.pdf/)).toBeVisible();
  await expectAccessible(other, 'the resumed form');

  // Deleted on request.
  await other.goto('/cabinet');
  await other.getByRole('button', { name: /Delete the draft/ }).click();
  await expect(other.getByRole('heading', { name: 'Drafts' })).toHaveCount(0);
});

// A shared computer: what one person typed stays theirs. Signing out removes every draft the
// browser keeps (the server keeps the person's own copy), and the next person opens the form
// empty.
test('a signed-out browser holds no draft of the previous person', async ({ page, request }, info) => {
  // Two applicants whose forensic-licence form no earlier test leaves a draft of.
  const [firstIin, , nextIin] = await demoIins(request);
  const education = () => page.getByLabel('Higher education (institution, diploma number)');
  const draftKeys = () =>
    page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('draft:')));

  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, firstIin, info, 'AUTH'));
  await expect(page.getByRole('heading', { name: 'Issue of a licence' })).toBeVisible();
  await expect(page).toHaveTitle(/^Issue of a licence · Licence for forensic expert activity.* — Licensing portal$/);
  await education().fill('Shared Computer University');
  await expect(page.getByText(/^Draft saved:/)).toBeVisible();
  // Kept under the person's own key.
  expect(await draftKeys()).toEqual([`draft:${firstIin}:FOR-LIC:issue`]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  // Signing out lands on the catalogue: the public pages' module, a page load.
  await page.waitForURL((url) => url.pathname === '/');
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  expect(await draftKeys()).toEqual([]);

  // The next person at the same computer.
  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await signInWithKey(page, await keyFile(request, nextIin, info, 'AUTH'));
  await expect(page.getByRole('heading', { name: 'Issue of a licence' })).toBeVisible();
  await expect(page.getByText(/^Draft saved:/)).toHaveCount(0);
  await expect(education()).toHaveValue('');
  await shot(page, info, 'drafts-next-person');
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Signing out lands on the catalogue: the public pages' module, a page load.
  await page.waitForURL((url) => url.pathname === '/');
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();

  // The first person comes back: their draft followed them through the server; they delete it.
  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await signInWithKey(page, await keyFile(request, firstIin, info, 'AUTH'));
  await expect(education()).toHaveValue('Shared Computer University');
  await page.goto('/cabinet');
  await page.getByRole('button', { name: /Delete the draft/ }).click();
  await expect(page.getByRole('heading', { name: 'Drafts' })).toHaveCount(0);
  expect(await draftKeys()).toEqual([]);
});
