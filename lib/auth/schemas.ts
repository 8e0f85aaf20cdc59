import { z } from "zod";
import { ROLES } from "./permissions";

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@company.com.")
  .transform((s) => s.toLowerCase());

/** At least 10 characters with a letter and a digit or symbol; long passphrases are welcome. */
export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.")
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
  password: z.string().min(1, "Enter your password.").max(200),
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
