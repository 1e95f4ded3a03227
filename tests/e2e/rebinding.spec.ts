import { DEMO_PASSWORD } from "./fixtures";
import { expect, test } from "./test";

// DNS rebinding against the local app (loopback only, no AUTH_URL, as the stack runs it): a page
// of another site, its name re-pointed at 127.0.0.1, is same-origin with the app. Its requests
// name that site in Host; the app answers them 403 untrusted_host, and nothing else.

test("a request naming another host is refused: the service flow's sign-in, Auth.js, a page", async ({
  request,
  baseURL,
}) => {
  const { port } = new URL(baseURL ?? "");
  const host = `rebind.evil.example:${port}`;
  const rebound = { host, origin: `http://${host}` };

  const ticket = await request.post("/api/realtime/service/sessions", {
    headers: rebound,
    data: { username: "alice", password: DEMO_PASSWORD },
  });
  expect(ticket.status()).toBe(403);
  expect(await ticket.json()).toMatchObject({ error: "untrusted_host" });

  const csrf = await request.get("/api/auth/csrf", { headers: rebound });
  expect(csrf.status()).toBe(403);
  const page = await request.get("/sign-in", { headers: rebound });
  expect(page.status()).toBe(403);
  expect(page.headers()["content-security-policy"]).toContain("default-src");

  // The same requests by the app's own name are served.
  expect((await request.get("/api/auth/csrf")).status()).toBe(200);
  expect((await request.get("/sign-in")).status()).toBe(200);
});
