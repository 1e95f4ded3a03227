import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { derivedKey } from "@/lib/crypto/derived-key";

// A ticket says "this is user X of app K" for a short while:
// base64url(JSON) "." base64url(HMAC-SHA256 of the JSON under the ticket key, below).
// The server issues it to a signed-in user; the realtime client exchanges it once, on user-auth.

const payloadSchema = z.object({
  identity: z.object({ type: z.literal("username"), endpoint: z.string().min(1).max(200) }),
  applicationKey: z.string().min(1),
  /** Milliseconds since the epoch. */
  created: z.number().int().nonnegative(),
  /** Seconds. */
  expiresIn: z.number().int().positive(),
  nonce: z.string().min(16).max(64),
  /** Which flow issued it: the app's backend for a signed-in user, or service authentication. */
  flow: z.enum(["backend", "service"]),
  /** The web session that asked for it (backend flow): the ticket dies when that session ends. */
  session: z.string().min(1).max(64).optional(),
});

export type TicketPayload = z.infer<typeof payloadSchema>;

export type TicketFailure =
  | "ticket_malformed"
  | "ticket_tampered"
  | "ticket_wrong_app"
  | "ticket_expired";

/** The app key and the app secret: tickets are signed with a key derived from the secret. */
export type TicketKeys = { appKey: string; secret: string };

/**
 * The HKDF label of the ticket key. Pusher tokens and webhook signatures are HMAC-SHA256 under the
 * app secret itself; tickets use a key derived from it for tickets alone, so that no MAC made for
 * one purpose is ever valid for another. Changing the label invalidates every ticket in flight.
 */
const TICKET_KEY_INFO = "realtime-auth-kit/ticket/v1";

/** The ticket key for `secret`, derived once per secret: verifying is on the hot path. */
export function ticketKey(secret: string): Buffer {
  return derivedKey(secret, TICKET_KEY_INFO);
}

function sign(json: string, secret: string): Buffer {
  return createHmac("sha256", ticketKey(secret)).update(json).digest();
}

/** A ticket's id: random, and also what makes it single-use (the realtime session keeps it). */
export function newTicketNonce(): string {
  return randomBytes(18).toString("base64url");
}

export function issueTicket(
  userId: string,
  keys: TicketKeys,
  options: {
    ttlSeconds: number;
    flow: TicketPayload["flow"];
    session?: string;
    now?: number;
    /** The ticket's id; random unless given (the activity log records it). */
    nonce?: string;
  },
): { userTicket: string; expiresAt: string } {
  const created = options.now ?? Date.now();
  const payload: TicketPayload = {
    identity: { type: "username", endpoint: userId },
    applicationKey: keys.appKey,
    created,
    expiresIn: options.ttlSeconds,
    nonce: options.nonce ?? newTicketNonce(),
    flow: options.flow,
    session: options.session,
  };
  const json = JSON.stringify(payload);
  const signature = sign(json, keys.secret).toString("base64url");
  return {
    userTicket: `${Buffer.from(json).toString("base64url")}.${signature}`,
    expiresAt: new Date(created + options.ttlSeconds * 1000).toISOString(),
  };
}

/**
 * Reads the payload, then checks the app key (public, so reading it first leaks nothing and names
 * a ticket from another app), the signature in constant time, and the expiry.
 */
export function verifyTicket(
  ticket: string,
  keys: TicketKeys,
  now = Date.now(),
): { ok: true; payload: TicketPayload } | { ok: false; code: TicketFailure } {
  const [encoded, signature, extra] = ticket.split(".");
  if (!encoded || !signature || extra !== undefined) return { ok: false, code: "ticket_malformed" };
  // Decoders ignore the spare bits of a final base64 character, so one ticket could be spelt
  // several ways: only the canonical spelling is accepted.
  if (!isCanonical(encoded) || !isCanonical(signature))
    return { ok: false, code: "ticket_malformed" };

  const json = Buffer.from(encoded, "base64url").toString("utf8");
  const payload = payloadSchema.safeParse(parseJson(json));
  if (!payload.success) return { ok: false, code: "ticket_malformed" };
  if (payload.data.applicationKey !== keys.appKey) return { ok: false, code: "ticket_wrong_app" };

  const expected = sign(json, keys.secret);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: "ticket_tampered" };
  }
  if (now >= payload.data.created + payload.data.expiresIn * 1000)
    return { ok: false, code: "ticket_expired" };
  return { ok: true, payload: payload.data };
}

function isCanonical(part: string): boolean {
  return Buffer.from(part, "base64url").toString("base64url") === part;
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
