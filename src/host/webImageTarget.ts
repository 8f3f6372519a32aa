/**
 * Where an image from a web page may be fetched from: an https:// address without credentials
 * whose host resolves only to public internet addresses. The addresses checked here are the ones
 * connected to (see webImageFetch.ts), so a name cannot resolve to something else in between.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import * as l10n from '@vscode/l10n';
import { isLoopbackAddress, isPublicAddress } from '../core/context/publicAddress';

/** A fetch that was not made or not finished; `reason` says why, for the person (translated). */
export class WebImageRefusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WebImageRefusal';
  }
}

/** Resolves a host name to all its addresses (dns.lookup with `all: true`); injectable for tests. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const resolveWithDns: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** An address as the person reads it in a reason: no credentials, no query, not endless. */
export function shownAddress(url: URL): string {
  const path = url.pathname === '/' ? '' : url.pathname;
  const text = `${url.host}${path}`;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Text from a page, fit for a one-line reason. */
function shownText(text: string): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
}

/** The address as a URL when it may be fetched by its form (https, no credentials); else throws a WebImageRefusal. */
export function checkWebImageUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new WebImageRefusal(l10n.t('{0} is not a web address, so there is no image to fetch.', shownText(text)));
  }
  switch (url.protocol) {
    case 'https:':
      break;
    case 'http:':
      throw new WebImageRefusal(
        l10n.t('Only https:// image addresses can be attached: {0} would be fetched unencrypted, so anyone on the network could see or change the image.', shownAddress(url)),
      );
    case 'file:':
      throw new WebImageRefusal(
        l10n.t('file: addresses are not fetched: they would give Claude files from this machine. To send an image file, use Attach image or drop the file itself.'),
      );
    case 'data:':
    case 'blob:':
      throw new WebImageRefusal(
        l10n.t('{0} addresses only have meaning inside the page they come from, and only https:// addresses are fetched. Copy the image itself, or save it and attach the file.', url.protocol),
      );
    case 'javascript:':
      throw new WebImageRefusal(l10n.t('javascript: addresses are scripts, not images; they are never run or fetched.'));
    default:
      throw new WebImageRefusal(l10n.t('Only https:// image addresses can be attached; {0} addresses are not fetched.', url.protocol));
  }
  if (url.username || url.password) {
    throw new WebImageRefusal(
      l10n.t('The address of the image on {0} contains a user name or password. Addresses with credentials are not fetched, so they are neither sent anywhere nor kept with the chat.', url.host),
    );
  }
  return url;
}

/** Why the extension will not connect to `address`, or undefined when it may. */
function addressProblem(host: string, address: string, allowLoopback: boolean): string | undefined {
  if (isLoopbackAddress(address)) {
    if (allowLoopback) return undefined;
    return l10n.t('{0} is this computer ({1}); only public web addresses are fetched, so a web page cannot make Claude Chat read from this computer.', host, address);
  }
  if (isPublicAddress(address)) return undefined;
  return l10n.t('{0} is on a private network ({1}); only public web addresses are fetched, so a web page cannot make Claude Chat read from your network.', host, address);
}

/**
 * The addresses to connect to for `url`: an IP-literal host as it is, else every address the name
 * resolves to. Throws a WebImageRefusal when the name cannot be resolved or when any address is not
 * public (loopback passes only with `allowLoopback`: the extension's own tests).
 */
export async function publicAddressesOf(url: URL, allowLoopback: boolean, resolve: ResolveHost = resolveWithDns): Promise<LookupAddress[]> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const family = isIP(host);
  let addresses: LookupAddress[];
  if (family) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new WebImageRefusal(l10n.t('{0} could not be found ({1}), so the image was not fetched.', url.hostname, typeof code === 'string' ? code : String(err)));
    }
    if (!addresses.length) throw new WebImageRefusal(l10n.t('{0} could not be found (it has no address), so the image was not fetched.', url.hostname));
  }
  for (const { address } of addresses) {
    const problem = addressProblem(url.hostname, address, allowLoopback);
    if (problem) throw new WebImageRefusal(problem);
  }
  return addresses;
}
