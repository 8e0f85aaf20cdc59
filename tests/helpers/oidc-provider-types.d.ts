// The little of `oidc-provider` (which ships no types) that tests/helpers/oidc-provider.ts uses.
declare module "oidc-provider" {
  import type { Server } from "node:http";
  interface KoaContext {
    path: string;
    body: unknown;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    listen(port: number, host: string, callback: () => void): Server;
  }
}
