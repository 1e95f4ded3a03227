import { channelName } from "@/lib/realtime/channel-names";

// The chat's channels (the demo's), declared beside the core's and registered in
// lib/realtime/server/policy.ts.

/** A room's presence channel: its members, their typing, and its messages. */
export const roomChannel = channelName("presence-room-{slug}");

/** A user's direct messages, end-to-end encrypted between the app and the user's tabs. */
export const inboxChannel = channelName("private-encrypted-inbox-{userId}");
