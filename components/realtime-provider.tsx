"use client";

import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from "react";
import type { PublicRealtimeConfig } from "@/lib/env-schema";
import {
  createRealtimeClient,
  type RealtimeClient,
  type RealtimeSnapshot,
} from "@/lib/realtime/client/client";
import { markFirstSignIn } from "@/lib/realtime/client/marks";

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
  // The context's value is the client from the first render in the browser on: creating one opens
  // nothing. A value that changed after hydration would make React hydrate every Suspense boundary
  // below at once, in one task, and the socket's handshake and sign-in would wait for all of it.
  const client = useMemo(
    () =>
      typeof window === "undefined"
        ? null
        : createRealtimeClient({ appKey: key, capabilities: { cluster, host, port, useTLS } }),
    [key, cluster, host, port, useTLS],
  );
  // Before the sign-in below: the mark is the benchmark's, which the client does not know of.
  useEffect(() => client?.observe(markFirstSignIn), [client]);
  // The socket opens in an effect, so that server rendering never opens one.
  useEffect(() => {
    if (!client) return;
    // A failure is kept in the snapshot, where components show it.
    if (signInWithSession) client.start().catch(() => {});
    return () => client.stop();
  }, [client, signInWithSession]);
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
