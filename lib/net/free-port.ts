// Free TCP ports on the loopback interface: for the embedded Postgres, the test and bench
// servers. No "server-only": scripts run outside Next import it too.
import { createServer } from "node:net";

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.once("listening", () => server.close(() => done(true)));
    server.listen(port, "127.0.0.1");
  });
}

/**
 * `preferred` when it is free, else one the OS picks. (Free when asked: another process may
 * take it before the caller binds, so callers that can should retry on EADDRINUSE.)
 */
export async function freePort(preferred = 0): Promise<number> {
  if (preferred > 0 && (await isPortFree(preferred))) return preferred;
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
