/**
 * A short, fixed address for `npm start` in the browser: http://127.0.0.1:<port>/ sends the
 * browser on to the full workbench URL (folder and extension to load), and every other request,
 * websockets included, is passed through to code-server on its own port. The workbench page itself
 * gets the `developmentOptions` that load the extension from source (the route the tests take:
 * VS Code 1.139's built workbench ignores the URL payload's extensionDevelopmentPath). One fixed
 * origin also keeps the browser's workbench state (layout, open editors) from one run to the next.
 */
import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export const DEFAULT_START_PORT = 3790;

/** The port to serve on: env PORT when set (it must be a port number), else the default. */
export function startPort(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT?.trim();
  if (!raw) return DEFAULT_START_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT=${raw} is not a port number (1-65535).`);
  return port;
}

export interface ShortUrlTarget {
  /** code-server's own port, where requests are passed on to. */
  readonly port: number;
  /** Where `/` sends the browser: the full workbench URL on the short origin. */
  readonly landing: string;
  /** Added to the workbench configuration of the page at `/?…` (see codeServer.ts `developmentOptions`). */
  readonly developmentOptions?: object;
}

const CONFIGURATION = /(<meta\s+id="vscode-workbench-web-configuration"\s+data-settings=")([^"]*)(")/;
const unescapeAttribute = (text: string) =>
  text.replace(/&(quot|#39|lt|gt|amp);/g, (_, name: string) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[name] ?? '');
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The workbench page with `options` merged into its configuration's developmentOptions; other pages as they are. */
export function withDevelopmentOptions(html: string, options: object): string {
  return html.replace(CONFIGURATION, (whole, open: string, value: string, close: string) => {
    try {
      const config = JSON.parse(unescapeAttribute(value)) as { developmentOptions?: object };
      return `${open}${escapeAttribute(JSON.stringify({ ...config, developmentOptions: { ...config.developmentOptions, ...options } }))}${close}`;
    } catch {
      return whole; // not the configuration this knows: leave the page alone
    }
  });
}

/** The workbench page, fetched whole (uncompressed) so its configuration can take the developmentOptions. */
function forwardWorkbench(req: IncomingMessage, res: ServerResponse, target: ShortUrlTarget & { developmentOptions: object }): void {
  const headers = { ...req.headers, 'accept-encoding': 'identity' };
  const upstream = httpRequest({ host: '127.0.0.1', port: target.port, method: 'GET', path: req.url, headers }, (reply) => {
    const chunks: Buffer[] = [];
    reply.on('data', (chunk: Buffer) => chunks.push(chunk));
    reply.on('end', () => {
      const isHtml = /text\/html/.test(String(reply.headers['content-type'] ?? ''));
      const body = isHtml ? Buffer.from(withDevelopmentOptions(Buffer.concat(chunks).toString('utf8'), target.developmentOptions)) : Buffer.concat(chunks);
      const { 'content-length': _length, 'transfer-encoding': _encoding, ...rest } = reply.headers;
      res.writeHead(reply.statusCode ?? 502, { ...rest, 'content-length': body.length });
      res.end(body);
    });
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('code-server is not answering.\n');
  });
  upstream.end();
}

export interface ShortUrl {
  readonly url: string;
  readonly port: number;
  /** Set once code-server is up; until then requests get a "still starting" answer. */
  target: ShortUrlTarget | undefined;
  close(): Promise<void>;
}

function forward(req: IncomingMessage, res: ServerResponse, targetPort: number): void {
  const upstream = httpRequest({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (reply) => {
    res.writeHead(reply.statusCode ?? 502, reply.headers);
    reply.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('code-server is not answering.\n');
  });
  req.pipe(upstream);
}

function forwardUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, targetPort: number): void {
  const upstream = connect(targetPort, '127.0.0.1', () => {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
}

/** Listens on 127.0.0.1:`port`. Rejects with a message naming PORT when the port is taken. */
export function listenShortUrl(port: number): Promise<ShortUrl> {
  const short: ShortUrl = {
    url: `http://127.0.0.1:${port}/`,
    port,
    target: undefined,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy(); // websockets are no longer the server's to close
      }),
  };
  const upgraded = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const target = short.target;
    if (!target) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '2' });
      res.end('code-server is still starting; reload in a few seconds.\n');
    } else if (req.url === '/') {
      res.writeHead(302, { location: target.landing, 'cache-control': 'no-store' });
      res.end();
    } else if (req.method === 'GET' && req.url?.startsWith('/?') && target.developmentOptions) {
      forwardWorkbench(req, res, { ...target, developmentOptions: target.developmentOptions });
    } else forward(req, res, target.port);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!short.target) return socket.destroy();
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    forwardUpgrade(req, socket, head, short.target.port);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`Port ${port} is already in use (another \`npm start\`?). Stop that, or pick another port: PORT=${port + 1} npm start`));
      else reject(err);
    });
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port; // port 0: the one the system chose
      resolve(Object.assign(short, { port: actual, url: `http://127.0.0.1:${actual}/` }));
    });
  });
}
