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
  type ConnectionState,
  createRealtimeClient,
  type RealtimeClient,
} from "@/lib/realtime/client";

const RealtimeContext = createContext<RealtimeClient | null>(null);

export function RealtimeProvider({
  config,
  children,
}: {
  config: PublicRealtimeConfig;
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
    created.connect();
  }, [key, cluster, host, port, useTLS]);
  return <RealtimeContext value={client}>{children}</RealtimeContext>;
}

const noSubscription = () => () => {};

export function useConnectionState(): ConnectionState {
  const client = useContext(RealtimeContext);
  return useSyncExternalStore(
    client?.onStateChange ?? noSubscription,
    () => client?.state ?? "initialized",
    () => "initialized",
  );
}
