import { CredentialsSignin } from "next-auth";

// Thrown from the Credentials provider; a server action's signIn() receives the instance.

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export class SuspendedSignIn extends CredentialsSignin {
  code = "suspended";
}
