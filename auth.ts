import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { z } from "zod";
import { recordAuthEvent } from "@/lib/activity-log/record";
import { checkPasskey } from "@/lib/credentials/passkey/authenticate";
import { authenticationResponseSchema } from "@/lib/credentials/passkey/responses";
import { passwordSignIn } from "@/lib/credentials/password/sign-in";
import { RefusedSignIn } from "@/lib/credentials/password/sign-in-errors";
import { db } from "@/lib/db";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { Env } from "@/lib/env-schema";
import { refusal } from "@/lib/http/errors";
import { requestClient } from "@/lib/http/peer-address";
import { endDisplacedSessions, signOutSession } from "@/lib/sessions/lifecycle";
import { webLiveness } from "@/lib/sessions/liveness";
import { cachedUser, cachedWebSession, rememberWebSession } from "@/lib/sessions/user-cache";
import { extendWebSession, startWebSession } from "@/lib/sessions/web";
import type { SignInMethod } from "@/lib/vocabulary/session-kinds";

const credentials = Credentials({
  id: "credentials",
  credentials: {
    username: { label: "Username" },
    password: { label: "Password", type: "password" },
  },
  async authorize(input, request) {
    // A success is logged with its session, when the jwt callback below has started it.
    const outcome = await passwordSignIn(input, request.headers, {
      detail: "credentials",
      logSuccess: false,
    });
    if (outcome.ok) {
      const { id, name, username, role } = outcome.user;
      return { id, name, username, role };
    }
    if (outcome.refusal.code === "invalid_credentials") return null;
    throw new RefusedSignIn(outcome.refusal);
  },
});

/** The form's one field: the answer as JSON text. */
const passkeyAnswer = z
  .string()
  .max(65_536)
  .transform((text, context) => {
    try {
      return JSON.parse(text);
    } catch {
      context.addIssue({ code: "custom", message: "not JSON" });
      return z.NEVER;
    }
  })
  .pipe(authenticationResponseSchema);

// A passkey (lib/credentials/passkey/authenticate.ts): the browser's answer to the challenge
// its cookie names. Auth.js's own WebAuthn provider is not used: see docs/security.md#passkeys.
const passkey = Credentials({
  id: "passkey",
  credentials: { response: {} },
  async authorize(input, request) {
    const parsed = passkeyAnswer.safeParse(input.response);
    if (!parsed.success) throw new RefusedSignIn(refusal("passkey_invalid"));
    const outcome = await checkPasskey(parsed.data, request.headers, { purpose: "sign_in" });
    if (!outcome.ok) throw new RefusedSignIn(outcome.refusal);
    const { id, name, username, role } = outcome.user;
    return { id, name, username, role };
  },
});

/** The sign-in method a web session records, from the provider that signed it in. */
function signInMethod(provider: string | undefined): SignInMethod {
  return provider === "github" || provider === "passkey" ? provider : "credentials";
}

/** Credentials and passkeys always; GitHub only when both of its variables are set. */
export function providers(settings: Pick<Env, "AUTH_GITHUB_ID" | "AUTH_GITHUB_SECRET">) {
  const { AUTH_GITHUB_ID: clientId, AUTH_GITHUB_SECRET: clientSecret } = settings;
  if (!clientId || !clientSecret) return [credentials, passkey];
  const github = GitHub({
    clientId,
    clientSecret,
    // "@" never passes sign-up's username rules, so a GitHub login cannot collide with one.
    profile: (profile) => ({
      id: String(profile.id),
      name: profile.name ?? profile.login,
      email: profile.email,
      image: profile.avatar_url,
      username: `${profile.login.toLowerCase()}@github`,
      role: "user" as const,
    }),
  });
  return [credentials, github, passkey];
}

/** The request's headers, where there is a request (sign-in runs in a server action or route). */
async function requestHeaders(): Promise<Headers | undefined> {
  try {
    return await headers();
  } catch {
    return undefined;
  }
}

// A function config is evaluated per request, so the database is opened only when first needed.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: DrizzleAdapter(db(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  // The Credentials provider works only with JWT sessions. Each JWT names a web session record,
  // which the gate (lib/identity/gate.ts) checks on every request: that is what makes it revocable.
  // The record follows the same two ages (extendWebSession below).
  session: {
    strategy: "jwt",
    maxAge: env().WEB_SESSION_MAX_AGE_SECONDS,
    updateAge: env().WEB_SESSION_UPDATE_AGE_SECONDS,
  },
  // The Host header decides redirect URLs: deploy behind a proxy that sets it, or set AUTH_URL.
  trustHost: true,
  secret: env().AUTH_SECRET,
  pages: { signIn: "/sign-in" },
  providers: providers(env()),
  callbacks: {
    // `user` is present once, at sign-in (credentials, GitHub, or right after sign-up).
    async jwt({ token, user, account }) {
      if (user?.id && user.username && user.role) {
        const request = await requestHeaders();
        const session = await startWebSession(db(), {
          userId: user.id,
          method: signInMethod(account?.provider),
          userAgent: request?.get("user-agent"),
          clientAddress: request ? requestClient(request) : null,
          maxAgeSeconds: env().WEB_SESSION_MAX_AGE_SECONDS,
          limit: {
            maxSessions: env().MAX_SESSIONS_PER_USER,
            idleSeconds: env().REALTIME_SESSION_IDLE_SECONDS,
          },
        });
        await recordAuthEvent({
          kind: "sign_in",
          outcome: "success",
          userId: user.id,
          sessionId: session.id,
          detail: signInMethod(account?.provider),
        });
        // Past the limit, the least recently used sessions ended: their tabs are told why.
        await endDisplacedSessions(user.id, session.displaced);
        token.sid = session.id;
        token.id = user.id;
        token.username = user.username;
        token.name = user.name ?? user.username;
        return token;
      }
      // Every later read (/api/auth/session, auth()) asks what the gate asks: a token whose
      // session ended, or whose user is banned, is dropped, never refreshed.
      if (!token.sid) return null;
      const [record, owner] = await Promise.all([
        cachedWebSession(token.sid),
        cachedUser(token.id),
      ]);
      const live = record && webLiveness(record).live && record.userId === token.id;
      if (!live || !owner || owner.bannedAt) return null;
      // Auth.js is about to re-issue the cookie with a full maxAge: the record follows.
      const expiresAt = await extendWebSession(db(), record, {
        maxAgeSeconds: env().WEB_SESSION_MAX_AGE_SECONDS,
        updateAgeSeconds: env().WEB_SESSION_UPDATE_AGE_SECONDS,
      });
      if (expiresAt) rememberWebSession({ ...record, expiresAt });
      return token;
    },
    session({ session, token }) {
      // No role here: a JWT's copy would be stale; the gate reads it from the database.
      session.user = { ...session.user, id: token.id, username: token.username, name: token.name };
      return session;
    },
  },
  events: {
    // NextAuth's own sign-out route (and signOut() anywhere) ends the session record too.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.id && token.sid) await signOutSession(token.id, token.sid);
    },
  },
  logger: {
    // A failed sign-in is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
}));
