// GET /api/v1/kits — the organization's interview kits (search by name with q; archived=true for archived ones; a direct read: lib/api/direct-routes.ts)
import { DIRECT_ROUTES } from "@/lib/api/direct-routes";
import { directApiRoute } from "@/lib/api/v1/route";

export const GET = directApiRoute(DIRECT_ROUTES.v1Kits);
