// The bailiff family: a candidate applies for attestation (a free service, so no payment
// step), with a reload and a language switch in the middle, and signs the request.
import { test, expect } from './fixtures';
import { chooseEnglish, demoIins, expectAccessible, keyBaseOf, keyFile, pdfFile, pickKey, shot, signInWithKey, signInStaff } from './helpers';

test('a candidate applies for bailiff attestation, free of charge, and is attested in a session', async ({ page, browser, request }, info) => {
  test.setTimeout(120_000);
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
  await page.getByRole('button', { name: 'Check answers' }).click();
  await expect(page.getByText('The check digit does not match: check the number.', { exact: true })).toBeVisible();
  await supervisor.fill(applicantIin);
  await expect(page.getByText(/^Born \d{2}\.\d{2}\.\d{4} · (male|female)$/)).toBeVisible();
  await page.getByLabel('Date the internship ended').fill('2026-06-30');
  await page.getByLabel('Higher legal education (institution, diploma number)').fill('Buketov University, diploma 77');
  await page.getByLabel('Contact phone').fill('+7 701 555 44 33');
  await page.getByLabel('E-mail').fill('candidate@example.kz');
  await page.getByLabel(/Document proving the internship/).setInputFiles(pdfFile(info));
  await expect(page.getByText(/^Uploaded:/)).toBeVisible();
  await page.getByRole('button', { name: 'Check answers' }).click();
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
  const number = (await accepted.textContent())!.match(/MOJ-TER-\d{4}-\d{6}/)![0];

  // The Karaganda territorial body: the regulation's steps up to the attestation.
  const officer = await (await browser.newContext()).newPage();
  await signInStaff(officer, 'officer-ter');
  await officer.locator('.queue-item', { hasText: number }).getByRole('link').click();
  const officerKey = await keyFile(request, await keyBaseOf(request, /officer-ter \//), info);
  for (const outcome of ['Registered', 'Assigned to a specialist', 'The documents are complete', 'Passed to the Commission',
    'Admitted to the attestation', 'The notice is prepared', 'The notice is sent']) {
    if (outcome === 'Passed to the Commission') {
      // The conformity step asked the state registries; their answers are shown.
      await expect(officer.locator('.checks')).toContainText('Special records (criminal records): clear');
      await expect(officer.locator('.checks')).toContainText('Pre-trial investigations register: clear');
    }
    await officer.getByRole('button', { name: outcome, exact: true }).click();
    if (outcome === 'The notice is sent') {
      // The notice is an EDS-certified document: the head reads it, then signs it.
      const signing = officer.getByRole('region', { name: 'Sign the decision with your EDS' });
      await expect(signing).toContainText('sign_notice');
      await expect(signing).toContainText(number);
      await expectAccessible(officer, 'the decision to sign');
      await pickKey(officer, officerKey);
      await signing.getByRole('button', { name: 'Sign with EDS' }).click();
      await expect(officer.getByRole('table')).toContainText(/Signed with EDS: .+ · certificate serial/);
    }
    await expect(officer.getByRole('table')).toContainText(outcome);
  }
  await expect(officer.getByRole('heading', { name: /^Current step: Hold the attestation/ })).toBeVisible();

  // The session: date and place, the candidate, the results, the signed protocol.
  await officer.getByRole('link', { name: 'Attestation sessions' }).click();
  const today = new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 10);
  await officer.getByLabel('Date').fill(today);
  await officer.getByLabel('Place').fill('Karaganda, Erubaev street 40, room 12');
  await officer.getByRole('button', { name: 'Create the session' }).click();
  const session = officer.getByRole('region', { name: new RegExp(`^${today} · Karaganda region`) });
  await session.getByLabel('Add a candidate (by registration number)').fill(number);
  await session.getByRole('button', { name: 'Add', exact: true }).click();
  const row = session.getByRole('row', { name: new RegExp(number) });
  await row.getByLabel(/^Computer test/).fill('88');
  await row.getByLabel(/^Interview/).selectOption({ label: 'passed' });
  await row.getByLabel(/^Result/).selectOption({ label: 'passed' });
  await row.getByRole('button', { name: 'Save the result' }).click();
  await expectAccessible(officer, 'the attestation session');
  // The protocol is signed with the official's EDS, as shown.
  await session.getByRole('button', { name: 'Show the protocol to sign' }).click();
  await expect(session.locator('pre.to-sign')).toContainText(`${number} Ким Ольга`);
  await pickKey(officer, officerKey);
  await session.getByRole('button', { name: 'Sign the protocol and publish the lists' }).click();
  await expect(officer.getByText(/^Published/).first()).toBeVisible();
  await expect(officer.getByText(/^Signed with EDS: /).first()).toBeVisible();
  await shot(officer, info, 'attestation-session');

  // Anyone reads the lists; the candidate is told of the session in the cabinet.
  await page.goto('/attestation-lists');
  const lists = page.getByRole('region', { name: new RegExp(`^${today} · Karaganda region`) });
  await expect(lists.getByRole('heading', { name: 'Passed (1)' })).toBeVisible();
  await expect(lists).toContainText('Ким Ольга');
  await expectAccessible(page, 'the published attestation lists');
  await page.goto('/cabinet');
  await expect(page.getByText(`The attestation is held on ${today}`).first()).toBeVisible();
});
