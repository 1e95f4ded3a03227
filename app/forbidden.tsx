import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-zinc-700 dark:text-zinc-300">This page is for admins only.</p>
      <Link href="/app" className="font-medium text-indigo-700 underline dark:text-indigo-300">
        Back to the app
      </Link>
    </div>
  );
}
