// POST /api/auth/sign-up — create an account, an organization, and make the creator its owner
import { NextResponse } from "next/server";
import { parseJson, withErrors } from "@/lib/api/route";
import { signUpSchema } from "@/lib/auth/schemas";
import { createAccount } from "@/lib/organizations/create-account";

export const POST = withErrors(async ({ req }) => {
  const input = await parseJson(req, signUpSchema);
  const result = await createAccount(input);
  return NextResponse.json(result, { status: 201 });
});
