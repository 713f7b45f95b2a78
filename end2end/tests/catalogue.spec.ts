// Every service of the seeds, in every version and variant: the passport opens, and the form
// renders from its definition and validates in the browser, as a visitor would find it.
import { test, expect } from './fixtures';
import { chooseEnglish, expectAccessible, shot } from './helpers';

type Text = { kk: string; ru: string; en: string };
type Version = { version: number; in_force: { from: string; until?: string } };
type Summary = { code: string; version: number; earlier: Version[] };
type Service = { definition: { code: string; version: number; variants: { code: string; name: Text }[] }; versions: Version[] };

test('each version of each service has its passport and a form that validates', async ({ page, request }, info) => {
  test.setTimeout(180_000);
  const list: Summary[] = await (await request.get('/api/services')).json();
  const pairs = list.flatMap((s) => [s.version, ...s.earlier.map((e) => e.version)].map((v) => [s.code, v] as const));
  expect(pairs.length).toBe(10);

  await page.goto('/');
  await chooseEnglish(page);
  let forms = 0;
  for (const [code, version] of pairs) {
    const svc: Service = await (await request.get(`/api/services/${code}?version=${version}`)).json();
    const current = svc.versions[0].version === version;
    await page.goto(current ? `/services/${code}` : `/services/${code}?version=${version}`);
    await expect(page.locator('.versions [aria-current="page"]')).toContainText(String(version));
    await expect(page.getByRole('note')).toHaveCount(current ? 0 : 1);
    for (const variant of svc.definition.variants) {
      await page.goto(`/apply/${code}/${variant.code}${current ? '' : `?version=${version}`}`);
      await expect(page.getByRole('heading', { name: variant.name.en, exact: true })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Sections of the application' })).toBeVisible();
      // Sent empty: the browser names what is missing, with links to the fields.
      await page.getByRole('button', { name: 'Check answers' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Correct these fields' });
      await expect(summary.getByRole('link').first()).toBeVisible();
      forms += 1;
    }
  }
  expect(forms).toBe(27);

  // An annex within an existing licence asks for that licence; an address is a region from
  // the list and the rest written out.
  await page.goto('/apply/CON-SURVEY/issue');
  await expect(page.getByLabel('Number of the existing licence')).toBeHidden();
  await page.getByLabel('What is requested').selectOption({ label: 'An annex to an existing licence' });
  await expect(page.getByLabel('Number of the existing licence')).toBeVisible();
  await page.getByLabel(/Locality, street, building/).fill('Temirtau, Republic avenue 12');
  await page.getByRole('button', { name: 'Check answers' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Correct these fields' });
  await expect(summary).toContainText('Choose the region and write the locality, street and building.');
  await expect(summary).toContainText('Number of the existing licence');
  await page.locator('select[id="f-production_base_address"]').selectOption({ label: 'Karaganda region' });
  await page.getByRole('button', { name: 'Check answers' }).click();
  await expect(summary).not.toContainText('Choose the region');
  await expectAccessible(page, 'a form with an address and a condition');

  // A historic regime, as a visitor meets it: the 2014 combined bailiff service.
  await page.goto('/services/BAIL-LIC');
  await page.getByRole('link', { name: /^2014/ }).click();
  await expect(page.getByRole('note')).toContainText('no longer in force');
  await expect(page.getByRole('heading', { name: 'Qualification exam', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Duplicate of a licence', exact: true })).toBeVisible();
  await shot(page, info, 'historic-passport');
  await expectAccessible(page, 'a historic version\'s passport');
  await page.getByRole('link', { name: 'Go to the current version' }).click();
  await expect(page.locator('.versions [aria-current="page"]')).toContainText('2018');
  await page.goto('/');
  await expect(page.getByText(/Earlier versions/).first()).toBeVisible();
  await expectAccessible(page, 'the catalogue with earlier versions');
});

test('on a 375-pixel phone every passport and form fits the screen, in each language', async ({ page, request }, info) => {
  test.setTimeout(120_000);
  const list: Summary[] = await (await request.get('/api/services')).json();
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  for (const lang of ['Қазақша', 'Русский', 'English']) {
    await page.getByRole('button', { name: lang }).click();
    for (const s of list) {
      await page.goto(`/services/${s.code}`);
      await expect(page.locator('dl.passport').first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${s.code} passport in ${lang}`).toBeLessThanOrEqual(375);
      // A term is a label above its text on a phone, not a narrow column whose words break.
      const [dt, dd] = await page.locator('dl.passport').first().evaluate((dl) => {
        const t = dl.querySelector('dt')!.getBoundingClientRect();
        const d = dl.querySelector('dd')!.getBoundingClientRect();
        return [t, d].map((r) => ({ left: r.left, top: r.top, bottom: r.bottom }));
      });
      expect(dd.top, `${s.code}: the text below its term`).toBeGreaterThanOrEqual(dt.bottom - 1);
      expect(Math.abs(dd.left - dt.left)).toBeLessThan(2);
    }
  }
  await page.getByRole('button', { name: 'Қазақша' }).click();
  await page.goto('/services/CON-SURVEY');
  await shot(page, info, 'passport-kk-375');
  await expectAccessible(page, 'a passport on a phone');
  await page.goto('/apply/CON-SURVEY/issue');
  await expect(page.getByRole('navigation').last()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the form on a phone').toBeLessThanOrEqual(375);
  await shot(page, info, 'form-kk-375');
});

test('an anonymous visit logs no error in the console', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  for (const path of ['/', '/services/FOR-LIC', '/check']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: /Кіру|Войти|Sign in/ }).first()).toBeVisible();
  expect(errors).toEqual([]);
});
