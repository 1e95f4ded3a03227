import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readAuthForm } from "@/lib/http/guards";

const schema = z.object({ socket_id: z.string(), channel_name: z.string().optional() });

function post(body: string): Request {
  return new Request("http://app.test/api/pusher/auth", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

describe("readAuthForm", () => {
  it("reads a form in which each field appears once", async () => {
    expect(await readAuthForm(post("socket_id=1.2&channel_name=private-x"), schema)).toEqual({
      socket_id: "1.2",
      channel_name: "private-x",
    });
  });

  it.each([
    ["socket_id", "socket_id=1.1&socket_id=2.2"],
    ["channel_name", "socket_id=1.2&channel_name=private-a&channel_name=private-b"],
    ["ticket", "ticket=a&socket_id=1.2&ticket=a"],
    ["session", "session=&session=rts_x&socket_id=1.2"],
    ["extra", "socket_id=1.2&extra=1&extra=2"],
  ])("refuses %s sent twice, even with the same or an empty value", async (field, body) => {
    const response = await readAuthForm(post(body), schema);
    if (!(response instanceof Response)) throw new Error(`accepted ${body}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_request",
      message: `${field} was sent more than once.`,
    });
  });
});
