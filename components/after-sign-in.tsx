"use client";

import { type ComponentType, lazy, Suspense, useEffect, useSyncExternalStore } from "react";
import { useRealtime } from "@/components/realtime-provider";

// What signing the tab in does not need waits for it: its code loads, and it renders, once the
// tab's connection has its first verdict (signed in or refused), or after CAP_MS without one. So
// neither its download, nor its HTML, nor its hydration stands in the sign-in's way. One gate
// for the tab.
const CAP_MS = 3_000;
let open = () => {};
const opened = new Promise<void>((resolve) => {
  open = resolve;
});

function OpensTheGate() {
  const { user, error } = useRealtime();
  useEffect(() => {
    if (user || error) {
      open();
      return;
    }
    const cap = setTimeout(open, CAP_MS);
    return () => clearTimeout(cap);
  }, [user, error]);
  return null;
}

const noSubscription = () => () => {};

/**
 * A component that only the browser renders, once the gate above has opened. The server sends
 * nothing of it: the page's first paint is its shell, and the rest follows the sign-in.
 */
export function afterSignIn<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const Loaded = lazy(async () => {
    await opened;
    return { default: await load() };
  });
  return function AfterSignIn(props: P) {
    // False on the server and while hydrating, so that both render the same nothing.
    const inBrowser = useSyncExternalStore(
      noSubscription,
      () => true,
      () => false,
    );
    return (
      <>
        <OpensTheGate />
        {inBrowser ? (
          <Suspense>
            <Loaded {...props} />
          </Suspense>
        ) : null}
      </>
    );
  };
}
