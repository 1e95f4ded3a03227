"use client";

import { useEffect, useState } from "react";
import type { RealtimeClient, SavedSession } from "@/lib/realtime/client/client";
import { RealtimeError } from "@/lib/realtime/client/client";

// sessionStorage, not localStorage: the token signs in as the user, so it lives as long as the
// tab and is not shared with other tabs or left on the disk after the browser closes.
const KEY = "realtime-session";

function read(): SavedSession | undefined {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "null");
    const session = (parsed as { session?: unknown } | null)?.session;
    return typeof session === "string" && session.length <= 256 ? { session } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the client's realtime session in this tab's sessionStorage and resumes it after a reload
 * with client.start(session). One that cannot be resumed (ended, tampered with, switched off) is
 * forgotten, and `failure` says why.
 */
export function useSavedSession(client: RealtimeClient | null) {
  const [resuming, setResuming] = useState(false);
  const [resumed, setResumed] = useState(false);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    if (!client) return;
    const saved = read();
    if (saved) {
      setResuming(true);
      client
        .start(saved)
        .then(() => setResumed(true))
        .catch((error: unknown) => {
          // A newer start() replaced this one (React runs effects twice in development).
          if (error instanceof RealtimeError && error.code === "superseded") return;
          sessionStorage.removeItem(KEY);
          const why = error instanceof RealtimeError ? error.message : String(error);
          setFailure(`Your session could not be resumed: ${why} Sign in again.`);
        })
        .finally(() => setResuming(false));
    }
    return client.subscribe(() => {
      const current = client.getSession();
      // An ended one is kept: resuming it after a reload makes the server say why it ended.
      if (current) sessionStorage.setItem(KEY, JSON.stringify(current));
    });
  }, [client]);

  return { resuming, resumed, failure, forget: () => sessionStorage.removeItem(KEY) };
}
