import { CredentialsSignin } from "next-auth";
import type { Refusal } from "@/lib/http/errors";

// Thrown from a Credentials provider when the account may not sign in now (suspended,
// throttled, or any refusal of a passkey): a server action's signIn() receives the instance,
// and shows its catalog message.
// A wrong password stays NextAuth's plain CredentialsSignin, which says nothing more.

export class RefusedSignIn extends CredentialsSignin {
  constructor(readonly refusal: Refusal) {
    super();
    this.code = refusal.code;
  }
}
