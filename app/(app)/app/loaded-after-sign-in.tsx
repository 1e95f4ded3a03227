"use client";

import { afterSignIn } from "@/components/after-sign-in";

// What /app shows that signing the tab in does not need: the browser loads it once signed in.

export const TicketSignIn = afterSignIn(() =>
  import("@/components/ticket-sign-in").then((module) => module.TicketSignIn),
);

export const OnlineNow = afterSignIn(() =>
  import("@/components/online-now").then((module) => module.OnlineNow),
);
