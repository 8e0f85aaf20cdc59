// `/sign-in?error=` shows the fixed message of a known code and never the text it was given.
import { describe, expect, it } from "vitest";
import { INVALID_CREDENTIALS_MESSAGE, signInErrorFromQuery, signInErrorMessage } from "@/lib/auth/sign-in-messages";

describe("sign-in error codes", () => {
  it("maps known codes to fixed messages", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(signInErrorMessage("SessionRequired")).toMatch(/sign in to continue/);
  });

  it("shows a generic message for anything else, never the given text", () => {
    for (const given of ["Your account is suspended. Call +1 555 0100 to restore it.", "<img src=x onerror=alert(1)>", "toString", "__proto__", "constructor", ""]) {
      const shown = signInErrorFromQuery(given)!;
      expect(shown).toBe("Sign-in did not work. Please try again.");
      if (given) expect(shown).not.toContain(given);
    }
  });

  it("shows nothing without ?error= and reads only the first of repeated values", () => {
    expect(signInErrorFromQuery(undefined)).toBeUndefined();
    expect(signInErrorFromQuery(["CredentialsSignin", "Pay here"])).toBe(INVALID_CREDENTIALS_MESSAGE);
  });
});
