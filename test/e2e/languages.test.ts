// Claude Chat in Japanese, Russian, Chinese, Korean and Indonesian: VS Code runs in that display
// language (a language pack in the test profile), and the welcome, a reply with its usage, an
// error with its action, a review card and a command card read in it; controls are found by role
// and their translated names. At a 300 px side bar nothing is clipped or runs out of the view; the
// screenshots stay in test-results/.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { httpError, reply, text, textReply, toolUse } from '../fake-anthropic/scripts';
import { manifestText, translated, translatedPattern } from '../support/translations';
import { editorUse, editsWorkspace, removeEditsWorkspace } from './editing';
import { layoutProblems } from './layout';
import { ask, chatWorkbench, lastMessage, nameIn, newChat, openClaudeView, replyDone, runCommand, saveScreenshot, setSidebarWidth, until } from './workbench';

/** A cost as the locale writes dollars: $0.37 in Japanese, Chinese and Korean, $0,37 in Indonesian, 0,37 $ in Russian. */
const COST: Record<string, RegExp> = {
  ja: /\$\d+\.\d{2,4}/,
  'zh-cn': /\$\d+\.\d{2,4}/,
  'zh-tw': /\$\d+\.\d{2,4}/,
  ko: /\$\d+\.\d{2,4}/,
  ru: /\d+,\d{2,4}\s\$/,
  id: /\$\d+,\d{2,4}/,
};

// Japanese and Russian as the issue asks (CJK without spaces; long words, decimal commas), and the other four the same way.
for (const language of ['ja', 'ru', 'zh-cn', 'zh-tw', 'ko', 'id']) {
  describe(`Claude Chat in ${language} (e2e)`, function () {
    this.timeout(180_000);
    const w = chatWorkbench({ workspace: editsWorkspace, locale: language });
    after(() => removeEditsWorkspace(w.server?.workspace));
    let chat: Frame;
    const t = (english: string, ...args: Array<string | number>) => translated(language, english, ...args);
    const button = (scope: { getByRole: Frame['getByRole'] }, english: string) => scope.getByRole('button', { name: t(english), exact: true });

    before(async () => {
      chat = await openClaudeView(w.page, language);
      await setSidebarWidth(w.page, 300);
    });

    it('the welcome, the message box and the command titles read in the display language', async () => {
      await newChat(chat, language);
      assert.equal(await chat.evaluate(() => document.documentElement.lang), language, 'the webview knows the display language');
      const welcome = chat.getByRole('region', { name: t('Welcome') });
      await welcome.waitFor();
      assert.ok((await welcome.innerText()).includes(t('Explain what the open file does')), 'an example prompt in the display language');
      assert.equal(await chat.getByRole('textbox', { name: t('Message Claude') }).getAttribute('placeholder'), t('Ask Claude… (Shift+Enter: new line)'));
      assert.equal(await chat.getByRole('button', { name: t('Attach image') }).isVisible(), true);
      // The manifest's titles come from package.nls.<language>.json: the Command Palette finds the command by them.
      // From the workbench, not the chat's webview (which would take the focus back from the palette).
      await w.page.locator('.part.sidebar .composite.title').click();
      await runCommand(w.page, `${manifestText(language, 'command.category')}: ${manifestText(language, 'command.newChat.title')}`);
      await until(async () => (await chat.getByRole('article').count()) === 0, 'the new chat');
      await saveScreenshot(w.page, `language ${language} welcome 300px`);
      assert.deepEqual(await chat.evaluate(layoutProblems, t('Usage')), [], `the welcome at 300 px in ${language}`);
    });

    it('a reply shows its usage in the locale\'s numbers, named in the display language', async () => {
      await newChat(chat, language);
      w.fake.enqueue(textReply(['こんにちは / Привет.'], { inputTokens: 123_456, cacheReadTokens: 45_678 }));
      await ask(chat, 'Hello', language);
      await replyDone(chat, language);
      const usage = lastMessage(chat, 'Claude', language).getByRole('note', { name: t('Usage') });
      await usage.waitFor();
      const line = await usage.innerText();
      const full = (await usage.getAttribute('aria-description')) ?? '';
      assert.ok(full.includes(new Intl.NumberFormat(language).format(123_456)), `the tokens grouped as ${language} writes them: ${full}`);
      assert.match(line, COST[language], `the cost as ${language} writes it: ${line}`);
    });

    it('an error reads in the display language, with its action', async () => {
      await newChat(chat, language);
      w.fake.enqueue(httpError(401, 'authentication_error', 'invalid x-api-key'));
      const input = await ask(chat, 'Will this be lost?', language);
      const alert = chat.getByRole('alert');
      await alert.waitFor();
      const said = await alert.innerText();
      const rejected = ['Claude rejected the API key ({0}). Set a valid key to continue.', 'The endpoint rejected the API key ({0}). Set a valid key to continue.'];
      assert.ok(rejected.some((english) => translatedPattern(language, english, false).test(said)), `the alert in ${language}: ${said}`);
      assert.equal(await button(alert, 'Set API Key').isVisible(), true);
      await until(async () => (await input.inputValue()) === 'Will this be lost?', 'the text back in the message box');
      await input.fill('');
    });

    it('a review card and a command card read in the display language, and fit 300 px', async () => {
      await newChat(chat, language);
      w.fake.enqueue(
        reply([text('…'), editorUse('toolu_edit', { command: 'str_replace', path: 'src/greet.ts', old_str: 'Hello', new_str: 'Howdy' })]),
        reply([toolUse('toolu_ls', 'bash', { command: 'echo привет-こんにちは' })]),
        textReply(['OK.']),
      );
      await ask(chat, 'Edit and run', language);
      const card = lastMessage(chat, 'Claude', language).getByRole('group', { name: translatedPattern(language, 'Proposed edit: {0} (+{1} −{2})') });
      await card.waitFor();
      assert.equal(await card.getAttribute('aria-label'), t('Proposed edit: {0} (+{1} −{2})', 'src/greet.ts', 1, 1));
      for (const name of ['Accept', 'Reject', 'Show diff']) assert.equal(await button(card, name).isVisible(), true, `${name} in ${language}`);
      await saveScreenshot(w.page, `language ${language} review card 300px`);
      assert.deepEqual(await chat.evaluate(layoutProblems, t('Usage')), [], `the review card at 300 px in ${language}`);
      await button(card, 'Reject').click();
      await until(async () => (await card.innerText()).includes(t('Rejected')), 'the card to say Rejected');

      const command = lastMessage(chat, 'Claude', language).getByRole('group', { name: t('Run command: {0}', 'echo привет-こんにちは') });
      await command.waitFor();
      for (const name of ['Run', 'Skip']) assert.equal(await button(command, name).isVisible(), true, `${name} in ${language}`);
      await saveScreenshot(w.page, `language ${language} command card 300px`);
      assert.deepEqual(await chat.evaluate(layoutProblems, t('Usage')), [], `the command card at 300 px in ${language}`);
      await button(command, 'Run').click();
      await replyDone(chat, language);
      await until(async () => (await command.innerText()).includes(t('Exit code {0}', '0')), 'the exit code on the card');
      assert.match(await command.innerText(), /привет-こんにちは/, 'the output shows as the shell wrote it');
      await lastMessage(chat, 'Claude', language).hover();
      await saveScreenshot(w.page, `language ${language} reply 300px`);
      assert.deepEqual(await chat.evaluate(layoutProblems, t('Usage')), [], `the finished reply at 300 px in ${language}`);
      assert.equal(nameIn(language, 'Claude'), t('Claude'));
    });
  });
}
