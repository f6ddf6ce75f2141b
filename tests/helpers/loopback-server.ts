/**
 * Real HTTP servers on loopback for tests: never the internet, never mocks.
 *
 * `startLoopbackServer` runs a node:http server on 127.0.0.1 (or another loopback address such as 127.0.0.2,
 * which Linux routes to `lo` too) on a random port and records every request it receives. `startRawServer` is a
 * plain TCP server for writing protocol garbage by hand.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

/** A route handler: answer `req` on `res`; an async handler may await before answering (a rejection answers 500). */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** A running loopback server. */
export interface LoopbackServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43125`. */
  url: string;
  port: number;
  /** Every request received, in order (live: read `.length` after the code under test ran). */
  hits: RecordedRequest[];
  /** Stops listening and destroys open connections (hanging handlers included). */
  close(): Promise<void>;
}

/** Options of `startLoopbackServer`. */
export interface LoopbackOptions {
  /** Loopback address to bind; default `127.0.0.1`. */
  host?: string;
  /** Port to bind; default 0 (a random free port). */
  port?: number;
}

/**
 * Starts a node:http server on a random port of a loopback address. `handler` is either one function for every
 * request or a map from path (without query) to handler; an unknown path answers 404.
 */
export async function startLoopbackServer(
  handler: RouteHandler | Record<string, RouteHandler>,
  options: LoopbackOptions = {},
): Promise<LoopbackServer> {
  const hits: RecordedRequest[] = [];
  const route = typeof handler === 'function' ? handler : routeTable(handler);
  const server = http.createServer((req, res) => {
    hits.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: flattenHeaders(req.headers) });
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  const port = await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    hits,
    close: () => closeServer(server, () => server.closeAllConnections()),
  };
}

/** A running raw TCP server. */
export interface RawServer {
  url: string;
  port: number;
  /** Number of connections accepted. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Starts a TCP server on a loopback address; `onConnection` writes whatever bytes the test needs. */
export async function startRawServer(onConnection: (socket: net.Socket) => void, host = '127.0.0.1'): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  const port = await listen(server, host);
  return {
    url: `http://${host}:${port}`,
    port,
    get connections() {
      return connections;
    },
    close: () => closeServer(server, () => sockets.forEach((socket) => socket.destroy())),
  };
}

function routeTable(routes: Record<string, RouteHandler>): RouteHandler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes[path];
    if (route !== undefined) return route(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return undefined;
  };
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function listen(server: net.Server, host: string, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('server has no TCP address'));
      else resolve((address satisfies AddressInfo).port);
    });
  });
}

function closeServer(server: net.Server, destroyConnections: () => void): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    destroyConnections();
  });
}
