// The whole chain for the forensic expert licence, steps 1 to 8 of the foundation issue,
// walked as a new user would, in English, with screenshots.
import { test, expect, Page } from './fixtures';
import * as fs from 'fs';
import { chooseEnglish, demoIins, expectAccessible, fillForensicForm, keyBaseOf, keyFile, KEY_PASSWORD, pickKey, shot, shotPhoneAndDesktop, signInWithKey, signInStaff } from './helpers';

test('an applicant gets a signed licence that anyone can check', async ({ page, browser, request }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A Rust panic in the app is logged by its panic hook before the module traps: keep the
  // message, so a failure says where.
  page.on('console', (m) => { if (m.type() === 'error' && /panicked/.test(m.text())) errors.push(m.text()); });
  // Every request the applicant's browser makes, to prove the key file and its password stay.
  const sent: { url: string; body: Buffer | null }[] = [];
  page.on('request', (r) => sent.push({ url: r.url(), body: r.postDataBuffer() }));
  const [applicantIin] = await demoIins(request);
  const officerKey = await keyBaseOf(request, /officer \(MOJ\)/);

  // 1. Catalogue and passport, with the language switch.
  await page.goto('/');
  await chooseEnglish(page);
  await expect(page.getByRole('heading', { name: 'Licensing services' })).toBeVisible();
  await expectAccessible(page, 'the catalogue');
  await page.getByRole('link', { name: /Licence for forensic expert activity/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Licence for forensic expert activity/ })).toBeVisible();
  await expect(page.getByText('7 working days')).toBeVisible();
  await expect(page.getByText(/₸ \(10 MCI/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Legal basis' })).toBeVisible();
  await expect(page.getByText(/Order of the Minister of Justice No\. 546/)).toBeVisible();
  await page.getByRole('button', { name: 'Қазақша' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Сот-сараптама қызметімен/ })).toBeVisible();
  await shot(page, info, '1-passport-kk');
  await chooseEnglish(page);
  await shot(page, info, '1-passport-en');
  await expectAccessible(page, 'the service passport');

  // 2. Sign in with the key file, then the form from the service definition.
  await page.getByRole('region', { name: 'Issue of a licence', exact: true }).getByRole('link', { name: 'Submit application' }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expectAccessible(page, 'the sign-in page');
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  await expect(page).toHaveURL(/\/apply\/FOR-LIC\/issue$/);
  // The signing preflight: the key fits before any typing.
  const signingKey = await keyFile(request, applicantIin, info);
  await page.getByText('Check your key first').click();
  await pickKey(page, signingKey);
  await page.getByRole('button', { name: 'Check the key' }).click();
  await expect(page.getByText('The key is valid and fits this service')).toBeVisible();
  await shot(page, info, '2-key-check');
  await expectAccessible(page, 'the form with the key check');
  await page.getByRole('button', { name: 'Check answers' }).click();
  await expect(page.getByRole('heading', { name: 'Correct these fields' })).toBeVisible();
  // The task list marks the sections with errors.
  await expect(page.getByRole('navigation', { name: 'Sections of the application' })).toContainText('has errors');
  await shot(page, info, '2-form-errors');
  await expectAccessible(page, 'the form with its error summary');
  await fillForensicForm(page, info);

  // 3. Payment on the gateway's own page.
  await page.getByRole('button', { name: 'Pay the fee' }).click();
  await expect(page.getByRole('heading', { name: 'Sandbox payment gateway' })).toBeVisible();
  await shot(page, info, '3-gateway');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByText(/Payment confirmed/)).toBeVisible();

  // 4. What you see is what you sign; sign with the key file.
  await page.getByRole('button', { name: 'Show what I am signing' }).click();
  await expect(page.getByText(`Applicant IIN: ${applicantIin}`)).toBeVisible();
  await expectAccessible(page, 'the signing step');
  await pickKey(page, signingKey);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();

  // 5. Accepted: number and expected date.
  const accepted = page.getByRole('status').filter({ hasText: 'Request accepted' });
  await expect(accepted).toBeVisible();
  await expect(accepted).toContainText(/Registration number: MOJ-\d{4}-\d{6}/);
  await expect(accepted).toContainText(/Expected result date: \d{4}-\d{2}-\d{2}/);
  const number = (await accepted.textContent())!.match(/MOJ-\d{4}-\d{6}/)![0];
  await shot(page, info, '5-accepted');
  await expectAccessible(page, 'the accepted application');
  const applicationUrl = page.url();
  // The timeline: the step it is at, on time, and the way ahead with its forecast.
  const timeline = page.getByRole('region', { name: 'Progress of the application' });
  await expect(timeline).toContainText(/Result expected by: .*\d{2}:\d{2}/);
  await expect(timeline).toContainText('Term: 7 working days');
  const current = timeline.locator('li[aria-current="step"]');
  await expect(current).toHaveCount(1);
  await expect(current).toContainText('Register the electronic request');
  await expect(current).toContainText('The chancellery');
  await expect(current).toContainText('In progress, on time');
  await expect(current).toContainText('1 working day');
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Sign the licence' })).toContainText('Not begun yet');
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Sign the licence' })).toContainText('Expected by');
  await shotPhoneAndDesktop(page, info, '5-timeline-in-progress', 'the timeline of a case in progress');

  // 6. The officer approves with the official's signature.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signInStaff(officer, 'officer');
  await expect(officer.getByRole('heading', { name: 'Applications queue' })).toBeVisible();
  await expectAccessible(officer, 'the officer queue');
  // The queue in sections, each with its count; the new case waits in the officer's own.
  const mine = officer.getByRole('region', { name: /^Waiting for you \(\d+\)$/ });
  await expect(officer.getByRole('region', { name: /^Waiting for colleagues \(\d+\)$/ })).toBeVisible();
  await expect(officer.getByRole('region', { name: /^Decided \(\d+\+?\)$/ })).toBeVisible();
  const item = mine.locator('.queue-item', { hasText: number });
  await expect(item).toContainText('Waiting for you');
  await expect(item).toContainText('on time');
  await item.getByRole('link').click();
  await expect(officer.getByRole('heading', { name: `Decision ${number}` })).toBeVisible();
  // The regulation's steps, each by its role with its deadline: registration, the director's
  // resolution, the expert's review, then the signature.
  await expect(officer.getByRole('heading', { name: /^Current step: Register the electronic request/ })).toBeVisible();
  await officer.getByRole('button', { name: 'Take this step' }).click();
  await expect(officer.locator('.current-step')).toContainText('Смағұлова Дана');
  await officer.getByRole('button', { name: 'Registered', exact: true }).click();
  await expect(officer.getByRole('heading', { name: /^Current step: Resolution naming the deadline/ })).toBeVisible();
  await officer.getByRole('button', { name: 'Passed to the executor' }).click();
  await expect(officer.getByRole('heading', { name: /^Current step: Check the application against the Standard/ })).toBeVisible();
  await officer.getByRole('button', { name: 'The licence is prepared' }).click();
  await expect(officer.getByRole('heading', { name: 'Current step: Sign the licence' })).toBeVisible();
  await expect(officer.getByRole('table')).toContainText('Passed to the executor');
  // The signature's term passes (practice mode lets time pass for a case): the applicant sees
  // the step overdue, and so does the officer.
  expect((await request.post(`/sandbox/cases/${number}/overdue`)).status()).toBe(204);
  await page.reload();
  await expect(current).toContainText('Sign the licence');
  await expect(current).toContainText('Overdue');
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Register the electronic request' })).toContainText('Done');
  await shotPhoneAndDesktop(page, info, '6-timeline-overdue', 'the timeline of an overdue case');
  await officer.reload();
  await expect(officer.getByRole('region', { name: 'Progress of the application' }).locator('li[aria-current="step"]')).toContainText('Overdue');
  await officer.getByRole('button', { name: 'Prepare the licence' }).click();
  await pickKey(officer, await keyFile(request, officerKey, info));
  await officer.getByRole('button', { name: 'Sign and issue' }).last().click();
  await expect(officer.getByText('Licence issued').first()).toBeVisible();
  await shot(officer, info, '6-officer-approved');
  await expectAccessible(officer, 'the officer case page');

  // The change appears in the applicant's cabinet.
  await page.goto('/cabinet');
  await expect(page.getByRole('article').getByText('Licence issued').first()).toBeVisible();
  await expectAccessible(page, 'the cabinet');
  await page.goto(applicationUrl);
  // Finished: every step done, the late one said so, none current.
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Sign the licence' })).toContainText('Done after its deadline');
  await expect(current).toHaveCount(0);
  await expect(timeline.getByText('Not begun yet')).toHaveCount(0);
  await shotPhoneAndDesktop(page, info, '7-timeline-finished', 'the timeline of a finished case');
  // Printed, the application is its content alone: no header, menu or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.top')).toBeHidden();
  await expect(timeline).toBeVisible();
  await shot(page, info, '7-application-printed');
  await page.emulateMedia({ media: 'screen' });

  // 7. Download the licence and its signature; check it publicly.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the licence (PDF)' }).click()]);
  const pdfBytes = fs.readFileSync(await pdf.path());
  expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
  fs.writeFileSync(info.outputPath('licence.pdf'), pdfBytes);
  const [sig] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the signature' }).click()]);
  // The official's detached CMS (DER), over the PDF's bytes as downloaded.
  const signature = fs.readFileSync(await sig.path());
  expect(signature[0]).toBe(0x30);
  expect(signature.length).toBeGreaterThan(1000);
  expect(sig.suggestedFilename()).toMatch(/\.p7s$/);
  await shot(page, info, '7-cabinet-licence');
  await page.getByRole('link', { name: 'Check a licence' }).last().click();
  await expect(page.getByText("The licensor's EDS is verified and the document is unchanged")).toBeVisible();
  await shot(page, info, '7-public-check');
  await expectAccessible(page, 'the public check');

  // 8. Support sees the applicant's status, by number and by IIN.
  const supportContext = await browser.newContext();
  const support = await supportContext.newPage();
  await signInStaff(support, 'support');
  await expect(support.getByRole('heading', { name: 'Find an application' })).toBeVisible();
  for (const q of [number, applicantIin]) {
    await support.getByLabel('Registration number or the applicant\'s IIN').fill(q);
    await support.getByRole('button', { name: 'Search' }).click();
    await expect(support.getByText(number).first()).toBeVisible();
    await expect(support.getByText('Licence issued').first()).toBeVisible();
  }
  await shot(support, info, '8-support');
  await expectAccessible(support, 'the support search');
  // The applicant sees who opened and who found the case, by role and body, never by name.
  await page.goto(applicationUrl);
  const access = page.getByRole('region', { name: 'Who looked at your application' });
  await expect(access).toContainText('The 1414 contact centre found the application by a search');
  await expect(access).toContainText(/An official of the licensing body \(.+\), .+ opened the application/);
  await expect(access).toContainText('took a step: Sign the licence');
  await expect(access).not.toContainText('Смағұлова');
  await shotPhoneAndDesktop(page, info, '8-access-log', 'the access log after a support search');

  expect(errors).toEqual([]);

  // The key files and the password never left the browser: no request carried them, in any
  // form; the signer's module was fetched only once a signature was needed.
  // The private key is the first bag of the file (encrypted); the certificates after it are
  // public and travel inside every signature, so the samples come from the key's bytes.
  const secrets = [Buffer.from(KEY_PASSWORD)];
  for (const f of [signingKey, await keyFile(request, applicantIin, info, 'AUTH')]) {
    const bytes = fs.readFileSync(f);
    secrets.push(bytes.subarray(180, 212), Buffer.from(bytes.toString('base64').slice(260, 292)));
  }
  for (const { url, body } of sent) {
    for (const secret of secrets) {
      expect(body?.includes(secret) ?? false, `${url} carries a secret`).toBe(false);
      expect(url.includes(secret.toString()), `${url} carries a secret`).toBe(false);
    }
  }
  const firstSigner = sent.findIndex((r) => r.url.endsWith('/signer_bg.wasm'));
  const firstPage = sent.findIndex((r) => /\/app-[0-9a-f]+_bg\.wasm$/.test(r.url));
  expect(firstPage).toBeGreaterThanOrEqual(0);
  expect(firstSigner).toBeGreaterThan(firstPage);
  // The staff's workspace is its own module: the applicant never downloaded it.
  expect(sent.filter((r) => r.url.includes('/staff/')).map((r) => r.url)).toEqual([]);
});
