// The editor's commands, in one list that the menu bar, the palette, the context menu
// and the keyboard all run: a command is written once, with its label and keys.

/** Whether this is a Mac, where Mod is ⌘ rather than Ctrl. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export type CommandSource = 'menu' | 'keys' | 'palette' | 'context';

export interface AppCommand {
  /** The id the menu bar sends (see src-tauri/desktop/src/menu.rs). */
  id: string;
  label: string;
  /** Its keys, CodeMirror style ("Mod-Shift-p": Mod is ⌘ on a Mac, else Ctrl). */
  keys?: string[];
  run: () => void;
  /** Whether it can run now (an issue is open…); always when left out. */
  enabled?: () => boolean;
}

/** `keys` ("Mod-Shift-p") as the platform writes shortcuts: "Ctrl+Shift+P", "⌘⇧P". */
export function shortcutLabel(keys: string, mac = IS_MAC): string {
  const parts = keys.split('-');
  const key = parts.pop() ?? '';
  const names: Record<string, [string, string]> = {
    Mod: ['Ctrl', '⌘'],
    Ctrl: ['Ctrl', '⌃'],
    Shift: ['Shift', '⇧'],
    Alt: ['Alt', '⌥'],
  };
  const modifiers = parts.map((part) => names[part]?.[mac ? 1 : 0] ?? part);
  const shown = key === '\\' ? '\\' : key.length === 1 ? key.toUpperCase() : key;
  return mac ? [...modifiers, shown].join('') : [...modifiers, shown].join('+');
}

/** Whether `event` is the key combination `keys` ("Mod-Shift-p"). */
export function matchesKeys(event: KeyboardEvent, keys: string, mac = IS_MAC): boolean {
  const parts = keys.split('-');
  const key = parts.pop() ?? '';
  const wants = new Set(parts);
  const mod = mac ? event.metaKey : event.ctrlKey;
  if (wants.has('Mod') !== mod) return false;
  if (!wants.has('Mod') && (event.ctrlKey || event.metaKey)) return false;
  if (wants.has('Shift') !== event.shiftKey || wants.has('Alt') !== event.altKey) return false;
  // With Shift, event.key is the shifted character ("@" for 2): compare the key's code too.
  const pressed = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (pressed === key.toLowerCase()) return true;
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^[0-9]$/.test(key) ? `Digit${key}` : key === '\\' ? 'Backslash' : '';
  return code !== '' && event.code === code;
}

/** How much `label` matches `query`: every word of the query starts a word of it (or -1). */
export function matchScore(label: string, query: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 0;
  const text = label.toLowerCase();
  const starts = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let score = 0;
  for (const word of words) {
    if (starts.some((start) => start.startsWith(word))) score += 2;
    else if (text.includes(word)) score += 1;
    else return -1;
  }
  return score;
}

/** A command that arrives from two ways at once (a key the menu also caught) runs once. */
const TWICE_MS = 200;

export class CommandList {
  readonly #commands: AppCommand[];
  #last: { id: string; source: CommandSource; at: number } | null = null;

  constructor(commands: AppCommand[]) {
    this.#commands = commands;
  }

  get all(): readonly AppCommand[] {
    return this.#commands;
  }

  get(id: string): AppCommand | undefined {
    return this.#commands.find((command) => command.id === id);
  }

  /** Runs command `id`; false when there is none, it cannot run now, or it just ran. */
  run(id: string, source: CommandSource, now = performance.now()): boolean {
    const command = this.get(id);
    if (command === undefined || command.enabled?.() === false) return false;
    const last = this.#last;
    if (last !== null && last.id === id && last.source !== source && now - last.at < TWICE_MS) return false;
    this.#last = { id, source, at: now };
    command.run();
    return true;
  }

  /** Runs the command `event` is the keys of, if any; true when one ran. */
  handleKey(event: KeyboardEvent): boolean {
    if (event.defaultPrevented) return false;
    const command = this.#commands.find((c) => c.keys?.some((keys) => matchesKeys(event, keys)));
    if (command === undefined) return false;
    event.preventDefault();
    return this.run(command.id, 'keys');
  }

  /** The commands matching `query`, best first (all, in order, for an empty query). */
  search(query: string): AppCommand[] {
    return this.#commands
      .map((command, index) => ({ command, index, score: matchScore(command.label, query) }))
      .filter((entry) => entry.score >= 0)
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .map((entry) => entry.command);
  }
}
