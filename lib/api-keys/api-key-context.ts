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

const storage = new AsyncLocalStorage<ApiKeyMark>();

export const runAsApiKey = <T,>(key: ApiKeyMark, fn: () => Promise<T>): Promise<T> => storage.run(key, fn);

export const currentApiKey = (): ApiKeyMark | undefined => storage.getStore();
