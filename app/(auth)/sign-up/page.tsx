import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/sign-up-form";
import { currentUser } from "@/lib/identity/gate";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if ((await currentUser()).ok) redirect("/app");
  return (
    <>
      <h1 className="text-2xl font-semibold">Create an account</h1>
      <SignUpForm />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Already registered?{" "}
        <Link
          href="/sign-in"
          className="font-medium text-indigo-700 underline dark:text-indigo-300"
        >
          Sign in
        </Link>
      </p>
    </>
  );
}
