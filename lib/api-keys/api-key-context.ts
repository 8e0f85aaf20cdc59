import "server-only";
// Which API key the current request acts through, for the audit log: withApiKey runs its handler
// inside this context, and recordAuditEvent adds `viaApiKey: { id, name, prefix }` to the row's
// data — so every audited change made through the API says so without each service passing it.
import { AsyncLocalStorage } from "node:async_hooks";

export interface ApiKeyMark {
  id: string;
  name: string;
  prefix: string;
}

// On globalThis: the production server runs the public API's reads from its own bundle of this
// module (lib/api/direct-endpoint.ts), and whatever they call must find the same context.
const globalForApiKey = globalThis as unknown as { panelistApiKeyContext?: AsyncLocalStorage<ApiKeyMark> };
const storage = (globalForApiKey.panelistApiKeyContext ??= new AsyncLocalStorage<ApiKeyMark>());

export const runAsApiKey = <T,>(key: ApiKeyMark, fn: () => Promise<T>): Promise<T> => storage.run(key, fn);

export const currentApiKey = (): ApiKeyMark | undefined => storage.getStore();
