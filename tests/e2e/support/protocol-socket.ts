import { type APIRequestContext, expect } from "@playwright/test";
import Pusher from "pusher-js";
import { stackSecrets } from "../fixtures";
import { channelAuth, userAuth } from "./channel-auth";
import { workerStack } from "./worker-stack";

export type Frame = { event: string; channel?: string; data?: unknown };

type ServerError = {
  data?: { code?: number };
  error?: { data?: { code?: number } };
};

/**
 * One socket on the realtime server that sends protocol frames one by one, as a hand-written
 * client or an attacker would: pusher-js carries them (handshake and pings) but neither signs in
 * nor subscribes by itself. It never reconnects: once closed it stays closed.
 */
export class ProtocolSocket {
  readonly frames: Frame[] = [];
  /** The 4xxx code the server refused or closed this socket with. */
  refusedWith: number | undefined;

  private constructor(
    private readonly pusher: Pusher,
    readonly socketId: string,
  ) {}

  static async open(
    port = workerStack().soketiPort,
    key = stackSecrets().PUSHER_KEY,
  ): Promise<ProtocolSocket> {
    const pusher = new Pusher(key, {
      cluster: "mt1",
      wsHost: "127.0.0.1",
      wsPort: port,
      forceTLS: false,
      enabledTransports: ["ws"],
    });
    const socketId = await new Promise<string>((resolve, reject) => {
      pusher.connection.bind("connected", () => resolve(pusher.connection.socket_id));
      pusher.connection.bind("unavailable", () => reject(new Error("soketi is unreachable")));
    });
    const socket = new ProtocolSocket(pusher, socketId);
    // pusher-js's own readers of frames (channels, the user facade, which fails on a sign-in it
    // did not send) are dropped: this socket only records them.
    pusher.connection.unbind("message");
    pusher.connection.bind("message", (frame: Frame) => socket.frames.push(frame));
    pusher.connection.bind("error", (event: ServerError) => {
      socket.refusedWith ??= event.data?.code ?? event.error?.data?.code;
    });
    pusher.connection.bind("state_change", ({ current }: { current: string }) => {
      // pusher-js would open a new socket after some closes: this one stays closed.
      if (current !== "connected") pusher.disconnect();
    });
    return socket;
  }

  get open(): boolean {
    return (
      this.pusher.connection.state === "connected" &&
      this.pusher.connection.socket_id === this.socketId
    );
  }

  send(event: string, data: unknown) {
    this.pusher.connection.send_event(event, data);
  }

  /** The app's sign-in answer for this socket, for `request`'s cookies; not sent. */
  async answer(request: APIRequestContext): Promise<{ auth: string; user_data: string }> {
    const response = await userAuth(request, this.socketId);
    expect(response.status(), "the app's sign-in answer").toBe(200);
    const { auth, user_data } = await response.json();
    return { auth, user_data };
  }

  /** Sends a sign-in answer: "signed in", or the code the server refused it with. */
  async signIn(answer: { auth: string; user_data: string }): Promise<string> {
    this.send("pusher:signin", answer);
    await expect
      .poll(() => this.signedIn() || this.refusedWith !== undefined, { timeout: 5_000 })
      .toBe(true);
    return this.signedIn() ? "signed in" : `refused ${this.refusedWith}`;
  }

  private signedIn(): boolean {
    return this.frames.some((frame) => frame.event === "pusher:signin_success");
  }

  /**
   * Asks the app for channel auth with `request`'s cookies and subscribes with it: "subscribed",
   * or the server's subscription error.
   */
  async subscribe(request: APIRequestContext, channel: string): Promise<string> {
    const response = await channelAuth(request, channel, this.socketId);
    expect(response.status(), `the app's channel auth for ${channel}`).toBe(200);
    const { auth, channel_data } = await response.json();
    this.send("pusher:subscribe", { channel, auth, channel_data });
    const verdict = () =>
      this.frames.find(
        (frame) =>
          frame.channel === channel &&
          (frame.event === "pusher_internal:subscription_succeeded" ||
            frame.event === "pusher:subscription_error"),
      );
    await expect.poll(verdict, { timeout: 5_000 }).toBeTruthy();
    const frame = verdict();
    if (frame?.event === "pusher_internal:subscription_succeeded") return "subscribed";
    const data = frame?.data as { status?: number; error?: string } | undefined;
    return `${data?.status} ${data?.error}`;
  }

  /** Whether any frame received so far mentions `text`. */
  received(text: string): boolean {
    return this.frames.some((frame) => JSON.stringify(frame).includes(text));
  }

  close() {
    this.pusher.disconnect();
  }
}
