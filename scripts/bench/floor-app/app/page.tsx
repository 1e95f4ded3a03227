import { SignIn } from "./sign-in";

// Read at request time: `npm run bench` starts the built app with the stack's realtime server.
export const dynamic = "force-dynamic";

export default function FloorPage() {
  return (
    <SignIn
      appKey={process.env.PUSHER_KEY ?? ""}
      host={process.env.PUSHER_HOST ?? "127.0.0.1"}
      port={Number(process.env.PUSHER_PORT)}
    />
  );
}
