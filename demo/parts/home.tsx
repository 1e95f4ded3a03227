import { FlowDiagram } from "@/demo/components/flow-diagram";

const FLOWS = ["backend", "service"] as const;

/** The demo's part of the home page: both flows, step by step. */
export default function HomeDemo() {
  return (
    <section aria-labelledby="flows-heading" className="space-y-6">
      <h2 id="flows-heading" className="text-xl font-semibold">
        The two flows
      </h2>
      <p className="max-w-3xl text-zinc-700 dark:text-zinc-300">
        The demo adds chat rooms whose history survives reconnects (nothing lost, nothing shown
        twice), end-to-end encrypted direct messages, a channel probe, and an inspector on /app and
        /quickstart that shows what was sent, what was signed and what the server decided.
      </p>
      <div className="grid gap-10 md:grid-cols-2">
        {FLOWS.map((flow) => (
          <FlowDiagram key={flow} flow={flow} />
        ))}
      </div>
    </section>
  );
}
