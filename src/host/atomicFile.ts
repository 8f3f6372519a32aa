/** File writes that a crash or a concurrent writer cannot leave half done. */
import { randomBytes } from 'node:crypto';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { isMissing } from './readTextIfExists';

/**
 * Writes to a temporary file of its own, then renames it over the target: readers see the old
 * file or the new one, and two writers of the same target never share a temporary file.
 */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** False only when nothing is there: a failure to look is thrown, so that no caller writes over a file it could not see. */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

/** Renames a file that could not be read to `<name>.corrupt` (never over an earlier one); returns the new path. */
export async function moveAside(path: string): Promise<string> {
  let target = `${path}.corrupt`;
  if (await exists(target)) target = `${path}.${Date.now()}.corrupt`;
  await rename(path, target);
  return target;
}
