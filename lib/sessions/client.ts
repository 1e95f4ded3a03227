/** What a client said about itself, and the address it was seen at, as a session records them. */
export type SessionClient = { userAgent?: string | null; clientAddress?: string | null };

/** Bounded: both come from the client. */
export function recordedClient(client: SessionClient) {
  return {
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    clientAddress: client.clientAddress?.slice(0, 64) ?? null,
  };
}
