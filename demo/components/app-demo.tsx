"use client";

import { afterSignIn } from "@/components/after-sign-in";

/** The demo's part of /app, loaded once the tab is signed in: the sign-in does not need it. */
export const AppDemo = afterSignIn(() =>
  import("@/demo/components/app-demo-widgets").then((module) => module.AppDemoWidgets),
);
