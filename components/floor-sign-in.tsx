"use client";

import Pusher from "pusher-js";
import { useEffect, useState } from "react";
import type { PublicRealtimeConfig } from "@/lib/env-schema";
import { SIGNED_IN_MARK } from "@/lib/realtime/client/marks";
import { connectionOptions } from "@/lib/realtime/client/options";

/**
 * Only pusher-js's own signin() against the app's user-auth endpoint, with the NextAuth cookie:
 * the benchmark's floor, with none of the kit's client (no tickets, sessions, retries or typed
 * errors). Not a pattern to copy: /app's RealtimeProvider is.
 */
export function FloorSignIn({ config }: { config: PublicRealtimeConfig }) {
  const [signedIn, setSignedIn] = useState(false);
  useEffect(() => {
    const pusher = new Pusher(config.key, {
      ...connectionOptions(config),
      userAuthentication: { endpoint: "/api/pusher/user-auth", transport: "ajax" },
    });
    pusher.bind("pusher:signin_success", () => {
      performance.mark(SIGNED_IN_MARK);
      setSignedIn(true);
    });
    pusher.signin();
    return () => pusher.disconnect();
  }, [config]);
  return (
    <p data-testid="connection-badge" data-signed-in={signedIn}>
      {signedIn ? "Signed in" : "Not signed in"}
    </p>
  );
}
