// POST /api/me/sessions/revoke-all — sign out of all devices: ends every session of mine, this one included
import { withActor } from "@/lib/api/route";
import { signOutEverywhere } from "@/lib/auth/sessions";

export const POST = withActor(async ({ actor }) => signOutEverywhere(actor));
