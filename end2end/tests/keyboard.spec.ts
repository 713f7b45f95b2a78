// The forensic licence form completed with the keyboard alone: Tab between fields, type,
// arrows in a choice, Space on the tick box and on the file chooser, Enter to send.
import { test, expect, Page } from './fixtures';
import { chooseEnglish, demoIins, keyFile, pdfFile, signInWithKey } from './helpers';

/** Presses Tab until the focused element is the one wanted (as a keyboard user moves on). */
async function tabTo(page: Page, wanted: (el: { id: string; text: string }) => boolean, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' }));
    if (wanted(el)) return;
  }
  throw new Error('never reached by Tab');
}

/**
 * Presses Space on the focused file input until the browser's file chooser opens. Headless
 * Chromium sometimes drops the first chooser of a page (`Page.fileChooserOpened` is not sent:
 * microsoft/playwright#28023); a person would press again, and so does this, at most twice.
 */
async function openChooserWithSpace(page: Page) {
  for (let attempt = 0; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
    await page.keyboard.press('Space');
    try {
      return await chooser;
    } catch (e) {
      if (attempt >= 2) throw e;
      await expect(page.locator('#f-qualification_certificate_scan')).toBeFocused();
    }
  }
}

test('the form can be completed with the keyboard alone', async ({ page, request }, info) => {
  const [applicantIin] = await demoIins(request);
  await page.goto('/sign-in?next=/apply/FOR-LIC/issue');
  await chooseEnglish(page);
  await signInWithKey(page, await keyFile(request, applicantIin, info, 'AUTH'));
  await expect(page.getByRole('heading', { name: 'Issue of a licence' })).toBeVisible();

  await tabTo(page, (el) => el.id === 'f-examination_type');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#f-examination_type')).not.toHaveValue('');
  await page.keyboard.press('Tab');
  await page.keyboard.type('СЭ-0099');
  await page.keyboard.press('Tab');
  await page.keyboard.type('04012019');
  await expect(page.locator('#f-qualification_certificate_date')).toHaveValue('2019-04-01');
  await tabTo(page, (el) => el.id === 'f-education');
  await page.keyboard.type('Astana Medical University, diploma 321');
  await tabTo(page, (el) => el.id === 'f-no_criminal_record');
  await page.keyboard.press('Space');
  await expect(page.locator('#f-no_criminal_record')).toBeChecked();
  await tabTo(page, (el) => el.id === 'f-qualification_certificate_scan');
  await (await openChooserWithSpace(page)).setFiles(pdfFile(info));
  await expect(page.getByText(/Uploaded: certificate\.pdf/)).toBeVisible();
  await tabTo(page, (el) => el.id === 'f-phone');
  await page.keyboard.type('+7 701 765 43 21');
  await page.keyboard.press('Tab');
  await page.keyboard.type('keyboard@example.kz');
  await page.keyboard.press('Enter');
  // Check answers takes the focus; the confirmation is reached with Tab and pressed with Enter.
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeFocused();
  await tabTo(page, (el) => el.text === 'Save and continue to payment');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/applications\/[0-9a-f]{32}$/);
});
