/** The Select Model quick pick: the listed models, plus whatever model id the person types. */
import * as vscode from 'vscode';
import { customModelId } from '../core/models/modelId';
import { modelMark, type ModelInfo } from '../core/models/models';

interface ModelItem extends vscode.QuickPickItem {
  readonly id: string;
}

function listedItem(model: ModelInfo, current: string): ModelItem {
  const prices = model.inputPrice !== undefined ? ` · $${model.inputPrice} / $${model.outputPrice} per million tokens in / out` : '';
  return {
    label: `${model.label}${modelMark(model)}`,
    description: model.id === current ? `${model.id} · current` : model.id,
    detail: `${Math.round(model.contextWindow / 1000)}K context${prices}`,
    id: model.id,
  };
}

/**
 * The typed id as a row of its own. Its label does not repeat the typed text: the quick pick ranks
 * rows whose label matches first, so typing "opus" still lands on a listed Opus model, while an id
 * no listed model matches gets this row first.
 */
const typedItem = (id: string): ModelItem => ({
  label: 'Use this model id',
  description: id,
  detail: 'Not in the list: for gateways and proxies with their own model ids',
  alwaysShow: true,
  id,
});

/**
 * Shows the picker at once and fills it when `models` resolves (the list may come from the API).
 * Resolves with the picked id, or undefined when dismissed.
 */
export function pickModel(models: Promise<readonly ModelInfo[]>, current: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = 'Claude: Select Model';
  pick.placeholder = `${current} (or type a model id)`;
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
