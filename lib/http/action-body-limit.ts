// Apart, with no imports: next.config.ts loads it before path aliases resolve.

/** next.config.ts's `serverActions.bodySizeLimit`: Next.js's own default, 1 MB. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
