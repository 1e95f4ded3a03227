#!/usr/bin/env node
// The bundled realtime server: soketi 1.6.1, hardened so that the end of a session reaches every
// socket that the session authorized. `node scripts/soketi/server.cjs start` replaces
// `soketi start` (node_modules/@soketi/soketi/bin/server.js), with the same settings.
//
// What soketi does on its own, and why it is not enough:
// - `terminateUserConnections` closes only sockets that signed in (dist/namespace.js: `ws.user`).
// - Joining a private or presence channel cancels a socket's sign-in deadline
//   (dist/channels/private-channel-manager.js), so a socket that only asked the app for channel
//   auth is never signed in, never terminated, and keeps its subscriptions until it disconnects.
// - A sign-in answer is an HMAC of `socket_id::user::user_data`: nothing in it expires, so one
//   fetched before an end signs its socket in after the end.
//
// The rules added here, for an app with user authentication on:
// 1. No private, presence or private-encrypted subscription before `pusher:signin_success`:
//    the socket gets `pusher:subscription_error` (AuthError, 401) and joins nothing. A presence
//    member must be the signed-in user. So the sign-in deadline is never cancelled by a
//    subscription, and every socket holding a channel is one that terminate closes.
// 2. A socket opened before the latest terminate of a user cannot sign in as that user
//    (`pusher:error` 4009, then closed): every answer fetched before an end is useless after it.
//    Each node records the terminates it carries out, including those that reach it from another
//    node through the Redis adapter (dist/adapters/horizontal-adapter.js ends in the namespace's).
// 3. A signed-in socket cannot sign in again as someone else, so that the record of (2) may be
//    forgotten once every socket opened before it has signed in or met its deadline.
"use strict";

const { WsHandler } = require("@soketi/soketi/dist/ws-handler");
const { Namespace } = require("@soketi/soketi/dist/namespace");
const { Utils } = require("@soketi/soketi/dist/utils");

/** Sockets opened on this node so far: a socket's number orders it against terminates. */
let opened = 0;
/** The sign-in deadline in ms, as the server was configured (soketi's default until known). */
let deadlineMs = 30_000;
/** appId → userId → { upTo: the last socket number opened before the terminate, at: ms }. */
const terminated = new Map();

function forget(now) {
  // Kept past the deadline by a margin: the deadline's timer starts after the socket's number.
  const oldest = now - deadlineMs - 10_000;
  for (const [appId, users] of terminated) {
    for (const [userId, entry] of users) if (entry.at < oldest) users.delete(userId);
    if (users.size === 0) terminated.delete(appId);
  }
}

function refuse(ws, message) {
  ws.sendJson({ event: "pusher:error", data: { code: 4009, message } });
  try {
    ws.end(4009);
  } catch {
    // Already closed.
  }
}

const onOpen = WsHandler.prototype.onOpen;
WsHandler.prototype.onOpen = function (ws) {
  opened += 1;
  ws.openedNumber = opened;
  deadlineMs = Number(this.server.options.userAuthenticationTimeout) || deadlineMs;
  return onOpen.call(this, ws);
};

const subscribeToChannel = WsHandler.prototype.subscribeToChannel;
WsHandler.prototype.subscribeToChannel = function (ws, message) {
  const channel = message?.data?.channel;
  if (!ws.app?.enableUserAuthentication || typeof channel !== "string") {
    return subscribeToChannel.call(this, ws, message);
  }
  // isPrivateChannel matches private-*, private-encrypted-* and presence-*.
  let error;
  if (Utils.isPrivateChannel(channel) && !ws.user) {
    error = "Sign in (pusher:signin) before subscribing to a private or presence channel.";
  } else if (Utils.isPresenceChannel(channel) && presenceUserId(message) !== ws.user?.id) {
    error = "A presence member must be the signed-in user.";
  }
  if (!error) return subscribeToChannel.call(this, ws, message);
  ws.sendJson({
    event: "pusher:subscription_error",
    channel,
    data: { type: "AuthError", error, status: 401 },
  });
};

function presenceUserId(message) {
  try {
    const id = JSON.parse(message.data.channel_data).user_id;
    return id === undefined || id === null ? undefined : String(id);
  } catch {
    return undefined;
  }
}

const handleSignin = WsHandler.prototype.handleSignin;
WsHandler.prototype.handleSignin = function (ws, message) {
  // soketi ignores sign-ins when user authentication is off: so does this.
  if (!ws.userAuthenticationTimeout) return handleSignin.call(this, ws, message);
  const userData = message?.data?.user_data;
  this.signinTokenIsValid(ws, userData, message?.data?.auth).then((valid) => {
    // An invalid answer is refused by soketi itself, with its own message.
    if (!valid) return handleSignin.call(this, ws, message);
    let id;
    try {
      id = String(JSON.parse(userData).id ?? "");
    } catch {
      return handleSignin.call(this, ws, message);
    }
    if (ws.user && ws.user.id !== id) {
      return refuse(ws, "This connection is already signed in as another user.");
    }
    forget(Date.now());
    const end = terminated.get(ws.app.id)?.get(id);
    if (end && ws.openedNumber <= end.upTo) {
      // The same words as OPENED_BEFORE_END (lib/realtime/session-ended.ts): the kit's client retries on them.
      return refuse(ws, "The app ended this user's sessions after this connection opened.");
    }
    return handleSignin.call(this, ws, message);
  });
};

const terminateUserConnections = Namespace.prototype.terminateUserConnections;
Namespace.prototype.terminateUserConnections = function (userId) {
  const now = Date.now();
  forget(now);
  if (!terminated.has(this.appId)) terminated.set(this.appId, new Map());
  terminated.get(this.appId).set(String(userId), { upTo: opened, at: now });
  return terminateUserConnections.call(this, userId);
};

// As node_modules/@soketi/soketi/bin/server.js does.
require("@soketi/soketi/dist/cli");
process.title = "soketi-server";
