// Whether the app is served over HTTPS, as Auth.js decides for its cookies: AUTH_URL's scheme,
// else the scheme the request arrived with (X-Forwarded-Proto from the proxy in front).

export function servedOverHttps(headers: Headers, authUrl: string | undefined): boolean {
  return authUrl ? authUrl.startsWith("https:") : headers.get("x-forwarded-proto") === "https";
}
