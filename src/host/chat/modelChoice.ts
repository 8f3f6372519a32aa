/** The model in use: the setting, or one just picked in the webview whose setting is still being written. */
import { readSettings, updateModelSetting } from '../settingsReader';
import type { Settings } from '../../core/settings/settings';

export class ModelChoice {
  private pending: string | undefined;

  /** The settings, with a model picked a moment ago already in them. */
  settings(): Settings {
    const current = readSettings();
    return this.pending ? { ...current, model: this.pending } : current;
  }

  get model(): string {
    return this.pending ?? readSettings().model;
  }

  /** Applies to a message sent right after, before the setting lands. */
  async pick(model: string): Promise<void> {
    this.pending = model;
    try {
      await updateModelSetting(model);
    } finally {
      if (this.pending === model) this.pending = undefined; // a later pick may still be on its way
    }
  }
}
