import { describe, expect, it } from "vitest";
import {
  cookieValue,
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  deviceCookieName,
  MAX_DEVICE_USERS,
  readDeviceCookie,
  rememberDevice,
  trustedDevice,
} from "@/lib/identity/device-cookie";

const SECRET = "s".repeat(32);
const ALICE = "6f1c2a8e-0a53-4b7e-9d0e-3f4b5c6d7e8f";
const BOB = "0b0b0b0b-1111-4222-8333-444455556666";

describe("device cookie", () => {
  it("vouches for the user it was issued to, with a nonce of its own", () => {
    const cookie = rememberDevice(undefined, ALICE, SECRET);
    const nonce = trustedDevice(cookie, ALICE, SECRET);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // A new sign-in issues a new nonce, so a new budget.
    expect(trustedDevice(rememberDevice(cookie, ALICE, SECRET), ALICE, SECRET)).not.toBe(nonce);
  });

  it("counts as none for another user", () => {
    const cookie = rememberDevice(undefined, ALICE, SECRET);
    expect(trustedDevice(cookie, BOB, SECRET)).toBeUndefined();
  });

  it("counts as none when forged: another secret, a changed user, nonce or expiry, a bad MAC", () => {
    const cookie = rememberDevice(undefined, ALICE, SECRET);
    const [userId, nonce, expiry, mac] = cookie.split(".");
    expect(trustedDevice(cookie, ALICE, "t".repeat(32))).toBeUndefined();
    const forgeries = [
      `${BOB}.${nonce}.${expiry}.${mac}`,
      `${userId}.${"A".repeat(22)}.${expiry}.${mac}`,
      `${userId}.${nonce}.${Number(expiry) + 1}.${mac}`,
      `${userId}.${nonce}.${expiry}.${"A".repeat(43)}`,
      `${userId}.${nonce}.${expiry}`,
      "",
      "garbage",
    ];
    for (const forged of forgeries) {
      expect(trustedDevice(forged, ALICE, SECRET), forged).toBeUndefined();
      expect(trustedDevice(forged, BOB, SECRET), forged).toBeUndefined();
    }
  });

  it("counts as none once expired", () => {
    const issued = Date.parse("2026-01-01T00:00:00Z");
    const cookie = rememberDevice(undefined, ALICE, SECRET, issued);
    const lifetime = DEVICE_COOKIE_MAX_AGE_SECONDS * 1000;
    expect(trustedDevice(cookie, ALICE, SECRET, issued + lifetime - 1000)).toBeDefined();
    expect(trustedDevice(cookie, ALICE, SECRET, issued + lifetime)).toBeUndefined();
  });

  it("keeps the last few users of a browser, newest first, one token each", () => {
    const ids = Array.from({ length: MAX_DEVICE_USERS + 2 }, (_, i) => `user-${i}`);
    let cookie: string | undefined;
    for (const id of ids) cookie = rememberDevice(cookie, id, SECRET);
    cookie = rememberDevice(cookie, "user-3", SECRET);
    const held = readDeviceCookie(cookie, SECRET).map((token) => token.userId);
    expect(held).toEqual(["user-3", "user-6", "user-5", "user-4", "user-2"]);
    expect(trustedDevice(cookie, "user-0", SECRET)).toBeUndefined();
  });

  it("drops a forged token next to valid ones, and keeps the valid ones", () => {
    const alice = rememberDevice(undefined, ALICE, SECRET);
    const cookie = rememberDevice(
      `${alice}~${BOB}.${"B".repeat(22)}.99999999999.${"C".repeat(43)}`,
      BOB,
      SECRET,
    );
    expect(readDeviceCookie(cookie, SECRET).map((token) => token.userId)).toEqual([BOB, ALICE]);
  });

  it("is named __Host- over HTTPS, and read from a Cookie header by exact name", () => {
    expect(deviceCookieName(true)).toBe("__Host-device");
    expect(deviceCookieName(false)).toBe("device");
    expect(cookieValue("a=1; xdevice=2; device=3", "device")).toBe("3");
    expect(cookieValue("a=1", "device")).toBeUndefined();
  });
});
