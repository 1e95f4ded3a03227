import type { Metadata } from "next";
import { FloorSignIn } from "@/components/floor-sign-in";
import { realtimeConfig } from "@/lib/env";

// The benchmark's floor (npm run bench): the least a page of this build can do to sign a socket
// in, measured beside /app in the same run. Linked from nowhere, and in no production build: a
// `.bench.tsx` file is a page only in the benchmark's build (BENCH_FLOOR=1, next.config.ts).
// Delete app/(bench) along with scripts/bench if you do not keep the benchmark.

export const metadata: Metadata = {
  title: "Floor",
  robots: { index: false, follow: false },
};

export default function FloorPage() {
  return <FloorSignIn config={realtimeConfig()} />;
}
