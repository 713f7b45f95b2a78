// A company applies for the equity-holders' housing licence, first stage: its first head signs
// in with the company key, a threshold of the regulation stops the form with its own message,
// files are judged by content and size, and the corrected form goes on to payment.
import { test, expect } from './fixtures';
import * as fs from 'fs';
import { chooseEnglish, expectAccessible, keyBaseOf, keyFile, pdfFile, shot, signInWithKey } from './helpers';

test('an equity-holders stage-1 request stops on a failed threshold until corrected', async ({ page, request }, info) => {
  const head = await keyBaseOf(request, /first_head/);
  await page.goto('/sign-in?next=/apply/CON-EQUITY/issue_stage1');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, head, info, 'AUTH'));
  await expect(page.getByRole('heading', { name: 'Licence at the first stage' })).toBeVisible();

  await page.locator('select[id="f-object_address"]').selectOption({ label: 'Karaganda region' });
  await page.getByLabel(/Locality, street, building/).fill('Karaganda, Nurken Abdirov avenue 30');
  await page.getByLabel('Construction cost of the residential building').fill('10 000 000 000');
  await page.getByLabel('Cost of the zero cycle').fill('2 000 000 000');
  await page.getByLabel('Own funds (per the agent bank\'s certificate)').fill('1 000 000 000');
  await page.getByLabel('Main founder\'s share of the authorised capital, %').fill('60');
  await page.getByLabel('Founder\'s experience building residential buildings, years').fill('5');
  await page.getByLabel('Apartments commissioned by the founder').fill('240');
  await page.getByLabel('Founder\'s own capital').fill('500 000 000');
  await page.getByLabel('Contact phone').fill('+7 717 200 30 40');
  await page.getByLabel('E-mail').fill('office@dala-survey.kz');

  // A program renamed to .pdf, and a file over the slot's 10 MB.
  const fake = info.outputPath('title.pdf');
  fs.writeFileSync(fake, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]));
  await page.getByLabel(/Title document for the land plot/).setInputFiles(fake);
  await expect(page.getByText('This type of file is not allowed.', { exact: true })).toBeVisible();
  const big = info.outputPath('big.pdf');
  fs.writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 32)]));
  await page.getByLabel(/Title document for the land plot/).setInputFiles(big);
  await expect(page.getByText('The file is too large.', { exact: true })).toBeVisible();
  // One file, written once (rewriting it while an upload reads it would fail the upload).
  const scan = pdfFile(info, 'scan.pdf');
  for (const slot of [/Title document for the land plot/, /Expert conclusion for the zero stage/, /Contract with the agent bank/,
    /The agent bank's certificates/, /Commissioning acts and sub-contracts/]) {
    await page.getByLabel(slot).setInputFiles(scan);
  }
  await expect(page.getByText(/^Uploaded:/)).toHaveCount(5);
  // Remove one, then send a larger scan over a slow line: the progress shows while it goes.
  await page.getByRole('button', { name: 'Remove the file' }).first().click();
  await expect(page.getByText(/^Uploaded:/)).toHaveCount(4);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  const larger = info.outputPath('larger-scan.pdf');
  fs.writeFileSync(larger, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1536 * 1024, 32)]));
  await page.getByLabel(/Title document for the land plot/).setInputFiles(larger);
  await expect(page.getByRole('progressbar', { name: 'Uploading the file…' })).toBeVisible();
  await expect(page.getByText(/^Uploaded:/)).toHaveCount(5, { timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  // Own funds of 10 % and below the zero-cycle cost: the regulation's threshold says so.
  await page.getByRole('button', { name: 'Check answers' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Correct these fields' });
  await expect(summary).toContainText('Own funds must be at least 15 % of the construction cost, or at least the cost of the zero cycle.');
  await shot(page, info, 'equity-threshold');
  await expectAccessible(page, 'the equity form with a failed threshold');

  await page.getByLabel('Own funds (per the agent bank\'s certificate)').fill('2 000 000 000');
  await page.getByRole('button', { name: 'Check answers' }).click();
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeFocused();
  await shot(page, info, 'equity-check-answers');
  await expectAccessible(page, 'check answers');
  await page.getByRole('button', { name: 'Save and continue to payment' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f]{32}$/);
  await expect(page.getByRole('button', { name: 'Pay the fee' })).toBeVisible();
});

test('a category re-issue lists the staff row by row, with each row checked', async ({ page, request }, info) => {
  const head = await keyBaseOf(request, /first_head/);
  await page.goto('/sign-in?next=/apply/CON-SURVEY/category');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, head, info, 'AUTH'));
  await expect(page.getByRole('heading', { name: 'Re-issue on assignment of a category' })).toBeVisible();
  await page.getByRole('button', { name: 'Add: specialist' }).click();
  await page.getByRole('button', { name: 'Add: specialist' }).click();
  const first = page.getByRole('group', { name: 'Specialist 1' });
  await first.getByLabel('Full name').fill('Ким Ольга Викторовна');
  await first.getByLabel('Position').fill('Chief engineer');
  await first.getByLabel('Education (institution, diploma number, speciality)').fill('KazGASA, 12345, geodesy');
  await first.getByLabel('Experience in the speciality, years').fill('12');
  // The second specialist is left without a name; then removed and added again.
  await page.getByRole('group', { name: 'Specialist 2' }).getByLabel('Position').fill('Surveyor');
  await page.getByRole('button', { name: 'Check answers' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Correct these fields' });
  await expect(summary.getByRole('link', { name: /Full name: This field is required\./ })).toBeVisible();
  await summary.getByRole('link', { name: /Full name: This field is required\./ }).click();
  await expect(page.getByRole('group', { name: 'Specialist 2' }).getByLabel('Full name')).toBeFocused();
  await shot(page, info, 'staff-rows');
  await expectAccessible(page, 'the form with repeating rows');
  await page.getByRole('button', { name: 'Remove specialist 2' }).click();
  await expect(page.getByRole('group', { name: 'Specialist 2' })).toHaveCount(0);
  await expect(first.getByLabel('Full name')).toHaveValue('Ким Ольга Викторовна');
});

test('the passport lists the documents of the chosen kind of applicant', async ({ page }) => {
  await page.goto('/services/CON-DESIGN');
  await chooseEnglish(page);
  const issue = page.getByRole('region', { name: 'Issue of a licence' });
  await expect(issue.getByText(/A copy of the charter/)).toBeVisible();
  await page.getByLabel('Who is applying (the document lists follow it)').selectOption({ label: 'Individual' });
  await expect(issue.getByText(/A copy of the charter/)).toHaveCount(0);
  await expect(issue.getByText('A copy of the identity document')).toBeVisible();
  await expect(issue.getByText(/foreign state's licence or permit/)).toHaveCount(0);
  await page.getByLabel('Who is applying (the document lists follow it)').selectOption({ label: 'Foreign person' });
  await expect(issue.getByText(/foreign state's licence or permit/).first()).toBeVisible();
  await expectAccessible(page, 'the construction passport');
});
