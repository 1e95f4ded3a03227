import { z } from "zod";
import { confirmWithPassword } from "@/lib/credentials/password/confirm";
import { errorResponse } from "@/lib/http/errors";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";
import { currentUser } from "@/lib/identity/gate";

// "Confirm it's you" for clients that are not the pages: the caller's password makes its session
// count as freshly signed in, so the sensitive endpoints that answered 401 step_up_required act.
// Checked by the sign-in's throttled check: wrong_password (401) or throttled (429).

export const runtime = "nodejs";

const bodySchema = z.object({
  password: z
    .string("Send the account's password.")
    .min(1, "Send the account's password.")
    .max(256),
});

export const POST = route(
  { caller: { cookie: currentUser }, body: { json: bodySchema } },
  async ({ caller, input, request }) => {
    const confirmed = await confirmWithPassword(caller, input.password, request.headers);
    if (!confirmed.ok) return errorResponse(confirmed.refusal);
    return jsonOk({ confirmed: true });
  },
);
