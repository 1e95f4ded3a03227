import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/credentials/password/hash";
import { provisionUser } from "@/lib/credentials/registration/provision-user";
import type { Connection } from "@/lib/db/connect";
import { webLiveness } from "@/lib/sessions/liveness";
import { findWebSession, startWebSession } from "@/lib/sessions/web";
import { testDatabases } from "./database";

const PASSWORD = "a-long-enough-password";

describe.each(testDatabases())("provisionUser on $name", ({ open }) => {
  let connection: Connection & { drop: () => Promise<void> };

  beforeAll(async () => {
    connection = await open();
    await connection.migrate();
  });
  afterAll(() => connection?.drop());

  it("creates an admin whose password verifies, named as sign-up names", async () => {
    const result = await provisionUser(connection.db, {
      username: "  Root-Admin ",
      password: PASSWORD,
      admin: true,
    });
    if (!result.ok) throw new Error(result.errors.join());
    expect(result.created).toBe(true);
    expect(result.user).toMatchObject({
      username: "root-admin",
      name: "root-admin",
      role: "admin",
    });
    expect(await verifyPassword(result.user.passwordHash, PASSWORD)).toBe(true);
  });

  it("refuses what sign-up refuses, with sign-up's messages", async () => {
    const result = await provisionUser(connection.db, {
      username: "no spaces",
      password: "short",
      admin: true,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        "Use only lowercase letters, digits, _ and -",
        "Password must be at least 12 characters",
      ],
    });
  });

  it("gives an existing user the new password and ends their sessions; --admin promotes", async () => {
    const first = await provisionUser(connection.db, {
      username: "dana",
      name: "Dana",
      password: PASSWORD,
      admin: false,
    });
    if (!first.ok) throw new Error(first.errors.join());
    expect(first.user.role).toBe("user");
    const session = await startWebSession(connection.db, {
      maxAgeSeconds: 3_600,
      userId: first.user.id,
      method: "credentials",
    });

    const again = await provisionUser(connection.db, {
      username: "dana",
      password: "a-different-long-password",
      admin: false,
    });
    if (!again.ok) throw new Error(again.errors.join());
    expect(again.created).toBe(false);
    expect(again.user).toMatchObject({ id: first.user.id, name: "Dana", role: "user" });
    expect(await verifyPassword(again.user.passwordHash, PASSWORD)).toBe(false);
    expect(await verifyPassword(again.user.passwordHash, "a-different-long-password")).toBe(true);
    const ended = await findWebSession(connection.db, session.id);
    expect(ended && webLiveness(ended).live).toBe(false);
    expect(ended?.endReason).toBe("password_reset");

    const promoted = await provisionUser(connection.db, {
      username: "dana",
      password: PASSWORD,
      admin: true,
    });
    expect(promoted.ok && promoted.user.role).toBe("admin");
  });
});
