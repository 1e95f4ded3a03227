"use client";

import { type FormEvent, useId, useState } from "react";
import { useToast } from "@/components/toaster";
import type { SendResult } from "@/demo/lib/chat/actions";
import { MESSAGE_MAX_LENGTH } from "@/demo/lib/chat/messages";

export function MessageComposer({
  label,
  onSend,
  onTyping,
}: {
  label: string;
  onSend: (text: string) => Promise<SendResult>;
  onTyping?: (typing: boolean) => void;
}) {
  const toast = useToast();
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const inputId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    onTyping?.(false);
    const sent = text;
    const result = await onSend(sent).catch(() => ({
      ok: false as const,
      error: "The message could not be sent.",
    }));
    setSending(false);
    // Whatever was typed while the message was on its way stays in the field.
    if (result.ok) setText((current) => (current === sent ? "" : current));
    else toast(result.error);
  }

  return (
    <form onSubmit={submit} className="flex gap-2">
      <label className="sr-only" htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        value={text}
        maxLength={MESSAGE_MAX_LENGTH}
        onChange={(event) => {
          setText(event.target.value);
          onTyping?.(event.target.value.length > 0);
        }}
        placeholder="Write a message"
        className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button
        type="submit"
        disabled={sending || !text.trim()}
        className="rounded-md bg-indigo-700 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
      >
        Send
      </button>
    </form>
  );
}
