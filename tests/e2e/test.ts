import { type BrowserContext, test as base, type ConsoleMessage, expect } from "@playwright/test";

// Every spec imports `test` and `expect` from here: a test fails when a page in any browser context
// it opened (the `page` fixture's, or its own from browser.newContext) reported a Content Security
// Policy violation.

export { expect };

// Two signals: Chromium logs every violation to the console, frame-ancestors included (which only
// the framing page sees); the standard `securitypolicyviolation` event does not depend on its wording.

/** Logs each `securitypolicyviolation` event of the page. */
function logViolations() {
  addEventListener("securitypolicyviolation", (event) => {
    console.error(
      `securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`,
    );
  });
}

/** Chromium's report ("… violates the following Content Security Policy directive …"), or ours. */
function isViolation(message: ConsoleMessage): boolean {
  return (
    message.type() === "error" &&
    /Content Security Policy|^securitypolicyviolation:/.test(message.text())
  );
}

type WorkerFixtures = { cspViolations: string[] };

type TestFixtures = {
  /** Lets a test provoke a violation on purpose: one matching `pattern` must then be reported. */
  csp: { expectViolation(pattern: RegExp): void };
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // Watches every context the worker's browser creates, from the first hook on: beforeAll hooks
  // open pages too.
  cspViolations: [
    async ({ browser }, use) => {
      const violations: string[] = [];
      const watch = (context: BrowserContext) => {
        context.on("console", (message) => {
          if (isViolation(message)) violations.push(`${message.page()?.url()}: ${message.text()}`);
        });
        // Fails only when the context is already closed, and then has no page to watch.
        context.addInitScript(logViolations).catch(() => {});
      };
      browser.on("context", watch);
      await use(violations);
      browser.off("context", watch);
      // Reported after the worker's last test ended.
      expect(violations, "Content Security Policy violations").toEqual([]);
    },
    { scope: "worker", auto: true },
  ],

  csp: [
    async ({ cspViolations }, use) => {
      const expected: RegExp[] = [];
      await use({ expectViolation: (pattern) => expected.push(pattern) });
      const seen = cspViolations.splice(0);
      for (const pattern of expected) {
        expect(seen, `a violation matching ${pattern}`).toContainEqual(
          expect.stringMatching(pattern),
        );
      }
      const unexpected = seen.filter((text) => !expected.some((pattern) => pattern.test(text)));
      expect(unexpected, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
