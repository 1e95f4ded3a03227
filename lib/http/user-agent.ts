import Bowser from "bowser";

// A device's name, in words, from the User-Agent its client sent. Parsed by bowser, a maintained
// parser: the UA is the client's own claim, so this names a device for its owner, never proves it.

export type DeviceName = {
  /** "Chrome 140", "Safari 17", or the client's own first token ("curl/8.5.0"), or null. */
  browser: string | null;
  /** "Linux", "macOS", "iOS 17.4", "Windows 10", or null. */
  os: string | null;
  /** Both in one line: "Chrome 140 on Linux", "Unknown browser". */
  label: string;
};

const UNKNOWN = "Unknown browser";

/** The first product token of a UA that no parser knows ("node", "curl/8.5.0"), bounded. */
function firstToken(userAgent: string): string | null {
  const token = userAgent.trim().split(/\s+/)[0] ?? "";
  // Only printable ASCII: the UA is shown back to its owner, and comes from the client.
  return /^[\x21-\x7e]{1,40}$/.test(token) ? token : null;
}

function major(version: string | undefined): string | undefined {
  return version?.split(".")[0] || undefined;
}

export function describeUserAgent(userAgent: string | null | undefined): DeviceName {
  const ua = userAgent?.trim();
  if (!ua) return { browser: null, os: null, label: UNKNOWN };
  const parsed = Bowser.parse(ua);
  const browserName = parsed.browser.name || undefined;
  const browser = browserName
    ? [browserName, major(parsed.browser.version)].filter(Boolean).join(" ")
    : firstToken(ua);
  const osName = parsed.os.name || undefined;
  // Windows reports "NT 10.0", which bowser names "10"; other systems their own version.
  const osVersion = parsed.os.versionName ?? parsed.os.version;
  const os = osName
    ? [osName, osName === "macOS" || osName === "Linux" ? undefined : osVersion]
        .filter(Boolean)
        .join(" ")
    : null;
  const label = browser
    ? os
      ? `${browser} on ${os}`
      : browser
    : os
      ? `${UNKNOWN} on ${os}`
      : UNKNOWN;
  return { browser, os, label };
}
