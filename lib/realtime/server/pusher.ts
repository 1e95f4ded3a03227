import "server-only";
import Pusher from "pusher";
import { env as envVars } from "@/lib/env";

let instance: Pusher | undefined;

/** The server SDK, configured from the same validated settings that the browser receives. */
export function pusher(): Pusher {
  const env = envVars();
  instance ??= new Pusher({
    appId: env.PUSHER_APP_ID,
    key: env.PUSHER_KEY,
    secret: env.PUSHER_SECRET,
    cluster: env.PUSHER_CLUSTER,
    host: env.PUSHER_HOST,
    port: env.PUSHER_PORT === undefined ? undefined : String(env.PUSHER_PORT),
    useTLS: env.PUSHER_USE_TLS,
    encryptionMasterKeyBase64: env.PUSHER_ENCRYPTION_MASTER_KEY,
    timeout: 5_000,
  });
  return instance;
}
