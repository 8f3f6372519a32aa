// Fetching an image dropped or pasted from a web page: https only, public addresses only (loopback
// opened up for these tests, over real TLS with a throwaway CA), the connection pinned to the
// checked address, at most three redirects each checked again, the size capped before and while
// the body streams, and the bytes sniffed. Every refusal tells the person why.
import * as assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fetchWebImage, isCheckedPeer, WebImageRefusal, type WebImageOptions } from '../../src/host/webImageFetch';
import { eventually } from '../support/eventually';
import { testCertificate } from '../support/testCertificate';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(300, 7)]);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
const HTML = Buffer.from('<!doctype html><title>Not an image</title>');
const LIMIT = 10_000;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
/** What a streaming route wrote before the client hung up. */
const streamed = new Map<string, { written: number; closed: boolean }>();

function image(type: string, bytes: Buffer): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
    res.end(bytes);
  };
}

function redirect(status: number, location: string): Handler {
  return (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };
}

/** Writes 4 KB every 5 ms (after a PNG signature) until the client closes; `length` is declared when given. */
function endless(name: string, length?: number): Handler {
  return (_req, res) => {
    const record = { written: 0, closed: false };
    streamed.set(name, record);
    res.writeHead(200, { 'content-type': 'image/png', ...(length ? { 'content-length': length } : {}) });
    const timer = setInterval(() => {
      const chunk = record.written ? Buffer.alloc(4096, 1) : PNG;
      record.written += chunk.length;
      res.write(chunk);
    }, 5);
    res.on('close', () => {
      clearInterval(timer);
      record.closed = true;
    });
  };
}

