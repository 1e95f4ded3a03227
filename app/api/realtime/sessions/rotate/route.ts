import { z } from "zod";
import { issuedSession, realtimeCaller } from "@/lib/credentials/realtime-caller";
import { jsonOk } from "@/lib/http/responses";
import { route } from "@/lib/http/route";

// A connected client rotates its realtime session's token here before the idle timeout: the
// answer carries the next token, and the one presented is retired (reuse of it ends the session).

export const runtime = "nodejs";

const formSchema = z.object({ session: z.string().min(1).max(256) });

export const POST = route(
  {
    endpoint: "rotate",
    body: { form: formSchema },
    caller: { credential: (input) => realtimeCaller({ session: input.session }, "rotate") },
  },
  async ({ caller }) => jsonOk({ session_id: caller.sessionId, ...issuedSession(caller) }),
);
