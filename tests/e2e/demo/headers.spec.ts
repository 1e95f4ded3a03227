import { workerStack } from "../support/worker-stack";
import { expect, test } from "../test";
import { DEMO_PASSWORD, openApp, uniqueUsername } from "./fixtures";

// The demo's /app under the core's Content Security Policy: the guard in ../test fails any test
// whose pages reported a violation.

test("the demo's /app loads tweetnacl for the encrypted inbox under the policy: the guard sees no violation", async ({
  browser,
}) => {
  // Every script the context loads, to find tweetnacl's: a chunk imported only once the inbox,
  // an encrypted channel, is authorized (script-src 'strict-dynamic' must let it load).
  const context = await browser.newContext({ baseURL: workerStack().baseURL });
  const scripts: Promise<string>[] = [];
  context.on("response", (response) => {
    if (/\/_next\/static\/.+\.js$/.test(new URL(response.url()).pathname))
      scripts.push(response.text().catch(() => ""));
  });
  const alice = await openApp(browser, "alice", DEMO_PASSWORD, context);
  await expect
    .poll(async () => (await Promise.all(scripts)).some((text) => text.includes("bad nonce size")))
    .toBe(true);

  // And it opens what arrives on the inbox.
  const bob = await openApp(browser, "bob");
  await alice.app.page.getByLabel("Conversation with").selectOption({ label: "@bob" });
  await bob.app.page.getByLabel("Conversation with").selectOption({ label: "@alice" });
  const text = `sealed ${uniqueUsername("dm")}`;
  await bob.app.page.getByLabel("Direct message", { exact: true }).fill(text);
  await bob.app.page.getByLabel("Direct message", { exact: true }).press("Enter");
  await expect(alice.app.page.getByTestId("direct-messages").getByText(text)).toBeVisible();
  await Promise.all([alice.context.close(), bob.context.close()]);
});
