import { z } from "zod";
import { env } from "@/lib/env";
import { describeIssues, refuseCrossSite } from "@/lib/http/guards";
import { jsonError, jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { currentUser, refusalResponse } from "@/lib/identity/gate";
import { signOutDevice } from "@/lib/sessions/lifecycle";

// Signs one device of the signed-in user out: its session ends, its sockets close.

export const runtime = "nodejs";

const paramsSchema = z.object({ id: z.uuid("The device id is not a session id.") });

export const DELETE = withUnavailable(
  async (request: Request, context: RouteContext<"/api/account/devices/[id]">) => {
    const crossSite = refuseCrossSite(request, env());
    if (crossSite) return crossSite;
    const caller = await currentUser();
    if (!caller.ok) return refusalResponse(caller.refusal);
    const params = paramsSchema.safeParse(await context.params);
    if (!params.success) return jsonError(400, "invalid_request", describeIssues(params.error));

    const outcome = await signOutDevice(caller.user.id, caller.sessionId, params.data.id);
    switch (outcome) {
      case "current_device":
        return jsonError(
          409,
          "current_device",
          "This is the device you are using: sign out instead (POST /api/auth/signout).",
        );
      case "not_found":
        return jsonError(404, "device_not_found", "You have no signed-in device with this id.");
      default:
        return jsonOk({ signedOut: params.data.id });
    }
  },
);
