// The chat's own refusals, beside the core's catalog (lib/http/errors.ts), in its wire format.

export const CHAT_ERRORS = {
  history_forbidden: {
    code: "history_forbidden",
    status: 403,
    message: "You may not read these messages.",
  },
  room_forbidden: {
    code: "room_forbidden",
    status: 403,
    message: "You are not a member of this room.",
  },
} as const;
