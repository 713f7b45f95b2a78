// The licence register as a new user meets it: a licence is issued; its holder opens My
// licences, chooses re-issue and finds the form filled in from the register, pays and signs;
// the officer grants; the public check of the old number says re-issued with a link to the new
// one; and the new licence's QR code verifies on the check page with the network cut.
import { test, expect, Page } from './fixtures';
import * as fs from 'fs';
import { chooseEnglish, demoIins, expectAccessible, fillForensicForm, keyBaseOf, keyFile, pdfFile, pickKey, shot, signInWithKey, signInStaff } from './helpers';

/** Pays on the sandbox gateway and signs the request; returns its registration number. */
async function payAndSign(page: Page, key: string): Promise<string> {
  await page.getByRole('button', { name: 'Pay the fee' }).click();
  await expect(page.getByRole('heading', { name: 'Sandbox payment gateway' })).toBeVisible();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByText(/Payment confirmed/)).toBeVisible();
  await page.getByRole('button', { name: 'Show what I am signing' }).click();
  await pickKey(page, key);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  const accepted = page.getByRole('status').filter({ hasText: 'Request accepted' });
  await expect(accepted).toBeVisible();
  return (await accepted.textContent())!.match(/MOJ-\d{4}-\d{6}/)![0];
}

/** The officer walks the case through the regulation's steps and signs the licence. */
async function officerGrants(officer: Page, number: string, key: string) {
  await officer.goto('/officer');
  const item = officer.locator('.queue-item', { hasText: number });
  await item.getByRole('link').click();
  await expect(officer.getByRole('heading', { name: `Decision ${number}` })).toBeVisible();
  await officer.getByRole('button', { name: 'Take this step' }).click();
  await officer.getByRole('button', { name: 'Registered', exact: true }).click();
  await officer.getByRole('button', { name: 'Passed to the executor' }).click();
  await officer.getByRole('button', { name: 'The licence is prepared' }).click();
  await expect(officer.getByRole('heading', { name: 'Current step: Sign the licence' })).toBeVisible();
  await officer.getByRole('button', { name: 'Prepare the licence' }).click();
  await pickKey(officer, key);
  await officer.getByRole('button', { name: 'Sign and issue' }).last().click();
  await expect(officer.getByText('Licence issued').first()).toBeVisible();
}

