/**
 * A deleted chat's uploads go with it: each file it uploaded to the endpoint in use is deleted there,
 * best effort and in the background. What this leaves (a failure, another endpoint's files) expires
 * there 30 days after its upload (see clientFactory).
 */
import { uploadsOf } from '../core/context/sources';
import type { Conversation } from '../core/conversation/turns';
import type { ChatBackend } from '../core/engine/replyStream';

/** How many uploads were asked to be deleted. */
export async function deleteUploads(conversation: Conversation, backend: () => Promise<ChatBackend | undefined>): Promise<number> {
  const uploads = uploadsOf(conversation.turns);
  if (!uploads.length) return 0;
  const api = await backend().catch(() => undefined);
  const files = api?.files;
  if (!files || !api.endpoint) return 0;
  const here = uploads.filter((u) => u.endpoint === api.endpoint);
  await Promise.all(here.map((u) => files.delete(u.fileId)));
  return here.length;
}
