import type { ChatMessage } from "@/demo/lib/chat/messages";

export function MessageList({
  messages,
  status,
  testId,
}: {
  messages: ChatMessage[];
  status: "loading" | "ready" | "error";
  testId: string;
}) {
  return (
    <div
      role="log"
      aria-label="Messages"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus (axe: scrollable-region-focusable)
      tabIndex={0}
      className="h-64 overflow-y-auto rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      {status === "loading" ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading messages…</p>
      ) : status === "error" ? (
        <p className="text-sm text-red-700 dark:text-red-400">The messages could not be loaded.</p>
      ) : messages.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No messages yet. Say hello.</p>
      ) : (
        <ol data-testid={testId} className="space-y-1 text-sm">
          {messages.map((message) => (
            <li key={message.seq} data-seq={message.seq}>
              <span className="font-medium">{message.sender.name}</span>
              <span className="text-zinc-500 dark:text-zinc-400">
                {" "}
                · {message.sentAt.slice(11, 16)}
              </span>
              <span className="block break-words">{message.text}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
