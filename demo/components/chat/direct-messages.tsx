"use client";

import { useLayoutEffect, useState } from "react";
import { useRealtime } from "@/components/realtime-provider";
import { UserOptions } from "@/components/user-options";
import { MessageComposer } from "@/demo/components/chat/message-composer";
import { MessageList } from "@/demo/components/chat/message-list";
import { useThread } from "@/demo/components/chat/use-thread";
import { type SendResult, sendDirectMessage } from "@/demo/lib/chat/actions";
import { inboxOf } from "@/demo/lib/chat/channel-names";
import { directThread } from "@/demo/lib/chat/messages";

type Person = { id: string; username: string };

/** Direct messages, delivered on each user's private-encrypted-inbox channel. */
export function DirectMessages({ me, people }: { me: string; people: Person[] }) {
  const { client, user } = useRealtime();
  // The epoch that this tab signed in with: every end of one of the user's sessions closes the
  // socket, and the sign-in that follows brings the new one, so the inbox follows it.
  const epoch = user?.id === me ? user.user_info?.channel_epoch : undefined;
  const inbox = epoch === undefined ? undefined : inboxOf({ id: me, channelEpoch: epoch });
  const [partner, setPartner] = useState(people[0]?.id ?? "");
  // A layout effect runs before any thread's (passive) effect joins the inbox. tweetnacl loads
  // only when an encrypted channel is first authorized.
  useLayoutEffect(() => {
    client?.enableEncryption(() => import("tweetnacl").then((m) => m.default));
  }, [client]);
  return (
    <section aria-labelledby="dm-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h2 id="dm-heading" className="text-lg font-semibold">
          Direct messages
        </h2>
        <label className="sr-only" htmlFor="dm-partner">
          Conversation with
        </label>
        <select
          id="dm-partner"
          value={partner}
          onChange={(event) => setPartner(event.target.value)}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <UserOptions users={people} />
        </select>
      </div>
      {inbox ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Delivered on <code data-testid="inbox-channel">{inbox}</code>
        </p>
      ) : null}
      {partner && inbox ? (
        <DirectThread key={`${partner} ${inbox}`} me={me} partner={partner} inbox={inbox} />
      ) : null}
    </section>
  );
}

function DirectThread({ me, partner, inbox }: { me: string; partner: string; inbox: string }) {
  const thread = directThread(me, partner);
  const { messages, status, add } = useThread({
    channel: inbox,
    historyUrl: `/api/direct-messages/${partner}`,
    accepts: (payload) => payload.thread === thread,
  });

  async function send(text: string): Promise<SendResult> {
    const result = await sendDirectMessage(partner, text);
    if (result.ok) add([result.message]);
    return result;
  }

  return (
    <div className="space-y-2">
      <MessageList messages={messages} status={status} testId="direct-messages" />
      <MessageComposer label="Direct message" onSend={send} />
    </div>
  );
}
