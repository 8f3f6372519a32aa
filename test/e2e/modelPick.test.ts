// Select Model from the Command Palette: a listed model, or a model id typed in (gateways name their own).
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { textReply } from '../fake-anthropic/scripts';
import { ask, chatWorkbench, openClaudeView, pickRow, replyDone, runCommand, until } from './workbench';

describe('Select Model quick pick (e2e)', function () {
  this.timeout(180_000);
  const w = chatWorkbench();
  let chat: Frame;
  before(async () => {
    chat = await openClaudeView(w.page);
  });

  const modelBox = () => chat.getByRole('combobox', { name: 'Model' });
  const quickInput = () => w.page.locator('.quick-input-widget input');
  const rowLabels = () => w.page.locator('.quick-input-list .monaco-list-row .quick-input-list-row:first-child .label-name').allInnerTexts();

  /** Opens the picker from the palette and waits until it lists the models (not the palette's own rows). */
  async function openModelPicker(): Promise<void> {
    await runCommand(w.page, 'Claude: Select Model');
    await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Claude: Select Model' }).waitFor();
    await until(async () => (await rowLabels()).some((label) => /^Claude (Opus|Sonnet|Haiku)/.test(label)), 'the listed models');
  }

  it('takes a model id that is not listed, and the next request uses it', async () => {
    await openModelPicker();
    await quickInput().pressSequentially('my-gateway-model-1');
    const typedRow = w.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Use this model id' });
    await until(async () => (await typedRow.locator('.label-description').innerText({ timeout: 1000 })) === 'my-gateway-model-1', 'the typed id row');
    assert.equal((await rowLabels())[0], 'Use this model id', 'the typed id comes first when no listed model matches');
    await pickRow(w.page, 'Use this model id');
    await until(async () => (await modelBox().inputValue()) === 'my-gateway-model-1', 'the Model combobox to show the typed id');

    w.fake.enqueue(textReply(['From the gateway model.']));
    await ask(chat, 'Which model answers?');
    await replyDone(chat);
    assert.equal(w.fake.messageRequests.at(-1)!.json.model, 'my-gateway-model-1');
  });

  it('typing part of a listed name still picks the listed model with Enter', async () => {
    await openModelPicker();
    await quickInput().pressSequentially('opus');
    const first = await until(async () => {
      const labels = await rowLabels();
      return labels.includes('Use this model id') ? labels[0] : undefined;
    }, 'the typed id row');
    assert.match(first, /^Claude Opus/);
    await quickInput().press('Enter');
    await until(async () => /^claude-opus-/.test(await modelBox().inputValue()), 'the Model combobox to show an Opus model');
  });

  it('does not offer a retired model, and marks a deprecated one with its retirement date', async () => {
    await openModelPicker();
    const labels = await rowLabels();
    assert.ok(!labels.some((label) => label.startsWith('Claude Sonnet 4.5')), `the retired model is offered: ${JSON.stringify(labels)}`);
    assert.ok(labels.includes('Claude Opus 4.5 · deprecated, retires Mar 1, 2027'), `the deprecated model is not marked: ${JSON.stringify(labels)}`);
    await w.page.keyboard.press('Escape');
  });

  it('a chat on a model that left the list says so, and Select Model marks it and offers the models still listed', async () => {
    await until(async () => (await modelBox().locator('option').allInnerTexts()).includes('Claude Opus 5.5'), 'the model list');
    await modelBox().selectOption('claude-opus-5-5');
    await until(async () => (await modelBox().inputValue()) === 'claude-opus-5-5', 'the setting to apply');
    w.fake.dropModel('claude-opus-5-5');
    await ask(chat, 'Are you still there?');
    const alert = chat.getByRole('alert').filter({ hasText: 'claude-opus-5-5' }).last();
    await alert.waitFor();
    assert.match(await alert.innerText(), /"claude-opus-5-5" was not found/);
    await alert.getByRole('button', { name: 'Select Model' }).click();
    await w.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Claude: Select Model' }).waitFor();
    await until(async () => (await rowLabels()).includes('Claude Sonnet 5.5'), 'the listed models');
    const labels = await rowLabels();
    assert.ok(labels.includes("Claude Opus 5.5 · not in the endpoint's list") && !labels.includes('Claude Opus 5.5'), `the model that left is not marked: ${JSON.stringify(labels)}`);
    await until(async () => /not in the list of models this endpoint offers/.test(await chat.getByRole('alert').last().innerText()), 'the note that the model left the list');
    await pickRow(w.page, 'Claude Sonnet 5.5');
    await until(async () => (await modelBox().inputValue()) === 'claude-sonnet-5-5', 'the Model combobox to show the new model');
  });
});
