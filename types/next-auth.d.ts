import type { Role } from "@/lib/vocabulary/roles";

declare module "next-auth" {
  interface User {
    username?: string;
    role?: Role;
  }
  interface Session {
    user: { id: string; username: string; name: string };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    id: string;
    /** The web session record that vouches for this token (lib/sessions/web.ts). */
    sid?: string;
    username: string;
    name: string;
  }
}
