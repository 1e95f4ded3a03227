import { describe, expect, it } from "vitest";
import { providers } from "@/auth";

describe("auth providers", () => {
  it("offers only credentials and passkeys unless GitHub is configured", () => {
    expect(providers({}).map((provider) => provider.id)).toEqual(["credentials", "passkey"]);
    expect(providers({ AUTH_GITHUB_ID: "id" }).map((provider) => provider.id)).toEqual([
      "credentials",
      "passkey",
    ]);
  });

  it("adds GitHub when both of its variables are set", () => {
    const ids = providers({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" }).map((p) => p.id);
    expect(ids).toEqual(["credentials", "github", "passkey"]);
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
