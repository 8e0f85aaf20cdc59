// What the SSO pages say; shared by server and browser (no server imports).
export const SSO_START_FAILED = "Could not start single sign-on with your organization's identity provider. Try again, or ask your administrator.";
