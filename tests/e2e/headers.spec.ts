import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { freePort } from "../support/free-port";
import { openApp, uniqueUsername } from "./fixtures";
import { SignUpPage } from "./pages/sign-up-page";
import { freePorts, launch, portsEnv, stopChild } from "./support/stack";
import { workerStack } from "./support/worker-stack";
import { expect, test } from "./test";

// The security headers of every page (proxy.ts, next.config.ts) against the production build.

/** The worker's soketi (read lazily: the runner loads this file too, and has no stack). */
const realtime = () => `127.0.0.1:${workerStack().soketiPort}`;

/** The response's policy as directive name → sources. */
function policyOf(response: Pick<APIResponse, "headers">): Map<string, string[]> {
  const policy = response.headers()["content-security-policy"] ?? "";
  return new Map(
    policy.split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

function nonceOf(response: APIResponse): string | undefined {
  const sources = policyOf(response).get("script-src") ?? [];
  return sources.find((source) => source.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
}

/** The policy, and the static headers, of a page served over plain http; returns its nonce. */
function expectPageHeaders(response: APIResponse): string {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toBeUndefined();

  const policy = policyOf(response);
  const nonce = nonceOf(response);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(Object.fromEntries(policy)).toEqual({
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", `ws://${realtime()}`, `http://${realtime()}`],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
  });
  return nonce ?? "";
}

/** Every script tag in the page's HTML carries the nonce of its policy. */
async function expectNonceOnScripts(response: APIResponse, nonce: string) {
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(` nonce="${nonce}"`);
}

async function expectPage(request: APIRequestContext, path: string) {
  await test.step(path, async () => {
    const first = await request.get(path, { maxRedirects: 0 });
    expect(first.status()).toBe(200);
    const nonce = expectPageHeaders(first);
    await expectNonceOnScripts(first, nonce);

    const second = await request.get(path, { maxRedirects: 0 });
    expect(nonceOf(second)).toBeDefined();
    expect(nonceOf(second)).not.toBe(nonce);
  });
}

test("every page has the policy, a fresh nonce on its scripts, and the static headers", async ({
  browser,
  request,
}) => {
  for (const path of ["/", "/sign-in", "/sign-up", "/quickstart"]) await expectPage(request, path);
  const alice = await openApp(browser, "alice");
  for (const path of ["/app", "/admin"]) await expectPage(alice.context.request, path);
  await alice.context.close();
});

test("signed out, /app and /admin redirect to sign-in with the same headers", async ({
  request,
}) => {
  for (const path of ["/app", "/admin"]) {
    const redirect = await request.get(path, { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers().location).toBe(`/sign-in?callbackUrl=${path}`);
    expectPageHeaders(redirect);
    const signIn = await request.get(redirect.headers().location ?? "");
    await expectNonceOnScripts(signIn, expectPageHeaders(signIn));
  }
});

test("the pages run in Chromium under the policy: the guard sees no violation", async ({
  browser,
  page,
}) => {
  for (const path of ["/", "/sign-in", "/sign-up", "/quickstart"]) {
    await page.goto(path);
    await page.waitForFunction(() => "next" in window); // Next.js's client started.
  }
  // /app signs in to soketi through connect-src, and joins who is online.
  const alice = await openApp(browser, "alice");
  await expect(alice.app.badge).toHaveAttribute("data-state", "connected");
  await expect(alice.app.online.getByText("Alice", { exact: true })).toBeVisible();
  await alice.app.page.goto("/admin");
  await expect(alice.app.page.getByRole("heading", { name: "Admin" })).toBeVisible();
  await alice.context.close();
});

test("behind an https proxy: HSTS, TLS to the realtime server, insecure requests upgraded", async ({
  request,
}) => {
  const response = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe(
    "max-age=63072000; includeSubDomains",
  );
  const policy = policyOf(response);
  expect(policy.get("upgrade-insecure-requests")).toEqual([]);
  expect(policy.get("connect-src")).toEqual([
    "'self'",
    `wss://${realtime()}`,
    `https://${realtime()}`,
  ]);
});

test("API routes carry the static headers, and a policy that allows no script", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(Object.fromEntries(policyOf(response))).toEqual({
    "default-src": ["'none'"],
    "script-src": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
  });
});

test("a same-site page cannot frame /admin, even with the admin's cookies", async ({
  browser,
  csp,
}) => {
  // Another port of the same host is the same site: the session cookie (SameSite=Lax) goes along
  // with the framed request, so only the browser's refusal to frame the answer protects /admin.
  const admin = new URL("/admin", workerStack().baseURL);
  const attacker = createServer((_request, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<h1>Win a prize</h1><iframe src="${admin}" width="800" height="600"></iframe>`);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => attacker.listen(port, "127.0.0.1", resolve));

  const alice = await openApp(browser, "alice");
  const page = await alice.context.newPage();
  csp.expectViolation(/frame-ancestors 'none'/);
  const [framed] = await Promise.all([
    page.waitForResponse(admin.href),
    page.waitForEvent("console", (message) => message.text().includes("frame-ancestors")),
    page.goto(`http://localhost:${port}/`),
  ]);
  // The server did answer the frame with alice's admin page (signed out it redirects, for a
  // non-admin it is 403)...
  expect(framed.status()).toBe(200);
  // ...and Chromium did not show it.
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("heading", { name: "Admin" })).toHaveCount(0);
  await expect(frame.getByRole("button", { name: "Ban" })).toHaveCount(0);

  await alice.context.close();
  await new Promise((resolve) => attacker.close(resolve));
});

test("with hosted Pusher settings, /app may open its socket to the cluster", async ({
  browser,
}) => {
  // Pusher cannot be reached from here: what matters is that the policy lets pusher-js try.
  const ports = await freePorts();
  const dataDir = mkdtempSync(path.join(tmpdir(), "rtauth-hosted-"));
  const app = launch({
    ...portsEnv(ports),
    DATA_DIR: dataDir,
    AUTH_SECRET: "h".repeat(32),
    PUSHER_APP_ID: "1",
    PUSHER_KEY: "hosted-key",
    PUSHER_SECRET: "hosted-secret",
    PUSHER_CLUSTER: "eu",
    PUSHER_ENCRYPTION_MASTER_KEY: Buffer.alloc(32, 2).toString("base64"),
    // A deployment to hosted Pusher must state its database; the embedded one, on purpose.
    DATABASE_URL: "pglite",
  });
  const context = await browser.newContext({ baseURL: `http://localhost:${ports.port}` });
  try {
    const home = await expect
      .poll(
        () =>
          context.request.get("/").then(
            (response) => response.status(),
            () => 0,
          ),
        {
          timeout: 60_000,
        },
      )
      .toBe(200)
      .then(() => context.request.get("/"));
    expect(policyOf(home).get("connect-src")).toEqual([
      "'self'",
      "wss://ws-eu.pusher.com",
      "https://sockjs-eu.pusher.com",
    ]);

    const signUp = new SignUpPage(await context.newPage());
    await signUp.goto();
    const [socket] = await Promise.all([
      signUp.page.waitForEvent("websocket"),
      signUp.signUp({ username: uniqueUsername("hosted"), password: "a-long-enough-password" }),
    ]);
    expect(socket.url()).toMatch(/^wss:\/\/ws-eu\.pusher\.com\/app\/hosted-key\?/);
  } finally {
    await context.close();
    await stopChild(app.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
