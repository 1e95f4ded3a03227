import type { ClientLimiter, SignInThrottle } from "@/lib/credentials/password/throttle";
import type { SignUpCap } from "@/lib/credentials/registration/sign-up-cap";
import { countThrottleRefusal, type ThrottleScope } from "@/lib/observability/metrics";

// The limiters of lib/credentials/limiters.ts, each refusal counted by its scope
// (realtime_throttle_refusals_total): wrapped where they are built, so no caller can forget it.

/** `wait` as it was, counted under `scope` when it refuses (a wait above 0). */
function counted(scope: ThrottleScope, wait: number): number {
  if (wait > 0) countThrottleRefusal(scope);
  return wait;
}

export function countedClientLimiter(scope: ThrottleScope, limiter: ClientLimiter): ClientLimiter {
  return { take: async (key) => counted(scope, await limiter.take(key)) };
}

export function countedSignUpCap(cap: SignUpCap): SignUpCap {
  return { ...cap, reserve: async () => counted("sign_up_cap", await cap.reserve()) };
}

export function countedSignInThrottle(throttle: SignInThrottle): SignInThrottle {
  const { device } = throttle;
  return {
    ...throttle,
    async enter(account, client) {
      const slot = await throttle.enter(account, client);
      counted("sign_in_in_flight", slot.wait);
      return slot;
    },
    check: async (account, client) => counted("sign_in", await throttle.check(account, client)),
    device: {
      ...device,
      async enter(key) {
        const slot = await device.enter(key);
        counted("sign_in_device", slot.wait);
        return slot;
      },
      check: async (key) => counted("sign_in_device", await device.check(key)),
    },
  };
}
