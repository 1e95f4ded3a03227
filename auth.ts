import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { verifyCredentials } from "@/lib/auth/credentials";
import { SuspendedSignIn, ThrottledSignIn } from "@/lib/auth/errors";
import { signInThrottle } from "@/lib/auth/limiters";
import { db } from "@/lib/db";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { Env } from "@/lib/env-schema";
import { requestClient } from "@/lib/http/peer-address";

const credentials = Credentials({
  id: "credentials",
  credentials: {
    username: { label: "Username" },
    password: { label: "Password", type: "password" },
  },
  async authorize(input, request) {
    const result = await verifyCredentials(
      db(),
      signInThrottle(),
      input,
      requestClient(request.headers),
    );
    if (result.ok) {
      const { id, name, username, role } = result.user;
      return { id, name, username, role };
    }
    if (result.reason === "throttled") throw new ThrottledSignIn(result.retryAfterSeconds);
    if (result.reason === "banned") throw new SuspendedSignIn();
    return null;
  },
});

/** Credentials always; GitHub only when both of its variables are set. */
export function providers(settings: Pick<Env, "AUTH_GITHUB_ID" | "AUTH_GITHUB_SECRET">) {
  const { AUTH_GITHUB_ID: clientId, AUTH_GITHUB_SECRET: clientSecret } = settings;
  if (!clientId || !clientSecret) return [credentials];
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
  return [credentials, github];
}

// A function config is evaluated per request, so the database is opened only when first needed.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: DrizzleAdapter(db(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  // The Credentials provider works only with JWT sessions; revocable state is checked in the database.
  session: { strategy: "jwt" },
  // The Host header decides redirect URLs: deploy behind a proxy that sets it, or set AUTH_URL.
  trustHost: true,
  secret: env().AUTH_SECRET,
  pages: { signIn: "/sign-in" },
  providers: providers(env()),
  callbacks: {
    jwt({ token, user }) {
      if (user?.id && user.username && user.role) {
        token.id = user.id;
        token.username = user.username;
        token.name = user.name ?? user.username;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.id,
        username: token.username,
        name: token.name,
        role: token.role,
      };
      return session;
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
