// A real DNS server for the tests (the `dns2` package), on UDP 127.0.0.1: it answers TXT queries
// from a table the test fills (NXDOMAIN for a name it does not hold), so domain verification
// (lib/sso/verify-sso-domain.ts) runs node:dns's real resolver over the wire. Point the app at
// it with PANELIST_DNS_SERVERS=`servers`.
// Relative, not "@/": Playwright may load this file too.
import DNS from "dns2";

const { Packet } = DNS;

export interface TestDnsServer {
  /** For PANELIST_DNS_SERVERS: "127.0.0.1:<port>". */
  servers: string;
  /** Sets (or, with null, removes) the TXT records at `name`. */
  setTxt(name: string, values: string[] | null): void;
  /** How many queries it has answered (a test can prove the look-up really went to it). */
  queries(): number;
  close(): Promise<void>;
}

/** On `port` (0: any free one; the e2e run picks one in advance, since its server is told before this starts). */
export async function startDnsServer(port = 0): Promise<TestDnsServer> {
  const txt = new Map<string, string[]>();
  let answered = 0;
  const server = DNS.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      const name = question?.name.toLowerCase().replace(/\.$/, "") ?? "";
      const values = txt.get(name);
      if (!values) response.header.rcode = 3; // NXDOMAIN
      else if (question?.type === Packet.TYPE.TXT) {
        for (const data of values) response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data }));
      }
      answered++;
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port, address: "127.0.0.1" } });
  return {
    servers: `127.0.0.1:${addresses.udp!.port}`,
    setTxt: (name, values) => (values ? txt.set(name.toLowerCase(), values) : txt.delete(name.toLowerCase())),
    queries: () => answered,
    close: () => server.close(),
  };
}
