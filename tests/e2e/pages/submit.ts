import type { Locator, Page, Response } from "@playwright/test";

/**
 * Clicks a form's submit button and waits for the server action's answer to start. Next.js sends
 * an action's headers before the action has run, unless it redirects (the redirect is in them):
 * a caller that needs the action's effects waits for a sign of them on the page too.
 */
export async function submitAndWait(page: Page, button: Locator): Promise<Response> {
  const [response] = await Promise.all([
    // The action's own POST (Next-Action names it), not another the page sends meanwhile: the
    // sign-in page asks for a passkey challenge as it loads.
    page.waitForResponse(
      (response) =>
        response.request().method() === "POST" &&
        response.request().headers()["next-action"] !== undefined,
    ),
    button.click(),
  ]);
  return response;
}

/** True when the action redirected, which it can only decide once it has run. */
export function redirected(response: Response): boolean {
  return Boolean(response.headers()["x-action-redirect"]);
}
