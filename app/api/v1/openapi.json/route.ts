// GET /api/v1/openapi.json — the public API's OpenAPI 3.1 document (no key needed)
import { withErrors } from "@/lib/api/route";
import { openApiDocument } from "@/lib/api/v1/openapi";

export const GET = withErrors(async () => Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
