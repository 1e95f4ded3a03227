import { z } from "zod";

// Pusher's limits on what clients send to the auth endpoints.

export const socketIdSchema = z
  .string({ error: "socket_id is required" })
  .max(64, "socket_id is too long")
  .regex(/^\d+\.\d+$/, "socket_id must look like 1234.5678");

/** Pusher allows 164 characters (soketi 200): the stricter limit keeps both working. */
export const channelNameSchema = z
  .string({ error: "channel_name is required" })
  .max(164, "channel_name is longer than 164 characters")
  .regex(/^[A-Za-z0-9_\-=@,.;]+$/, "channel_name has characters Pusher does not allow");
