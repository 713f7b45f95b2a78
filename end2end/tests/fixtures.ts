// Every browser test runs under the portal's content security policy, and fails when the
// page breaks it or the app crashes: each page the test opens is watched for CSP violations
// (reported to the console and as `securitypolicyviolation` events) and for uncaught errors.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ policyWatch: void }>({
  policyWatch: [
    async ({ context }, use, info) => {
      const problems: string[] = [];
      const watch = (page: import('@playwright/test').Page) => {
        page.on('console', (m) => {
          if (/Content Security Policy|Refused to (load|execute|apply|connect|create|frame)/i.test(m.text())) {
            problems.push(`CSP: ${m.text()}`);
          }
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await use();
      expect(problems, `${info.title}: the page broke the content security policy or crashed`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page } from '@playwright/test';
