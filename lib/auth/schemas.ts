import { z } from "zod";
import { ROLES } from "./permissions";

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@company.com.")
  .transform((s) => s.toLowerCase());

/**
 * The longest password accepted anywhere (sign-up, sign-in, invitations, reset). Longer ones
 * are refused with a 400 before any hashing, so a huge password costs no argon2 time.
 */
export const MAX_PASSWORD_LENGTH = 1024;

/** At least 10 characters with a letter and a digit or symbol; long passphrases are welcome. */
export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(MAX_PASSWORD_LENGTH, "Use at most 1,024 characters.")
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), "Mix letters with at least one digit or symbol.");

export const personNameSchema = z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.");

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  organizationName: z.string().trim().min(2, "Enter your organization's name.").max(100, "Use at most 100 characters."),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH, "Use at most 1,024 characters."),
});

export const roleSchema = z.enum(ROLES, { message: "Choose a role." });

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export type InviteInput = z.infer<typeof inviteSchema>;

export const acceptInviteSchema = z.object({
  token: z.string().min(20).max(200),
  name: personNameSchema.optional(),
  password: newPasswordSchema.optional(),
});
export type AcceptInviteInput = z.infer<typeof acceptInviteSchema>;

export const changeRoleSchema = z.object({ role: roleSchema });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

/** "Change password" in the user menu: the current one, and a new one under the sign-up rules. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH, "Use at most 1,024 characters."),
    newPassword: newPasswordSchema,
  })
  .refine((d) => d.currentPassword !== d.newPassword, { path: ["newPassword"], message: "Choose a password different from your current one." });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** "Forgot password?": the address to send a reset link to. */
export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

/** The token of a reset link (32 random bytes, base64url): anything else is not one of ours. */
export const resetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is not valid. Check that you copied the whole link.");

export const resetPasswordSchema = z.object({ token: resetTokenSchema, password: newPasswordSchema });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
