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

/**
 * The tab's client (createRealtimeClient keeps one per tab, so a render that React repeats or
 * throws away opens no second socket), signing in by the cookie if asked to.
 */
function open(config: PublicRealtimeConfig, signInWithSession: boolean): RealtimeClient {
  const { key, ...capabilities } = config;
  const client = createRealtimeClient({ appKey: key, capabilities });
  // A failure is kept in the snapshot, where components show it.
  if (signInWithSession) client.start().catch(() => {});
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
