import { channelName } from "@/lib/channels/names";

// The chat's channels (the demo's), declared beside the core's and registered in
// features.ts.

/** A room's presence channel: its members, their typing, and its messages. */
export const roomChannel = channelName("presence-room-{slug}");

/**
 * A user's direct messages, end-to-end encrypted between the app and the user's tabs. Named with
 * the user's channel epoch: its key is derived from its name, so when one of the user's sessions
 * ends, what is sent after goes to a new name, under a new key, that an old socket never joined.
 */
export const inboxChannel = channelName("private-encrypted-inbox-{userId}.{epoch}");

/** The inbox of a user as it is now. */
export const inboxOf = (user: { id: string; channelEpoch: number }) =>
  inboxChannel.build({ userId: user.id, epoch: String(user.channelEpoch) });
