// Support answering "where is my licence?": the case explained, whose move it is, and an answer
// to read to the caller; first for a case waiting on the applicant, then on the provider.
import { test, expect } from './fixtures';
import { chooseEnglish, demoIins, fillForensicForm, keyFile, pickKey, shotPhoneAndDesktop, signInWithKey, signInStaff } from './helpers';

test('support sees a case explained, waiting on the applicant and then on the provider', async ({ page, browser, request }, info) => {
  const [, applicantIin] = await demoIins(request);
  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  // SMS about this application, to the form's phone.
  await page.getByLabel('Send me SMS about this application to the phone above').check();
  await fillForensicForm(page, info);

  const supportContext = await browser.newContext();
  const support = await supportContext.newPage();
  await signInStaff(support, 'support');
  await expect(support.getByRole('heading', { name: 'Find an application' })).toBeVisible();
  const query = support.getByLabel(/Registration number or the applicant's IIN/);

  // Saved, not paid: the applicant's move. The newest case comes first.
  await query.fill(applicantIin);
  await support.getByRole('button', { name: 'Search' }).click();
  const waiting = support.getByRole('region', { name: 'Explained for the caller' }).first();
  await expect(waiting).toContainText("Whose move");
  await expect(waiting).toContainText("The applicant's");
  await expect(waiting).toContainText('Applicant: pay the licence fee.');
  // The answer to read out, in Russian by default for an English screen, or in Kazakh.
  const answer = waiting.locator('blockquote.answer');
  await expect(answer).toHaveAttribute('lang', 'ru');
  await expect(answer).toContainText('лицензионный сбор не оплачен');
  await waiting.getByRole('group', { name: 'Language of the answer' }).getByRole('button', { name: 'Қазақша' }).click();
  await expect(answer).toHaveAttribute('lang', 'kk');
  await expect(answer).toContainText('төленбеген');
  await shotPhoneAndDesktop(support, info, 'explainer-waiting-on-applicant', 'the explainer of a case waiting on the applicant');

  // Paid and signed: the provider's move, at its first step, with its deadline.
  await page.getByRole('button', { name: 'Pay the fee' }).click();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByText(/Payment confirmed/)).toBeVisible();
  await page.getByRole('button', { name: 'Show what I am signing' }).click();
  await pickKey(page, await keyFile(request, applicantIin, info));
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  const accepted = page.getByRole('status').filter({ hasText: 'Request accepted' });
  await expect(accepted).toBeVisible();
  const number = (await accepted.textContent())!.match(/MOJ-\d{4}-\d{6}/)![0];

  // Read over the phone and typed in lower case.
  await query.fill(number.toLowerCase());
  await support.getByRole('button', { name: 'Search' }).click();
  const working = support.getByRole('region', { name: 'Explained for the caller' });
  await expect(working).toHaveCount(1);
  await expect(working).toContainText("The licensing body's");
  await expect(working).toContainText('Register the electronic request');
  await expect(working).toContainText('The chancellery');
  await expect(working).toContainText('In progress, on time');
  await expect(working).toContainText('Last message');
  await expect(working.locator('blockquote.answer')).toContainText(number);
  await expect(working.locator('blockquote.answer')).toContainText('Результат будет готов до');
  await expect(support.getByRole('region', { name: 'Progress of the application' })).toBeVisible();
  await shotPhoneAndDesktop(support, info, 'explainer-waiting-on-provider', 'the explainer of a case waiting on the provider');

  // The acceptance went by e-mail and by SMS (the sandbox's gateway received it); the
  // applicant sees both, support too.
  await expect.poll(async () => {
    const got = await (await request.get('/sandbox/sms/messages?to=%2B77011234567')).json();
    return got.filter((m: { text: string }) => m.text.includes(number)).length;
  }, { timeout: 20_000 }).toBe(1);
  await page.reload();
  const notifications = page.getByRole('region', { name: 'Notifications' });
  await expect(notifications.getByRole('listitem').filter({ hasText: 'SMS' })).toContainText('Sent');
  await expect(notifications.getByRole('listitem').filter({ hasText: 'E-mail' }).first()).toBeVisible();
  await support.getByRole('button', { name: 'Search' }).click();
  await expect(support.getByRole('table', { name: 'E-mails and SMS' })).toContainText('SMS');
  // The applicant sees that support found the case.
  await expect(page.getByRole('region', { name: 'Who looked at your application' })).toContainText('The 1414 contact centre found the application by a search');
  await supportContext.close();
});
