"use client";

import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
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
  // Created in an effect, so that server rendering never opens a socket.
  const [client, setClient] = useState<RealtimeClient | null>(null);
  useEffect(() => {
    const created = createRealtimeClient({
      appKey: key,
      capabilities: { cluster, host, port, useTLS },
    });
    setClient(created);
    // A failure is kept in the snapshot, where components show it.
    if (signInWithSession) created.start().catch(() => {});
    return () => created.stop();
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
