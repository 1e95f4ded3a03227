"use client";

import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import type { PublicRealtimeConfig } from "@/lib/env-schema";
import {
  createRealtimeClient,
  type RealtimeClient,
  type RealtimeSnapshot,
} from "@/lib/realtime/browser/client";

const RealtimeContext = createContext<RealtimeClient | null>(null);

// The client the first render opened, until an effect claims it: React may render twice and
// keep one result (StrictMode in development, a retried hydration), and both get this one.
let unclaimed: { settings: string; client: RealtimeClient } | null = null;

function open(config: PublicRealtimeConfig, signInWithSession: boolean): RealtimeClient {
  const settings = JSON.stringify([config, signInWithSession]);
  if (unclaimed?.settings === settings) return unclaimed.client;
  const { key, ...capabilities } = config;
  const client = createRealtimeClient({ appKey: key, capabilities });
  // A failure is kept in the snapshot, where components show it.
  if (signInWithSession) client.start().catch(() => {});
  unclaimed = { settings, client };
  return client;
}

/**
 * Gives components this tab's realtime client. With `signInWithSession` it signs in with the
 * NextAuth session cookie while mounted; otherwise a component calls client.start(...) itself.
 */

export function RealtimeProvider({
  config,
  signInWithSession = true,
  children,
}: {
  config: PublicRealtimeConfig;
  signInWithSession?: boolean;
  children: ReactNode;
}) {
  const { key, cluster, host, port, useTLS } = config;
  // Opened at the first render in the browser rather than in an effect: the socket connects and
  // signs in while the rest of the page hydrates, where an effect would wait until all of it has.
  // Never on the server, which renders no socket.
  const [client, setClient] = useState(() =>
    typeof window === "undefined" ? null : open(config, signInWithSession),
  );
  const live = useRef(client);
  useEffect(() => {
    // A change of settings, or React running effects twice in development: the cleanup stopped
    // the client, and this opens another.
    let current = live.current;
    if (!current) {
      current = open({ key, cluster, host, port, useTLS }, signInWithSession);
      live.current = current;
      setClient(current);
    }
    const opened = current;
    if (unclaimed?.client === opened) unclaimed = null;
    return () => {
      opened.stop();
      live.current = null;
    };
  }, [key, cluster, host, port, useTLS, signInWithSession]);
  return <RealtimeContext value={client}>{children}</RealtimeContext>;
}

const INITIAL: RealtimeSnapshot = { state: "initialized", user: null, error: null };
const noSubscription = () => () => {};

export function useRealtime(): RealtimeSnapshot & { client: RealtimeClient | null } {
  const client = useContext(RealtimeContext);
  const snapshot = useSyncExternalStore(
    client?.subscribe ?? noSubscription,
    () => client?.getSnapshot() ?? INITIAL,
    () => INITIAL,
  );
  return { ...snapshot, client };
}
