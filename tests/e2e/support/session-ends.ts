import type { APIRequestContext, Browser } from "@playwright/test";
import { openApp, signUpUser } from "../fixtures";
import { AccountPage } from "../pages/account-page";
import { AdminPage } from "../pages/admin-page";
import { expect } from "../test";
import { cookieClient, signedIn } from "./channel-auth";
import { ProtocolSocket } from "./protocol-socket";

// The ends of a session that socket-bounds.spec.ts holds to their bounds, and what they close.

/** A raw socket of `request`'s session: signed in, on the user's channel and the core's presence. */
export async function rawSocketOf(request: APIRequestContext, userId: string) {
  const socket = await ProtocolSocket.open();
  expect(await socket.signIn(await socket.answer(request))).toBe("signed in");
  expect(await socket.subscribe(request, `private-user-${userId}`)).toBe("subscribed");
  expect(await socket.subscribe(request, "presence-online")).toBe("subscribed");
  return socket;
}

/** A pusher-js client of `request`'s session, as an integrator writes one: what it received. */
export async function pusherClientOf(request: APIRequestContext, userId: string) {
  const { socket } = cookieClient(request);
  const seen: string[] = [];
  expect(await signedIn(socket)).toBe(true);
  socket.user.bind("notice", (data: unknown) => seen.push(String(JSON.stringify(data))));
  const channel = socket.subscribe(`private-user-${userId}`);
  channel.bind_global((_event: string, data: unknown) => seen.push(String(JSON.stringify(data))));
  await new Promise((resolve) => channel.bind("pusher:subscription_succeeded", resolve));
  return { socket, received: (text: string) => seen.some((s) => s.includes(text)) };
}

type Device = Awaited<ReturnType<typeof openApp>>;
type Scene = {
  browser: Browser;
  a: Device;
  b: Device;
  admin: AdminPage;
  username: string;
  password: string;
};

export const ENDS: {
  name: string;
  /** Made an admin before the devices sign in. */
  admin?: boolean;
  /** The device whose session outlives the end, if any. */
  survivor: "a" | "b" | null;
  end: (scene: Scene) => Promise<void>;
}[] = [
  { name: "sign-out", survivor: "b", end: ({ a }) => a.app.signOut() },
  {
    name: "Sign out everywhere",
    survivor: null,
    end: async ({ a }) => {
      const account = new AccountPage(await a.context.newPage());
      await account.goto();
      await account.signOutEverywhere();
    },
  },
  {
    name: "a device signed out from another",
    survivor: "b",
    end: async ({ a, b }) => {
      const own = new AccountPage(await a.context.newPage());
      await own.goto();
      const id = await own.page
        .locator('[data-testid="device"][data-current="true"]')
        .getAttribute("data-device-id");
      const account = new AccountPage(await b.context.newPage());
      await account.goto();
      await account.signOutDevice(id ?? "");
    },
  },
  {
    name: "Sign out all other devices",
    survivor: "b",
    end: async ({ b }) => {
      const account = new AccountPage(await b.context.newPage());
      await account.goto();
      await account.signOutOtherDevices();
    },
  },
  {
    name: "a password change on another device",
    survivor: "b",
    end: async ({ b, password }) => {
      const account = new AccountPage(await b.context.newPage());
      await account.goto();
      await account.changePassword(password, `${password}-changed`);
    },
  },
  { name: "a ban", survivor: null, end: ({ admin, username }) => admin.act(username, "Ban") },
  {
    name: "revoking the admin role",
    admin: true,
    survivor: "a",
    end: ({ admin, username }) => admin.act(username, "Revoke admin"),
  },
];

/** A new user on two devices; a raw socket and a pusher-js client of device a's session. */
export async function endScene(browser: Browser, makeAdmin: boolean | undefined) {
  const user = await signUpUser(browser, "ends");
  const alice = await openApp(browser, "alice");
  const admin = new AdminPage(await alice.context.newPage());
  await admin.goto();
  if (makeAdmin) await admin.act(user.username, "Make admin");
  const a = await openApp(browser, user.username, user.password);
  const b = await openApp(browser, user.username, user.password);
  const userId = await a.app.userId();
  const raw = await rawSocketOf(a.context.request, userId);
  const client = await pusherClientOf(a.context.request, userId);
  const scene: Scene = { browser, a, b, admin, ...user };
  const close = async () => {
    raw.close();
    client.socket.disconnect();
    await Promise.all([a.context.close(), b.context.close(), alice.context.close()]);
  };
  return { ...scene, alice, userId, raw, client, close };
}
