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
