"use client";

import { createAuthClient } from "better-auth/react";

/** Sign-in, sign-up and sign-out from the browser (same origin as the page). */
export const authClient = createAuthClient();
