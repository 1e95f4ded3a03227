import { z } from "zod";
import { issuedSession, realtimeCaller } from "@/lib/credentials/caller";
import { env } from "@/lib/env";
import { readAuthForm } from "@/lib/http/guards";
import { jsonOk } from "@/lib/http/responses";
import { withUnavailable } from "@/lib/http/unavailable";
import { refusalResponse } from "@/lib/identity/gate";

// A connected client rotates its realtime session's token here before the idle timeout: the
// answer carries the next token, and the one presented is retired (reuse of it ends the session).

export const runtime = "nodejs";

const formSchema = z.object({ session: z.string().min(1).max(256) });

export const POST = withUnavailable(async (request: Request) => {
  const input = await readAuthForm(request, formSchema, env());
  if (input instanceof Response) return input;
  const caller = await realtimeCaller({ session: input.session }, "rotate");
  if (!caller.ok) return refusalResponse(caller.refusal);
  return jsonOk({ session_id: caller.sessionId, ...issuedSession(caller) });
});
