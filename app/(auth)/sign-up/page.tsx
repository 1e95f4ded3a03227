import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { SignUpForm } from "@/components/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await auth()) redirect("/app");
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
