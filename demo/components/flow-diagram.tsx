import type { TraceStep } from "@/demo/lib/trace";

export type Flow = "backend" | "service";

type Actor = 0 | 1 | 2;
type Step = { id: TraceStep; from: Actor; to: Actor; label: string; file: string };

const ACTORS = ["Browser", "App server", "Realtime server"] as const;
const X = [40, 178, 304] as const;

// The steps both flows share, once the client holds a credential.
const CONNECTED: Step = {
  id: "connected",
  from: 2,
  to: 0,
  label: "WebSocket open: socket_id",
  file: "lib/realtime/client/dispatcher.ts",
};
const SIGNIN: Step = {
  id: "signin",
  from: 0,
  to: 2,
  label: "pusher:signin → signin_success",
  file: "lib/realtime/client/dispatcher.ts",
};
const CHANNEL_AUTH: Step = {
  id: "channel-auth",
  from: 0,
  to: 1,
  label: "POST /api/pusher/auth/batch",
  file: "lib/realtime/client/auth/channel-authorizer.ts",
};

export const FLOWS: Record<Flow, { title: string; steps: Step[] }> = {
  backend: {
    title: "Authentication by your backend",
    // Token at sign-in, what /app does on load: the session cookie, no ticket. (The "Ticket first"
    // box asks for a ticket before these steps and sends it with user-auth.)
    steps: [
      CONNECTED,
      {
        id: "user-auth",
        from: 0,
        to: 1,
        label: "POST /api/pusher/user-auth + cookie",
        file: "app/api/pusher/user-auth/route.ts",
      },
      {
        id: "token",
        from: 1,
        to: 0,
        label: "auth + user_data, signed with the secret",
        file: "lib/credentials/realtime-caller.ts",
      },
      SIGNIN,
      CHANNEL_AUTH,
      {
        id: "event",
        from: 2,
        to: 0,
        label: "events: sendToUser, rooms, DMs",
        file: "demo/lib/chat/actions.ts",
      },
    ],
  },
  service: {
    title: "Authentication by the service",
    steps: [
      {
        id: "credentials",
        from: 0,
        to: 1,
        label: "POST /api/realtime/service/sessions",
        file: "app/api/realtime/service/sessions/route.ts",
      },
      CONNECTED,
      {
        id: "user-auth",
        from: 0,
        to: 1,
        label: "POST /api/pusher/user-auth + ticket",
        file: "app/api/pusher/user-auth/route.ts",
      },
      {
        id: "token",
        from: 1,
        to: 0,
        label: "signed token + realtime session",
        file: "lib/sessions/realtime.ts",
      },
      SIGNIN,
      CHANNEL_AUTH,
      {
        id: "event",
        from: 2,
        to: 0,
        label: "events sent to the user",
        file: "lib/realtime/server/pusher.ts",
      },
    ],
  },
};

const TOP = 56;
const ROW = 54;

/** Text painted over a stroke of the page's colour, so that no lifeline crosses a label. */
const HALO = "stroke-white dark:stroke-zinc-950 [paint-order:stroke] [stroke-width:4px]";

/** A sequence diagram of one flow; `active` highlights the step happening now. */
export function FlowDiagram({ flow, active }: { flow: Flow; active?: TraceStep }) {
  const { title, steps } = FLOWS[flow];
  const height = TOP + steps.length * ROW;
  return (
    <figure className="space-y-2" data-testid={`diagram-${flow}`}>
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <svg
        viewBox={`0 0 360 ${height}`}
        className="w-full max-w-md text-zinc-500 dark:text-zinc-400"
        aria-hidden="true"
      >
        {ACTORS.map((actor, index) => (
          <g key={actor}>
            <text
              x={X[index]}
              y={18}
              textAnchor="middle"
              fontSize="12"
              fontWeight="600"
              className="fill-zinc-900 dark:fill-zinc-100"
            >
              {actor}
            </text>
            <line
              x1={X[index]}
              x2={X[index]}
              y1={28}
              y2={height - 8}
              stroke="currentColor"
              strokeDasharray="3 4"
            />
          </g>
        ))}
        {steps.map((step, index) => {
          const y = TOP + index * ROW;
          const [from, to] = [X[step.from], X[step.to]];
          const direction = to > from ? 1 : -1;
          const isActive = step.id === active;
          return (
            <g
              key={step.id}
              data-step={step.id}
              data-active={isActive}
              className={
                isActive
                  ? "text-indigo-700 dark:text-indigo-300"
                  : "text-zinc-700 dark:text-zinc-300"
              }
            >
              {isActive ? (
                <rect
                  x={2}
                  y={y - 26}
                  width={356}
                  height={ROW - 6}
                  rx={6}
                  className="fill-indigo-500/10"
                />
              ) : null}
              <line
                x1={from}
                x2={to - direction * 6}
                y1={y}
                y2={y}
                stroke="currentColor"
                strokeWidth={isActive ? 2.5 : 1.5}
              />
              <polygon
                points={`${to},${y} ${to - direction * 8},${y - 4} ${to - direction * 8},${y + 4}`}
                fill="currentColor"
              />
              <text
                x={8}
                y={y - 8}
                fontSize="11"
                fill="currentColor"
                fontWeight={isActive ? 700 : 400}
                className={HALO}
              >
                {index + 1}. {step.label}
              </text>
              <text
                x={8}
                y={y + 15}
                fontSize="9.5"
                fontFamily="ui-monospace, monospace"
                fill="currentColor"
                className={HALO}
              >
                {step.file}
              </text>
            </g>
          );
        })}
      </svg>
      <ol className="sr-only">
        {steps.map((step) => (
          <li key={step.id}>
            {ACTORS[step.from]} to {ACTORS[step.to]}: {step.label} ({step.file})
          </li>
        ))}
      </ol>
    </figure>
  );
}