test('a licence is re-issued from My licences, the old number says so, and the QR verifies offline', async ({ page, browser, request }, info) => {
  const applicant = (await demoIins(request))[1];
  const signingKey = await keyFile(request, applicant, info);
  const officerKey = await keyFile(request, await keyBaseOf(request, /officer \(MOJ\)/), info);

  // A licence is issued.
  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, applicant, info, 'AUTH'));
  await fillForensicForm(page, info);
  const first = await payAndSign(page, signingKey);
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signInStaff(officer, 'officer');
  await expect(officer.getByRole('heading', { name: 'Applications queue' })).toBeVisible();
  await officerGrants(officer, first, officerKey);

  // My licences: the licence with its files and what can be asked for on it.
  await page.getByRole('link', { name: 'My licences' }).click();
  const card = page.getByRole('article').filter({ hasText: 'Licence for forensic expert activity' });
  await expect(card).toHaveCount(1);
  const old = (await card.getByRole('heading', { level: 2 }).textContent())!.match(/№ (\d+)/)![1];
  await expect(card).toContainText('Valid');
  const [pdf] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: `Download PDF: № ${old}` }).click()]);
  expect(fs.readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
  const [p7s] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: `Signature (.p7s): № ${old}` }).click()]);
  expect(fs.readFileSync(await p7s.path())[0]).toBe(0x30); // DER: a CMS SignedData
  await shot(page, info, 'register-1-my-licences');
  await expectAccessible(page, 'My licences');

  // Re-issue: the form opens with the licence chosen and its number filled in; no copy asked.
  await card.getByRole('link', { name: 'Re-issue of a licence' }).click();
  await expect(page.getByRole('heading', { name: 'Re-issue of a licence' })).toBeVisible();
  const chooser = page.getByRole('group', { name: 'Choose your licence' });
  await expect(chooser.getByRole('radio', { name: new RegExp(`№ ${old}`) })).toBeChecked();
  await expect(page.getByLabel(/^Licence number/)).toHaveValue(old);
  await shot(page, info, 'register-2-reissue-prefilled');
  await expectAccessible(page, 'the re-issue form, pre-filled');
  await page.getByLabel('Reason for re-issue').selectOption({ label: 'Change of surname, name or patronymic' });
  await page.getByLabel('New surname, name, patronymic').fill('Жақсыбеков Ерлан Маратұлы');
  await page.getByLabel(/Document proving the reason/).setInputFiles(pdfFile(info, 'marriage.pdf'));
  await expect(page.getByText(/Uploaded: marriage\.pdf/)).toBeVisible();
  await page.getByLabel('Contact phone').fill('+7 701 123 45 67');
  await page.getByLabel('E-mail').fill('expert@example.kz');
  await page.getByRole('button', { name: 'Check answers' }).click();
  await page.getByRole('button', { name: 'Save and continue to payment' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f]{32}$/);
  const second = await payAndSign(page, signingKey);
  await officerGrants(officer, second, officerKey);

  // The new licence, and the old one re-issued, linked both ways.
  await page.goto('/licences');
  const cards = page.getByRole('article').filter({ hasText: 'Licence for forensic expert activity' });
  await expect(cards).toHaveCount(2);
  const newest = (await cards.first().getByRole('heading', { level: 2 }).textContent())!.match(/№ (\d+)/)![1];
  expect(newest).not.toBe(old);
  await expect(cards.first().getByRole('link', { name: old, exact: true })).toBeVisible();

  // The public check of the old number: re-issued, with a link to the new licence.
  const mine = await (await page.request.get('/api/licences')).json();
  const qr: string = mine.licences.find((l: { licence: { number: string } }) => l.licence.number === newest).check_url;
  expect(qr).toContain('#s=');
  const visitor = await browser.newContext();
  const check = await visitor.newPage();
  await check.goto(`/check/${old}`);
  await chooseEnglish(check);
  const result = check.getByRole('region', { name: `№ ${old}` });
  await expect(result).toContainText('Re-issued');
  await expect(result.getByRole('link', { name: newest })).toBeVisible();
  await shot(check, info, 'register-3-old-reissued');
  await expectAccessible(check, 'the public check of a re-issued licence');
  await result.getByRole('link', { name: newest }).click();
  await expect(check.getByRole('region', { name: `№ ${newest}` })).toContainText('Valid');
  await expect(check.getByText("The licensor's EDS is verified and the document is unchanged")).toBeVisible();
  // What a slow phone paints first, before the app runs: the server has written the same
  // page, element for element and word for word, in the visitor's language.
  for (const n of [newest, old]) {
    await check.goto(`/check/${n}`);
    await expect(check.getByRole('region', { name: `№ ${n}` })).toBeVisible();
    await expect(check.locator('#prerender')).toHaveCount(0);
    const written = await (await check.request.get(`/check/${n}`)).text();
    const [before, after] = await check.evaluate((html) => {
      const shape = (root: Element | null) => [...(root?.querySelectorAll('*') ?? [])].map((e) =>
        `${e.tagName.toLowerCase()}.${e.className}${e.children.length ? '' : `:${e.textContent!.trim()}`}`);
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return [shape(doc.querySelector('#prerender main')), shape(document.querySelector('main'))];
    }, written);
    expect(before.length).toBeGreaterThan(20);
    expect(before).toEqual(after);
  }

  // The QR code, on the check page, with the network cut: genuine, checked on this device.
  await check.goto('/check');
  await expect.poll(() => check.evaluate(() => localStorage.getItem('statement-keys'))).toContain('spki_b64');
  await visitor.setOffline(true);
  const qrBox = check.getByRole('region', { name: 'Check a QR code' });
  await qrBox.getByLabel("The QR code's content").fill(qr);
  await qrBox.getByRole('button', { name: 'Verify the QR code' }).click();
  await expect(qrBox.getByText(/The QR code is genuine/)).toBeVisible();
  await expect(qrBox).toContainText(newest);
  await expect(qrBox).toContainText('No connection');
  await shot(check, info, 'register-4-qr-offline');
  // One character changed: it does not verify.
  const [payload, signature] = qr.split('#s=')[1].split('.');
  const altered = signature.slice(0, 3) + (signature[3] === 'A' ? 'B' : 'A') + signature.slice(4);
  await qrBox.getByLabel("The QR code's content").fill(qr.replace(`${payload}.${signature}`, `${payload}.${altered}`));
  await qrBox.getByRole('button', { name: 'Verify the QR code' }).click();
  await expect(qrBox.getByRole('alert')).toContainText('The QR code does not verify');
  await visitor.setOffline(false);
  await expectAccessible(check, 'the QR check');
  await visitor.close();
  await officerContext.close();

  // My applications: a search by number, service and status (R33), the count announced.
  await page.goto('/cabinet');
  await expect(page).toHaveTitle('My applications — Licensing portal');
  const search = page.getByRole('search', { name: 'Search my applications' });
  const shown = page.getByRole('status').filter({ hasText: /^Shown: / });
  const all = Number((await shown.textContent())!.match(/\/ (\d+)/)![1]);
  expect(all).toBeGreaterThanOrEqual(2);
  await expect(shown).toHaveText(`Shown: ${all} / ${all}`);
  await search.getByLabel('Status').selectOption({ label: 'Licence issued' });
  await expect(page.getByRole('article').filter({ hasNotText: 'Licence issued' })).toHaveCount(0);
  expect(await page.getByRole('article').count()).toBeGreaterThanOrEqual(2);
  await search.getByLabel('Search my applications').fill(first);
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('article')).toContainText(first);
  await expect(shown).toHaveText(`Shown: 1 / ${all}`);
  await search.getByLabel('Search my applications').fill('forensic nothing-like-this');
  await expect(page.getByText('No application matches the search.')).toBeVisible();
  await expect(shown).toHaveText(`Shown: 0 / ${all}`);
  // By the service's name, in any case and in another language's words.
  await search.getByLabel('Search my applications').fill('СУДЕБНО');
  expect(await page.getByRole('article').count()).toBeGreaterThanOrEqual(2);
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, info, 'register-5-my-applications-search-375');
  await expectAccessible(page, 'My applications with a search');
});
