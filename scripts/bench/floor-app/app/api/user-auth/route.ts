import Pusher from "pusher";

// Signs any socket in as one fixed user: no session, no checks. The floor's cost, not a pattern.
const pusher = new Pusher({
  appId: process.env.PUSHER_APP_ID ?? "",
  key: process.env.PUSHER_KEY ?? "",
  secret: process.env.PUSHER_SECRET ?? "",
  host: process.env.PUSHER_HOST ?? "127.0.0.1",
  port: process.env.PUSHER_PORT ?? "",
  useTLS: false,
});

export async function POST(request: Request) {
  const form = await request.formData();
  const socketId = String(form.get("socket_id") ?? "");
  return Response.json(pusher.authenticateUser(socketId, { id: "floor-user" }));
}
