/** Points the running extension at a fresh fake Anthropic server with a stored key, for one suite. */
import * as vscode from 'vscode';
import type { ClaudeChatApi } from '../../src/host/api';
import { FakeAnthropic } from '../fake-anthropic/server';

export interface FakeEndpoint {
  readonly api: ClaudeChatApi;
  readonly fake: FakeAnthropic;
}

/** Registers before/after hooks in the calling `describe`; the returned object is filled in by `before`. */
export function useFakeEndpoint(key: string): FakeEndpoint {
  const endpoint = {} as { api: ClaudeChatApi; fake: FakeAnthropic };
  before(async () => {
    endpoint.fake = await FakeAnthropic.start();
    endpoint.api = await vscode.extensions.getExtension<ClaudeChatApi>('claude-chat.claude-chat')!.activate();
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', endpoint.fake.url, vscode.ConfigurationTarget.Global);
    await endpoint.api.setApiKey!(key); // the command takes its key from the input box only
    await endpoint.api.session.newChat();
  });
  after(async () => {
    await vscode.commands.executeCommand('claudeChat.clearApiKey');
    await vscode.workspace.getConfiguration('claudeChat').update('baseURL', undefined, vscode.ConfigurationTarget.Global);
    await endpoint.fake?.close();
  });
  return endpoint;
}
