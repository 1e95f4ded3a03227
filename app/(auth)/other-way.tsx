import Link from "next/link";

/** The line under a form that points to the other one (sign in, or create an account). */
export function OtherWay({
  question,
  href,
  label,
}: {
  question: string;
  href: string;
  label: string;
}) {
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      {question}{" "}
      <Link href={href} className="font-medium text-indigo-700 underline dark:text-indigo-300">
        {label}
      </Link>
    </p>
  );
}
