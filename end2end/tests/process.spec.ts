// A construction licence through its regulation's steps (004 para. 6): the regional
// department registers it, checks completeness, performs licensing control and writes the
// conclusion, its head signs it; the Committee registers it, prepares the commission, the
// commission finds it conforms, the protocol is approved and the head signs the licence.
import { test, expect, Page } from './fixtures';
import * as fs from 'fs';
import { chooseEnglish, demoIins, expectAccessible, keyBaseOf, keyFile, pdfFile, pickKey, shot, shotPhoneAndDesktop, signInWithKey, signInStaff } from './helpers';

async function staff(page: Page, login: string) {
  await signInStaff(page, login);
  await expect(page.getByRole('heading', { name: 'Applications queue' })).toBeVisible();
}

async function take(officer: Page, step: RegExp, outcome: string) {
  await expect(officer.getByRole('heading', { name: step })).toBeVisible();
  await officer.getByRole('button', { name: outcome, exact: true }).click();
}

test('a construction licence goes through control, conclusion, commission and signature', async ({ page, browser, request }, info) => {
  test.setTimeout(120_000);
  const head = await keyBaseOf(request, /first_head/);
  await page.goto('/sign-in?next=/apply/CON-SURVEY/issue');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, head, info, 'AUTH'));
  await page.getByLabel('What is requested').selectOption({ label: 'A licence' });
  await page.getByLabel('Sub-types of survey activity requested').fill('Engineering and geodetic surveys');
  await page.getByLabel('Licence category').selectOption({ label: 'Category II' });
  await page.locator('select[id="f-production_base_address"]').selectOption({ label: 'Karaganda region' });
  await page.getByLabel(/Locality, street, building/).fill('Karaganda, Bukhar Zhyrau avenue 49');
  await page.getByLabel('Contact phone').fill('+7 717 200 30 40');
  await page.getByLabel('E-mail').fill('office@dala-survey.kz');
  await page.getByLabel(/The information form set by the Standard/).setInputFiles(pdfFile(info, 'information.pdf'));
  await expect(page.getByText(/Uploaded: information\.pdf/)).toBeVisible();
  await page.getByRole('button', { name: 'Check answers' }).click();
  await expect(page.getByRole('region', { name: 'Check your answers' })).toContainText('Karaganda region, Karaganda, Bukhar Zhyrau avenue 49');
  await page.getByRole('button', { name: 'Save and continue to payment' }).click();
  await page.getByRole('button', { name: 'Pay the fee' }).click();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByText(/Payment confirmed/)).toBeVisible();
  await page.getByRole('button', { name: 'Show what I am signing' }).click();
  await pickKey(page, await keyFile(request, head, info));
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  const accepted = page.getByRole('status').filter({ hasText: 'Request accepted' });
  await expect(accepted).toBeVisible();
  const number = (await accepted.textContent())!.match(/CCHS-\d{4}-\d{6}/)![0];
  // The applicant is told where the case is.
  await expect(page.getByText('Received, being registered').first()).toBeVisible();

  // The Karaganda department's specialist: registration, completeness, control, conclusion.
  const specialist = await (await browser.newContext()).newPage();
  await staff(specialist, 'specialist-con');
  const item = specialist.locator('.queue-item', { hasText: number });
  await expect(item).toContainText('Waiting for you');
  await item.getByRole('link').click();
  await take(specialist, /^Current step: Register the request on the day it arrives/, 'Registered');
  await take(specialist, /^Current step: Check the documents for completeness/, 'The documents are complete');
  await take(specialist, /^Current step: Licensing control/, 'Licensing control is done');
  await expect(specialist.getByRole('heading', { name: /^Current step: Prepare the conclusion/ })).toBeVisible();
  // The conclusion (004 Annex 1): sent empty, its fields are named; then filled in.
  const form = specialist.locator('fieldset.outcome-form');
  await expect(form).toBeVisible();
  await specialist.getByRole('button', { name: 'The conclusion is prepared' }).click();
  await expect(specialist.getByRole('alert').first()).toContainText('Correct the marked fields.');
  for (const input of await form.locator('input[type="text"]:visible').all()) {
    await input.fill('ТОО «Дала Іздестіру», проверено');
  }
  for (const select of await form.locator('select:visible').all()) {
    await select.selectOption({ index: 1 });
  }
  await shot(specialist, info, 'conclusion-form');
  await expectAccessible(specialist, 'the conclusion form');
  await specialist.getByRole('button', { name: 'The conclusion is prepared' }).click();
  // The head of the department signs it: not the specialist's role.
  await expect(specialist.getByRole('heading', { name: /^Current step: The head of the unit signs the conclusion/ })).toBeVisible();
  await expect(specialist.getByText('This step is for staff in another role.')).toBeVisible();

  // The Committee (and the department head): the rest of the steps, then the licence.
  const officer = await (await browser.newContext()).newPage();
  await staff(officer, 'officer-con');
  await officer.locator('.queue-item', { hasText: number }).getByRole('link').click();
  // The head signs the conclusion with the EDS: the document carries the specialist's form.
  const officerKey = await keyFile(request, await keyBaseOf(request, /officer-con \//), info);
  await take(officer, /^Current step: The head of the unit signs the conclusion/, 'The conclusion is signed');
  const signing = officer.getByRole('region', { name: 'Sign the decision with your EDS' });
  await expect(signing).toContainText('ТОО «Дала Іздестіру», проверено');
  await pickKey(officer, officerKey);
  await signing.getByRole('button', { name: 'Sign with EDS' }).click();
  await take(officer, /^Current step: Send the request with the scanned conclusion/, 'Sent to the Committee');
  await take(officer, /^Current step: Register at the Committee/, 'Registered');
  await take(officer, /^Current step: Prepare for the licensing commission/, 'Ready for the commission');
  await take(officer, /^Current step: Review the materials against the qualification requirements/, 'Conforms');
  await take(officer, /^Current step: Approve the protocol/, 'The protocol is approved');
  await take(officer, /^Current step: Send the positive result/, 'Sent for signature');
  await expect(officer.getByRole('heading', { name: 'Current step: Sign the licence (annex)' })).toBeVisible();
  await officer.getByRole('button', { name: 'Prepare the licence' }).click();
  await pickKey(officer, officerKey);
  await officer.getByRole('button', { name: 'Sign and issue' }).last().click();
  await expect(officer.getByText('Licence issued').first()).toBeVisible();
  // Every step kept who decided it and when.
  await expect(officer.getByRole('table')).toContainText('The conclusion is prepared');
  await expect(officer.getByRole('table')).toContainText('Жұмабаева Әсел');
  await shot(officer, info, 'construction-steps');
  await expectAccessible(officer, 'the case with its steps');

  await page.reload();
  await expect(page.getByText('Licence issued').first()).toBeVisible();
});

