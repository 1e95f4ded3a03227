import { AuthInspector } from "@/demo/components/auth-inspector";
import { StartedRoomPresence } from "@/demo/components/room-presence";

/** The demo's part of /quickstart: the inspector, and the lobby once the client has started. */
export default function QuickstartDemo() {
  return (
    <>
      <StartedRoomPresence room="lobby" />
      <AuthInspector flow="service" />
    </>
  );
}
