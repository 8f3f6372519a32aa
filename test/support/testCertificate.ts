/**
 * A throwaway certificate authority and a server certificate it signed for 127.0.0.1, ::1 and
 * localhost, so tests can serve real https on this machine and the client verifies TLS as it
 * always does (trusting this CA through its `ca` option). Made with the openssl CLI once per
 * process; the files are removed as soon as they are read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** The CA certificate to trust (PEM). */
  readonly ca: string;
  /** The server's private key (PEM). */
  readonly key: string;
  /** The server's certificate, signed by the CA (PEM). */
  readonly cert: string;
}

let made: TestCertificate | undefined;

export function testCertificate(): TestCertificate {
  made ??= makeCertificate();
  return made;
}

function makeCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'claude-chat-cert-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl('req', '-x509', ...key, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=Claude Chat test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    openssl('req', '-new', ...key, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost');
    writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
    openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2',
      '-extfile', file('server.ext'), '-out', file('server.pem'));
    return { ca: readFileSync(file('ca.pem'), 'utf8'), key: readFileSync(file('server.key'), 'utf8'), cert: readFileSync(file('server.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
