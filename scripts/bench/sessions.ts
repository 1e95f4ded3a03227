// User-auth by realtime session, as clients send it: a token rotates at every sign-in, and one
// presented twice ends its session, so each of `count` workers holds a session of its own and
// presents the token its last answer carried.

const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** `count` realtime sessions, each started by exchanging a ticket that `ticket()` asks for. */
export async function rotatingSignIn(
  origin: string,
  count: number,
  ticket: () => Promise<string>,
): Promise<() => Promise<Response>> {
  const signIn = (fields: Record<string, string>) =>
    fetch(`${origin}/api/pusher/user-auth`, {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({ socket_id: "1234.5678", ...fields }),
    });
  const sessions: string[] = [];
  for (let i = 0; i < count; i++) {
    const exchanged = await signIn({ ticket: await ticket() });
    sessions.push(((await exchanged.json()) as { session: string }).session);
  }
  return async () => {
    const session = sessions.pop();
    if (!session) throw new Error("more workers than realtime sessions");
    const response = await signIn({ session });
    const answer = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { session?: unknown };
    sessions.push(typeof answer.session === "string" ? answer.session : session);
    return response;
  };
}
