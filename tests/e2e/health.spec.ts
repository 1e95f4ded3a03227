import { expect, test } from "./test";

test("GET /api/health reports the database and the realtime server", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, db: true, realtime: true });
  expect(response.headers()["cache-control"]).toBe("no-store");
});
