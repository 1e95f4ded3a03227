"use client";

import { type ComponentType, lazy, Suspense, useEffect, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";

// Code that signing the tab in does not need waits for it: in the browser it loads once the
// tab's connection has its first verdict (signed in or refused), or after CAP_MS, so that neither
// its download nor its hydration stands in the sign-in's way. One gate for the tab.
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

function Hydrated({ then }: { then: (hydrated: true) => void }) {
  useEffect(() => then(true), [then]);
  return null;
}

/**
 * A component rendered by the server at once, whose code the browser loads after the sign-in
 * (above). Until it has hydrated, the server's HTML is shown with its controls disabled, so that
 * nothing typed or clicked there before it works is lost.
 */
export function afterSignIn<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const Loaded = lazy(async () => {
    if (typeof window !== "undefined") await opened;
    return { default: await load() };
  });
  return function AfterSignIn(props: P) {
    const [hydrated, setHydrated] = useState(false);
    return (
      <fieldset disabled={!hydrated} className="min-w-0">
        <OpensTheGate />
        <Suspense>
          <Loaded {...props} />
          {/* In the same boundary: its effect runs once the loaded component has hydrated. */}
          <Hydrated then={setHydrated} />
        </Suspense>
      </fieldset>
    );
  };
}
