import { CredentialsSignin } from "next-auth";
import type { PasswordSignIn } from "@/lib/credentials/password/sign-in";

type SignInRefusal = Extract<PasswordSignIn, { ok: false }>["refusal"];

// Thrown from the Credentials provider when the account may not sign in now (suspended, or
// throttled): a server action's signIn() receives the instance, and shows its catalog message.
// A wrong password stays NextAuth's plain CredentialsSignin, which says nothing more.

export class RefusedSignIn extends CredentialsSignin {
  constructor(readonly refusal: SignInRefusal) {
    super();
    this.code = refusal.code;
  }
}
