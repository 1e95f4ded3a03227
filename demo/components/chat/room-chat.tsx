"use client";

import { useState } from "react";
import { MessageComposer } from "@/demo/components/chat/message-composer";
import { MessageList } from "@/demo/components/chat/message-list";
import { useThread } from "@/demo/components/chat/use-thread";
import { useTyping } from "@/demo/components/chat/use-typing";
import { type SendResult, sendRoomMessage } from "@/demo/lib/chat/actions";
import { roomChannel } from "@/demo/lib/chat/channel-names";

type Room = { slug: string; name: string };

export function RoomChat({ rooms }: { rooms: Room[] }) {
  const [active, setActive] = useState(rooms[0]?.slug ?? "lobby");
  return (
    <section aria-labelledby="rooms-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <h2 id="rooms-heading" className="text-lg font-semibold">
          Rooms
        </h2>
        <div role="tablist" aria-label="Rooms" className="flex gap-1">
          {rooms.map((room) => (
            <button
              key={room.slug}
              type="button"
              role="tab"
              aria-selected={room.slug === active}
              onClick={() => setActive(room.slug)}
              className="rounded-md px-3 py-1 text-sm aria-selected:bg-indigo-700 aria-selected:text-white"
            >
              #{room.slug}
            </button>
          ))}
        </div>
      </div>
      <RoomView key={active} slug={active} />
    </section>
  );
}

function RoomView({ slug }: { slug: string }) {
  const channel = roomChannel.build({ slug });
  const { messages, status, add } = useThread({
    channel,
    historyUrl: `/api/rooms/${slug}/messages`,
  });
  const typing = useTyping(channel);

  async function send(text: string): Promise<SendResult> {
    const result = await sendRoomMessage(slug, text);
    if (result.ok) add([result.message]);
    return result;
  }

  return (
    <div role="tabpanel" className="space-y-2">
      <MessageList messages={messages} status={status} testId={`room-${slug}`} />
      <p
        aria-live="polite"
        data-testid="typing"
        className="h-5 text-sm text-zinc-600 italic dark:text-zinc-400"
      >
        {typing.names.length > 0
          ? `${typing.names.join(", ")} ${typing.names.length > 1 ? "are" : "is"} typing…`
          : ""}
      </p>
      <MessageComposer label={`Message #${slug}`} onSend={send} onTyping={typing.notify} />
    </div>
  );
}
