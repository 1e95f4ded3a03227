import { z } from "zod";
import { apiError } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { confirmedUser } from "@/lib/identity/step-up";
import { signOutDevice } from "@/lib/sessions/account-ends";

// Signs one device of the signed-in user out: its session ends, its sockets close. Sensitive: a
// sign-in older than STEP_UP_MAX_AGE_SECONDS gets 401 step_up_required.

export const runtime = "nodejs";

const paramsSchema = z.object({ id: z.uuid("The device id is not a session id.") });

export const DELETE = route(
  { caller: { cookie: confirmedUser }, params: paramsSchema },
  async ({ caller, params }) => {
    const outcome = await signOutDevice(caller.user.id, caller.sessionId, params.id);
    switch (outcome) {
      case "current_device":
        return apiError("current_device");
      case "not_found":
        return apiError("device_not_found");
      default:
        return jsonOk({ signedOut: params.id });
    }
  },
);
