/** The Select Model quick pick: the listed models, plus whatever model id the person types. */
import * as vscode from 'vscode';
import { formatCompact, formatCost } from '../core/l10n/format';
import { customModelId } from '../core/models/modelId';
import { modelMark, type ModelInfo } from '../core/models/models';

interface ModelItem extends vscode.QuickPickItem {
  readonly id: string;
}

/** The context window, and the prices in dollars per million tokens when known. */
function modelDetail(model: ModelInfo): string {
  const context = formatCompact(model.contextWindow);
  if (model.inputPrice === undefined) return vscode.l10n.t({ message: '{0} context', args: [context], comment: ['{0} is a number of tokens, such as 200K'] });
  return vscode.l10n.t({
    message: '{0} context · {1} / {2} per million tokens in / out',
    args: [context, formatCost(model.inputPrice), formatCost(model.outputPrice)],
    comment: ['{0} is a number of tokens (200K); {1} and {2} are prices in dollars for a million input and output tokens'],
  });
}

function listedItem(model: ModelInfo, current: string): ModelItem {
  return {
    label: `${model.label}${modelMark(model)}`,
    description: model.id === current ? vscode.l10n.t({ message: '{0} · current', args: [model.id], comment: ['{0} is the id of the model in use'] }) : model.id,
    detail: modelDetail(model),
    id: model.id,
  };
}

/**
 * The typed id as a row of its own. Its label does not repeat the typed text: the quick pick ranks
 * rows whose label matches first, so typing "opus" still lands on a listed Opus model, while an id
 * no listed model matches gets this row first.
 */
const typedItem = (id: string): ModelItem => ({
  label: vscode.l10n.t('Use this model id'),
  description: id,
  detail: vscode.l10n.t('Not in the list: for gateways and proxies with their own model ids'),
  alwaysShow: true,
  id,
});

/**
 * Shows the picker at once and fills it when `models` resolves (the list may come from the API).
 * Resolves with the picked id, or undefined when dismissed.
 */
export function pickModel(models: Promise<readonly ModelInfo[]>, current: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = vscode.l10n.t('Claude: Select Model');
  pick.placeholder = vscode.l10n.t({ message: '{0} (or type a model id)', args: [current], comment: ['{0} is the id of the model in use'] });
  pick.matchOnDescription = true;
  pick.busy = true;
  let listed: readonly ModelItem[] = [];
  const refresh = () => {
    const typed = customModelId(pick.value, listed.map((item) => item.id));
    pick.items = typed ? [typedItem(typed), ...listed] : listed;
  };
  return new Promise<string | undefined>((resolve) => {
    const subscriptions = [
      pick.onDidChangeValue(refresh),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (!chosen) return;
        resolve(chosen.id);
        pick.hide();
      }),
      pick.onDidHide(() => {
        resolve(undefined);
        for (const s of subscriptions) s.dispose();
        pick.dispose();
      }),
    ];
    void models
      .catch(() => [] as readonly ModelInfo[])
      .then((list) => {
        listed = list.map((m) => listedItem(m, current));
        pick.busy = false;
        refresh();
      });
    pick.show();
  });
}