describe('fetching an image from a web address', function () {
  this.timeout(20_000);
  const { ca, key, cert } = testCertificate();
  let server: Server;
  let origin = '';
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const routes = new Map<string, Handler>([
    ['/cat.png', image('image/png', PNG)],
    ['/photo', image('image/png; charset=binary', JPEG)],
    ['/page.html', image('text/html; charset=utf-8', HTML)],
    ['/fake.png', image('image/png', HTML)],
    ['/untyped', (_req, res) => res.end(PNG)],
    ['/gzipped.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip' }).end(PNG)],
    ['/missing.png', (_req, res) => res.writeHead(404, 'Not Found', { 'content-type': 'text/html' }).end(HTML)],
    ['/relative', redirect(302, 'cat.png')],
    ['/to-http', redirect(301, '/cat.png')], // replaced in before() once the port is known
    ['/to-private', redirect(307, 'https://10.0.0.1/cat.png')],
    ['/to-metadata', redirect(308, 'https://[::ffff:169.254.169.254]/latest/meta-data')],
    ['/to-file', redirect(302, 'file:///etc/passwd')],
    ['/nowhere', redirect(302, '')],
    ['/declared-too-big', endless('declared-too-big', 1_000_000)],
    ['/endless', endless('endless')],
    ['/hang', () => undefined],
    ['/stall', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).write(PNG.subarray(0, 16))],
  ]);
  for (let n = 1; n <= 4; n++) routes.set(`/redirect/${n}`, redirect([301, 302, 303, 307, 308][n], n === 1 ? '/cat.png' : `/redirect/${n - 1}`));

  const options = (extra: Partial<WebImageOptions> = {}): WebImageOptions => ({ maxBytes: LIMIT, allowLoopback: true, ca, ...extra });
  /** The refusal's reason, or fails when the fetch does not throw a WebImageRefusal. */
  async function refusal(url: string, extra: Partial<WebImageOptions> = {}): Promise<string> {
    try {
      await fetchWebImage(url, options(extra));
    } catch (err) {
      if (err instanceof WebImageRefusal) return err.reason;
      throw err;
    }
    assert.fail(`${url} was fetched`);
  }

  before(async () => {
    server = createServer({ key, cert }, (req, res) => {
      requests.push(req.url ?? '');
      (routes.get(req.url ?? '') ?? ((_q: IncomingMessage, r: ServerResponse) => r.writeHead(404).end()))(req, res);
    });
    server.on('secureConnection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    routes.set('/to-http', redirect(301, `http://127.0.0.1:${(server.address() as AddressInfo).port}/cat.png`));
  });
  beforeEach(() => (requests.length = 0));
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches a PNG: the exact bytes, the type the bytes show, the final address; plain headers, no credentials', async () => {
    const fetched = await fetchWebImage(`${origin}/cat.png`, options());
    assert.deepEqual(fetched.data, PNG);
    assert.deepEqual({ mediaType: fetched.mediaType, bytes: fetched.bytes, url: fetched.url }, { mediaType: 'image/png', bytes: PNG.length, url: `${origin}/cat.png` });
    const photo = await fetchWebImage(`${origin}/photo`, options());
    assert.equal(photo.mediaType, 'image/jpeg', 'the bytes decide, not the Content-Type');
  });

  it('sends only Accept, User-Agent and Host: no cookies, no authorization', async () => {
    let seen: Record<string, string> = {};
    routes.set('/seen', (req, res) => {
      seen = req.headers as Record<string, string>;
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    await fetchWebImage(`${origin}/seen`, options());
    assert.equal(seen.accept, 'image/png,image/jpeg,image/gif,image/webp');
    assert.equal(seen['user-agent'], 'ClaudeChat-VSCode');
    assert.equal(seen.host, origin.slice('https://'.length));
    assert.equal(seen.cookie, undefined);
    assert.equal(seen.authorization, undefined);
  });

  it('follows up to three redirects (relative ones too) and refuses the fourth', async () => {
    assert.equal((await fetchWebImage(`${origin}/redirect/3`, options())).url, `${origin}/cat.png`);
    assert.equal((await fetchWebImage(`${origin}/relative`, options())).url, `${origin}/cat.png`);
    assert.deepEqual(requests, ['/redirect/3', '/redirect/2', '/redirect/1', '/cat.png', '/relative', '/cat.png']);
    requests.length = 0;
    assert.match(await refusal(`${origin}/redirect/4`), /redirected more than 3 times/);
    assert.deepEqual(requests, ['/redirect/4', '/redirect/3', '/redirect/2', '/redirect/1'], 'the fourth redirect is not followed');
  });

  it('checks every redirect like the first address: no http, no file, no private network', async () => {
    assert.match(await refusal(`${origin}/to-http`), /Only https:\/\/ .* unencrypted/);
    assert.match(await refusal(`${origin}/to-file`), /files from this machine/);
    assert.match(await refusal(`${origin}/to-private`), /10\.0\.0\.1 is on a private network \(10\.0\.0\.1\).*cannot make Claude Chat read from your network/);
    assert.match(await refusal(`${origin}/to-metadata`), /private network \(::ffff:a9fe:a9fe\)/);
    assert.match(await refusal(`${origin}/nowhere`), /redirected without saying where to/);
    assert.deepEqual(requests, ['/to-http', '/to-file', '/to-private', '/to-metadata', '/nowhere'], 'nothing fetched after a refused redirect');
  });

  it('refuses this computer without allowLoopback, even with the CA trusted and through real DNS for localhost', async () => {
    assert.match(await refusal(`${origin}/cat.png`, { allowLoopback: false }), /127\.0\.0\.1 is this computer \(127\.0\.0\.1\); only public web addresses/);
    assert.match(await refusal(`https://localhost:${new URL(origin).port}/cat.png`, { allowLoopback: undefined }), /localhost is this computer/);
    assert.match(await refusal('https://[::1]/cat.png', { allowLoopback: false }), /this computer \(::1\)/);
    assert.deepEqual(requests, []);
  });

  it('connects to the address it checked, and verifies the certificate against the host name', async () => {
    const asked: string[] = [];
    const resolveHost = async (name: string): Promise<LookupAddress[]> => {
      asked.push(name);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const fetched = await fetchWebImage(`https://localhost:${new URL(origin).port}/redirect/1`, options({ resolveHost }));
    assert.equal(fetched.bytes, PNG.length);
    assert.deepEqual(asked, ['localhost', 'localhost'], 'one lookup per hop; the connection itself asks no one');
    const elsewhere = async (): Promise<LookupAddress[]> => [{ address: '127.0.0.1', family: 4 }];
    assert.match(await refusal(`https://images.example:${new URL(origin).port}/cat.png`, { resolveHost: elsewhere }), /could not be verified as secure \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
    assert.match(await refusal(`${origin}/cat.png`, { ca: undefined }), /127\.0\.0\.1 could not be verified as secure \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/, 'TLS is verified: the CA is needed');
  });

  it('uses a connection only when its peer is an address that was checked (not a proxy an editor put in between)', () => {
    const checked: LookupAddress[] = [{ address: '127.0.0.1', family: 4 }, { address: '2606:4700::1', family: 6 }];
    assert.equal(isCheckedPeer('127.0.0.1', checked), true);
    assert.equal(isCheckedPeer('::ffff:127.0.0.1', checked), true, 'the same address, IPv4-mapped');
    assert.equal(isCheckedPeer('2606:4700:0:0::1', checked), true);
    assert.equal(isCheckedPeer('10.0.0.8', checked), false, 'a proxy');
    assert.equal(isCheckedPeer('127.0.0.2', checked), false);
    assert.equal(isCheckedPeer(undefined, checked), false, 'a socket already gone');
  });

  it('refuses a host name when any of its addresses is private', async () => {
    const mixed = async (): Promise<LookupAddress[]> => [{ address: '93.184.216.34', family: 4 }, { address: '10.1.2.3', family: 4 }];
    assert.match(await refusal('https://images.example/cat.png', { resolveHost: mixed }), /images\.example is on a private network \(10\.1\.2\.3\)/);
    const v6 = async (): Promise<LookupAddress[]> => [{ address: 'fd00::5', family: 6 }];
    assert.match(await refusal('https://images.example/cat.png', { resolveHost: v6, allowLoopback: false }), /private network \(fd00::5\)/);
    const unknown = async (): Promise<LookupAddress[]> => Promise.reject(Object.assign(new Error('no such host'), { code: 'ENOTFOUND' }));
    assert.match(await refusal('https://images.example/cat.png', { resolveHost: unknown }), /images\.example could not be found \(ENOTFOUND\)/);
  });

  it('refuses private IPv4 and IPv6 literals, however they are written', async () => {
    for (const [url, address] of [
      ['https://10.0.0.1/a.png', '10.0.0.1'], ['https://169.254.169.254/latest/meta-data', '169.254.169.254'], ['https://192.168.1.1/a.png', '192.168.1.1'],
      ['https://[fd00::1]/a.png', 'fd00::1'], ['https://[fe80::1]/a.png', 'fe80::1'], ['https://[::ffff:10.0.0.1]/a.png', '::ffff:a00:1'],
      ['https://0xa.1/a.png', '10.0.0.1'], ['https://167772161/a.png', '10.0.0.1'],
    ]) {
      assert.match(await refusal(url), new RegExp(`private network \\(${address.replace(/\./g, '\\.')}\\)`), url);
    }
    assert.match(await refusal('https://0x7f.1/a.png', { allowLoopback: false }), /this computer \(127\.0\.0\.1\)/);
  });

  it('refuses every address that is not https, saying why', async () => {
    assert.match(await refusal('http://example.com/cat.png'), /Only https:\/\/ image addresses can be attached: example\.com\/cat\.png would be fetched unencrypted/);
    assert.match(await refusal('file:///home/me/secret.png'), /file: addresses are not fetched: they would give Claude files from this machine/);
    assert.match(await refusal('data:image/png;base64,iVBORw0KGgo='), /data: addresses only have meaning inside the page/);
    assert.match(await refusal('blob:https://example.com/1234'), /blob: addresses only have meaning inside the page/);
    assert.match(await refusal('javascript:alert(1)'), /scripts, not images; they are never run or fetched/);
    assert.match(await refusal('ftp://example.com/cat.png'), /ftp: addresses are not fetched/);
    assert.match(await refusal('not a url'), /not a web address/);
    const credentials = await refusal('https://me:hunter2@example.com/cat.png');
    assert.match(credentials, /example\.com contains a user name or password/);
    assert.doesNotMatch(credentials, /hunter2/, 'the password is not repeated');
  });

  it('refuses what is not an image of the four types: by Content-Type, by encoding, and by its bytes', async () => {
    assert.match(await refusal(`${origin}/page.html`), /page\.html is text\/html, not an image Claude reads/);
    assert.match(await refusal(`${origin}/untyped`), /no Content-Type/);
    assert.match(await refusal(`${origin}/gzipped.png`), /came compressed \(gzip\)/);
    assert.match(await refusal(`${origin}/fake.png`), /fake\.png was sent as image\/png, but its bytes are not a PNG, JPEG, GIF or WebP image/);
    assert.match(await refusal(`${origin}/missing.png`), /missing\.png answered with status 404 Not Found instead of the image/);
  });

  it('refuses a declared Content-Length over the limit before reading the body, and hangs up', async () => {
    assert.match(await refusal(`${origin}/declared-too-big`), /The image at .*declared-too-big is 976\.6 kB; at most 9\.8 kB is fetched/i);
    const record = await eventually(() => (streamed.get('declared-too-big')?.closed ? streamed.get('declared-too-big') : undefined), 'the server to see the client hang up');
    assert.ok(record.written < 1_000_000, `the whole body was not streamed (${record.written} bytes written)`);
  });

  it('stops a body without a length as soon as it passes the limit', async () => {
    assert.match(await refusal(`${origin}/endless`), /larger than 9\.8 kB, so the download was stopped/i);
    const record = await eventually(() => (streamed.get('endless')?.closed ? streamed.get('endless') : undefined), 'the server to see the client hang up');
    assert.ok(record.written < 200_000, `stopped early (${record.written} bytes written)`);
  });

  it('gives up after the timeout, whether the server sends nothing or stalls mid-body', async () => {
    const started = Date.now();
    assert.match(await refusal(`${origin}/hang`, { timeoutMs: 300 }), /hang did not send the image within 0\.3 s/);
    assert.match(await refusal(`${origin}/stall`, { timeoutMs: 300 }), /stall did not send the image within 0\.3 s/);
    assert.ok(Date.now() - started < 3000, 'promptly');
  });

  it('ends at once when its signal aborts, with an AbortError', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(fetchWebImage(`${origin}/hang`, options({ signal: controller.signal })), (err: Error) => err.name === 'AbortError' && !(err instanceof WebImageRefusal));
    assert.ok(Date.now() - started < 2000, 'promptly');
    await assert.rejects(fetchWebImage(`${origin}/cat.png`, options({ signal: AbortSignal.abort() })), { name: 'AbortError' });
  });
});