test('a centre operator accepts a request from a representative and prints the receipt', async ({ page, request }, info) => {
  const [principal, agent] = await demoIins(request);
  await staff(page, 'psc-operator');
  await page.getByRole('link', { name: 'Centre desk' }).click();
  await page.getByLabel('Service').selectOption({ label: 'Licence issue, re-issue and duplicate for design activity' });
  await page.getByLabel('Kind').selectOption({ label: 'Issue of a licence' });
  await page.getByLabel('Applicant\'s IIN').fill(principal);
  await page.getByLabel('A representative applies under a power of attorney').check();
  await page.getByLabel('Representative\'s IIN').fill(agent);
  await page.getByLabel('Notarised power of attorney number').fill('1999-0000-НТ');
  await page.getByLabel('What is requested').selectOption({ label: 'A licence' });
  await page.getByLabel('Sub-types requested (design activity)').fill('Architectural design');
  await page.getByLabel('Licence category').selectOption({ label: 'Category II' });
  await page.locator('select[id="f-production_base_address"]').selectOption({ label: 'Astana city' });
  await page.getByLabel(/Locality, street, building/).fill('Astana, Kabanbay batyr avenue 11');
  await page.getByLabel('Contact phone').fill('+7 717 211 22 33');
  await page.getByLabel('E-mail').fill('design@example.kz');
  await page.getByLabel('An application in the Standard\'s form').check();
  await page.getByLabel(/^A copy of the identity document/).check();
  // A power of attorney the notary registry does not hold is refused, and nothing is filed.
  await page.getByRole('button', { name: 'Accept the request' }).click();
  await expect(page.getByRole('alert').first()).toContainText('The power of attorney is not in the notary registry');
  await page.getByLabel('Notarised power of attorney number').fill('2026-0001-НТ');
  await page.getByRole('button', { name: 'Accept the request' }).click();
  // The operator certifies the request with their EDS (process 5): what is shown is signed.
  const certify = page.getByRole('region', { name: 'Certify the request with your EDS' });
  await expect(certify).toContainText(`Applicant IIN: ${principal}`);
  await expect(certify).toContainText('Power of attorney: 2026-0001-НТ');
  await expect(page.locator('#certify-h')).toBeFocused();
  await expect(page.getByLabel('Notarised power of attorney number')).toBeDisabled();
  await expectAccessible(page, 'the request to certify');
  await shot(page, info, 'psc-certify');
  await pickKey(page, await keyFile(request, await keyBaseOf(request, /psc-operator \//), info));
  await certify.getByRole('button', { name: 'Certify with EDS and send' }).click();
  await expect(page.getByRole('heading', { name: 'Receipt for the documents' })).toBeVisible();
  await expect(page.getByText(/^CCHS-\d{4}-\d{6}$/)).toBeVisible();
  await expect(page.locator('.receipt')).toContainText('Planned result date');
  await expect(page.locator('.receipt')).toContainText('A copy of the identity document');
  await shot(page, info, 'psc-receipt');
  await expectAccessible(page, 'the centre receipt');
  const number = (await page.getByText(/^CCHS-\d{4}-\d{6}$/).textContent())!;
  // The receipt carries its number as a QR code to scan at the hand-over.
  const qr = page.getByRole('img', { name: `QR: ${number}` });
  await expect(qr).toBeVisible();
  await shotPhoneAndDesktop(page, info, 'psc-receipt-screen', 'the centre receipt');
  // Printed: the receipt alone, with its code; no header, menu or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.top')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(qr).toBeVisible();
  await expect(page.locator('.receipt')).toContainText('Planned result date');
  await shot(page, info, 'psc-receipt-printed');
  fs.writeFileSync(info.outputPath('psc-receipt.pdf'), await page.pdf({ format: 'A4' }));
  await page.emulateMedia({ media: 'screen' });
  // The applicant comes back with the receipt: the result is not ready yet.
  await page.goto('/psc');
  const handover = page.getByRole('region', { name: 'Hand over a result' });
  await handover.getByLabel('Registration number from the receipt').fill(number);
  await handover.getByRole('button', { name: 'Search' }).click();
  await expect(handover).toContainText('The result is not ready yet');
  await expect(handover.getByRole('button', { name: 'Hand over the result' })).toHaveCount(0);
});
