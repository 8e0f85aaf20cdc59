// GET /api/me — the signed-in actor: user, organization and role
import { withActor } from "@/lib/api/route";

// The server-side session's id stays on the server: it identifies nothing the browser needs.
export const GET = withActor(async ({ actor: { sessionId: _sessionId, ...actor } }) => ({ actor }));
