import net from 'node:net';

/**
 * A plain TCP load balancer: each incoming connection goes to the next backend in turn, with
 * no stickiness, as the simplest production balancer would. A backend that refuses the
 * connection (a process that died) is skipped for that connection.
 */
export interface RoundRobinProxy {
  server: net.Server;
  /** Connections handed to each backend port so far. */
  connections: Map<number, number>;
  close(): Promise<void>;
}

export function startRoundRobinProxy(port: number, backends: number[], host = '127.0.0.1'): Promise<RoundRobinProxy> {
  let next = 0;
  const connections = new Map<number, number>();
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.pause();
    const tryBackend = (attemptsLeft: number) => {
      const backendPort = backends[next++ % backends.length]!;
      const upstream = net.connect(backendPort, host);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        connections.set(backendPort, (connections.get(backendPort) ?? 0) + 1);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      upstream.once('error', () => {
        if (!connected && attemptsLeft > 1) tryBackend(attemptsLeft - 1);
        else client.destroy();
      });
    };
    tryBackend(backends.length);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        server,
        connections,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
