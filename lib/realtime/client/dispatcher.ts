import type Pusher from "pusher-js";
import type { ConnectionState, RealtimeUser } from "@/lib/realtime/client/client-types";
import type { Ends } from "@/lib/realtime/client/ends";
import { RealtimeError } from "@/lib/realtime/client/errors";
import type { ObservationLog } from "@/lib/realtime/client/observations";
import type { SignedInGate } from "@/lib/realtime/client/signed-in-gate";
import type { Store } from "@/lib/realtime/client/store";
import { isForgeable } from "@/lib/realtime/client/user";
import { SESSION_ENDED_EVENT } from "@/lib/realtime/session-ended";

type ServerError = {
  data?: { code?: number; message?: string };
  error?: { data?: { code?: number; message?: string } };
};

type Message = { event: string; channel?: string; data?: Record<string, unknown> };

export type Dispatch = {
  store: Store;
  log: ObservationLog;
  gate: SignedInGate;
  ends: Ends;
  signedIn(user: RealtimeUser): void;
  fail(error: RealtimeError): void;
  /** Why the last user-auth request failed, if it did. */
  lastAuthError(): RealtimeError | null;
  sessionId(): string | undefined;
  signIn(again: boolean): Promise<RealtimeUser>;
};

/** Binds pusher-js's connection and user events to the client's state. */
export function dispatchEvents(pusher: Pusher, to: Dispatch): void {
  const { store, log, gate } = to;
  const onStateChange = ({ current }: { current: ConnectionState }) => {
    // The handshake's connection_established never reaches "message" listeners.
    if (current === "connected")
      log.record({ type: "connected", socketId: pusher.connection.socket_id });
    else gate.disconnected();
    store.update(
      current === "connected" ? { state: current, error: null } : { state: current, user: null },
    );
  };
  pusher.connection.bind("state_change", onStateChange);
  // The constructor may already have started connecting.
  onStateChange({ current: pusher.connection.state as ConnectionState });

  pusher.connection.bind("message", (message: Message) => {
    if (isForgeable(message)) return;
    if (message.event === "pusher:signin_success") {
      const user = JSON.parse(String(message.data?.user_data ?? "{}")) as RealtimeUser;
      log.record({ type: "signed-in", user });
      store.update({ user, error: null });
      to.signedIn(user);
      gate.signedIn(pusher.connection.socket_id);
    } else if (!message.event.startsWith("pusher")) {
      log.record({
        type: "event",
        event: message.event,
        channel: message.channel,
        data: message.data,
      });
    }
  });
}

/** Binds what ends a sign-in: its refusal, the server's notice of an end, and its errors. */
export function dispatchEnds(pusher: Pusher, to: Dispatch): void {
  pusher.user.bind("pusher:signin_error", (event: { error?: string }) => {
    to.fail(
      to.lastAuthError() ??
        new RealtimeError("signin", "signin_error", event.error ?? "Sign-in failed."),
    );
  });
  // The server says why before it terminates: the protocol closes every connection of the user,
  // so the tabs whose own session lives on are told so, and sign in again by themselves.
  pusher.user.bind(SESSION_ENDED_EVENT, (data: unknown) => to.ends.noticed(data, to.sessionId()));
  pusher.connection.bind("error", (event: ServerError) => {
    const { code, message } = event.data ?? event.error?.data ?? {};
    if (code === undefined) return;
    const verdict = to.ends.closed(code, message);
    if (verdict.act === "sign-in-again") {
      to.log.record({ type: "signing-in-again" });
      // Jittered, so that a user's many tabs do not all return in the same instant.
      setTimeout(() => void to.signIn(false).catch(() => {}), 200 + Math.random() * 500);
    } else if (verdict.act === "retry") {
      setTimeout(() => void to.signIn(true).catch(() => {}), 0);
    } else if (verdict.act === "fail") {
      to.fail(verdict.error);
    }
  });
}
