import type { RequestHandler } from 'express';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What this process is holding now, read when Prometheus scrapes. */
export interface MetricSources {
  rooms: () => number;
  boardConnections: () => number;
  sockets: () => number;
}

/**
 * Prometheus metrics for `/metrics` (prom-client): the process's own, connections and rooms,
 * how long a board change takes to be stored before it is relayed, and HTTP latency by route
 * (the route's pattern, never the path people typed, so no ids or tokens reach the labels).
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  const persist = new Histogram({
    name: 'link_collab_persist_seconds',
    help: 'Time to store a board change before it is relayed to anyone',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const http = new Histogram({
    name: 'link_http_request_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const timeRequests: RequestHandler = (req, res, next) => {
    const end = http.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'other';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
  const serve: RequestHandler = async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };
  /** Once the parts that hold connections exist, what to read from them at each scrape. */
  const watch = (sources: MetricSources) => {
    gauge('link_collab_rooms', 'Board documents loaded in this process', sources.rooms);
    gauge('link_collab_connections', 'Board (Yjs) connections to this process', sources.boardConnections);
    gauge('link_socket_connections', 'socket.io connections to this process', sources.sockets);
  };
  return { timeRequests, serve, watch, observePersist: (seconds: number) => persist.observe(seconds) };
}
