import dns2 from 'dns2';

const { Packet } = dns2;

/** Records one name answers: TXT values (an array is one record split into several strings), MX, A. */
export interface ZoneEntry {
  TXT?: (string | string[])[];
  MX?: { exchange: string; priority: number }[];
  A?: string[];
}

export type Zone = Record<string, ZoneEntry>;

export interface DnsServer {
  /** `127.0.0.1:PORT`, for node:dns `setServers` or `--dns`. */
  address: string;
  /** Replaces the records served. */
  serve(zone: Zone): void;
  close(): Promise<void>;
}

/**
 * A real DNS server (the npm package dns2) on 127.0.0.1, UDP and TCP on the same port, answering
 * from `zone`: names not in it are NXDOMAIN. TCP serves answers too long for UDP (long DKIM keys).
 */
export async function startDnsServer(initial: Zone = {}): Promise<DnsServer> {
  let zone = initial;
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle(request, send) {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      const name = question?.name.toLowerCase().replace(/\.$/, '') ?? '';
      const entry = zone[name];
      if (!question || !entry) {
        response.header.rcode = 3; // NXDOMAIN
        return send(response);
      }
      const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
      // dns2 encodes plain objects; its types describe decoded resources (with toBuffer).
      const answer = (record: object) => response.answers.push(record as (typeof response.answers)[number]);
      if (question.type === Packet.TYPE.TXT) {
        for (const data of entry.TXT ?? []) answer({ ...base, type: Packet.TYPE.TXT, data });
      } else if (question.type === Packet.TYPE.MX) {
        for (const mx of entry.MX ?? []) answer({ ...base, type: Packet.TYPE.MX, ...mx });
      } else if (question.type === Packet.TYPE.A) {
        for (const address of entry.A ?? []) answer({ ...base, type: Packet.TYPE.A, address });
      }
      send(response);
    },
  });
  // One port for both: resolvers retry a truncated UDP answer over TCP at the same address.
  const probe = dns2.createServer({ udp: true });
  const { udp } = (await probe.listen({ udp: { port: 0, address: '127.0.0.1' } })) as { udp: { port: number } };
  await probe.close();
  await server.listen({ udp: { port: udp.port, address: '127.0.0.1' }, tcp: { port: udp.port, address: '127.0.0.1' } });
  return {
    address: `127.0.0.1:${udp.port}`,
    serve(next) {
      zone = next;
    },
    close: async () => {
      await server.close();
    },
  };
}
