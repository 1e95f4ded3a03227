import { z } from "zod";
import { finishRegistration } from "@/lib/credentials/passkey/register";
import { registrationResponseSchema } from "@/lib/credentials/passkey/responses";
import { listPasskeys } from "@/lib/credentials/passkey/store";
import { db } from "@/lib/db";
import { errorResponse } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";
import { confirmedUser } from "@/lib/identity/step-up";

// The signed-in user's passkeys: GET lists them; POST adds one, the browser's answer to the
// challenge of POST /api/account/passkeys/options (sensitive, as that step is).

export const runtime = "nodejs";

export const GET = route({ caller: { cookie: currentUser } }, async ({ caller }) => {
  const passkeys = await listPasskeys(db(), caller.user.id);
  return jsonOk({
    passkeys: passkeys.map(({ id, name, createdAt, lastUsedAt }) => ({
      id,
      name,
      createdAt,
      lastUsedAt,
    })),
  });
});

const bodySchema = z.object({ response: registrationResponseSchema });

export const POST = route(
  { caller: { cookie: confirmedUser }, body: { json: bodySchema } },
  async ({ caller, input, request }) => {
    const added = await finishRegistration(caller, input.response, request.headers);
    if (!added.ok) return errorResponse(added.refusal);
    return jsonOk({ id: added.id, name: added.name }, 201);
  },
);
