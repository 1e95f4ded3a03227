import { z } from "zod";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { passkeyIdSchema, passkeyNameSchema } from "@/lib/credentials/passkey/responses";
import { removePasskey, renamePasskey } from "@/lib/credentials/passkey/store";
import { db } from "@/lib/db";
import { apiError } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";
import { confirmedUser } from "@/lib/identity/step-up";

// One passkey of the signed-in user: PATCH renames it; DELETE removes it (sensitive: a sign-in
// older than STEP_UP_MAX_AGE_SECONDS gets 401 step_up_required). Removed, it is refused at once
// everywhere: every verification reads the passkey from the database.

export const runtime = "nodejs";

const paramsSchema = z.object({ id: passkeyIdSchema });

export const PATCH = route(
  {
    caller: { cookie: currentUser },
    params: paramsSchema,
    body: { json: z.object({ name: passkeyNameSchema }) },
  },
  async ({ caller, params, input }) => {
    if (!(await renamePasskey(db(), caller.user.id, params.id, input.name)))
      return apiError("passkey_not_found");
    return jsonOk({ id: params.id, name: input.name });
  },
);

export const DELETE = route(
  { caller: { cookie: confirmedUser }, params: paramsSchema },
  async ({ caller, params }) => {
    if (!(await removePasskey(db(), caller.user.id, params.id)))
      return apiError("passkey_not_found");
    await recordAuthEvent({
      kind: "passkey_removed",
      outcome: "success",
      userId: caller.user.id,
      sessionId: caller.sessionId,
    });
    return jsonOk({ removed: params.id });
  },
);
