import Link from "next/link";
import { Frame } from "@/app/frame";

/** 404, rendered in place of the route groups' layouts, so it brings the site's frame itself. */
export default function NotFound() {
  return (
    <Frame>
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="text-zinc-700 dark:text-zinc-300">There is no page at this address.</p>
        <Link href="/" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Home
        </Link>
      </div>
    </Frame>
  );
}
