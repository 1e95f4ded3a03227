import { describe, expect, it } from "vitest";
import { providers } from "@/auth";

/** Each provider's id as Auth.js reads it: a Credentials provider's own id is in its options. */
function ids(list: ReturnType<typeof providers>): string[] {
  return list.map((provider) => {
    const options: unknown = "options" in provider ? provider.options : undefined;
    const own = typeof options === "object" && options && "id" in options ? options.id : undefined;
    return typeof own === "string" ? own : provider.id;
  });
}

describe("auth providers", () => {
  it("offers only credentials and passkeys unless GitHub is configured", () => {
    expect(ids(providers({}))).toEqual(["credentials", "passkey"]);
    expect(ids(providers({ AUTH_GITHUB_ID: "id" }))).toEqual(["credentials", "passkey"]);
  });

  it("adds GitHub when both of its variables are set", () => {
    const all = providers({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" });
    expect(ids(all)).toEqual(["credentials", "github", "passkey"]);
  });

  it("gives GitHub users a username that sign-up can never take", async () => {
    const [, github] = providers({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" });
    const profile = { id: 1, login: "OctoCat", name: null, email: null, avatar_url: "a" };
    const user = await (
      github as unknown as { options: { profile: (p: unknown) => unknown } }
    ).options.profile(profile);
    expect(user).toMatchObject({ username: "octocat@github", name: "OctoCat", role: "user" });
  });
});
