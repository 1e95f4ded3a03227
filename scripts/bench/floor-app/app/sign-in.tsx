"use client";

import Pusher from "pusher-js";
import { useEffect, useState } from "react";

// The mark the benchmark reads (lib/realtime/client/marks.ts: SIGNED_IN_MARK), spelled out here
// so that this app imports nothing of the kit's.
const SIGNED_IN_MARK = "realtime:signin_success";

export function SignIn({ appKey, host, port }: { appKey: string; host: string; port: number }) {
  const [signedIn, setSignedIn] = useState(false);
  useEffect(() => {
    const pusher = new Pusher(appKey, {
      cluster: "mt1",
      wsHost: host,
      wsPort: port,
      forceTLS: false,
      enabledTransports: ["ws"],
      disableStats: true,
      userAuthentication: { endpoint: "/api/user-auth", transport: "ajax" },
    });
    pusher.bind("pusher:signin_success", () => {
      performance.mark(SIGNED_IN_MARK);
      setSignedIn(true);
    });
    pusher.signin();
    return () => pusher.disconnect();
  }, [appKey, host, port]);
  return (
    <p data-testid="connection-badge" data-signed-in={signedIn}>
      {signedIn ? "Signed in" : "Not signed in"}
    </p>
  );
}
