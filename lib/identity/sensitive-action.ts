// What a sensitive server action answers its form (app/(app)/sensitive-form.tsx): null once it
// acted, or `stepUp` when the session's sign-in is too old: the page then asks "Confirm it's you"
// and sends the form again. Shared by the server actions and the browser.

export type SensitiveActionState = { stepUp: true } | null;

export const STEP_UP_FIRST: SensitiveActionState = { stepUp: true };
