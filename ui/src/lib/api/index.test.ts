import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import * as api from './index';
import type { Issue, IssueSummary, NewsroomInfo, SaveOutcome } from './bindings';

const info: NewsroomInfo = {
  path: '/tmp/newsroom.sqlite',
  publication: { name: 'Newsflash', tagline: 'Stay updated!', language: 'en', cadenceDays: 14, webBaseUrl: '', unsubscribeUrl: '{{ unsubscribe_url }}', senderName: '', senderEmail: '', utmSource: '', utmMedium: '', utmCampaign: '', accentColour: '#8a3324' },
  nextIssueNumber: 3, assetsDir: '/tmp/newsroom-assets', templatesDir: '/tmp/newsroom-templates',
  nextIssueDate: '2022-02-17',
};

const issue: Issue = {
  number: 2,
  date: '2022-02-03',
  title: 'Second',
  preheader: 'More',
  status: 'draft',
  body: '# Second\n',
  updatedAt: '2022-02-01T10:00:00Z',
  version: 4,
};

const summaries: IssueSummary[] = [
  { number: 2, date: '2022-02-03', title: 'Second', status: 'draft', slug: '002-second', version: 4, updatedAt: '2022-02-01T10:00:00Z' },
];

const saved: SaveOutcome = { outcome: 'saved', number: 2, version: 5, savedAt: '2022-02-01T10:05:00Z' };

/** Records every call and answers from `answers`. */
function recordIpc(answers: Record<string, unknown>) {
  const calls: Array<{ cmd: string; args: unknown }> = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (!(cmd in answers)) throw `command ${cmd} not found`;
    return answers[cmd];
  });
  return calls;
}

describe('commands', () => {
  it('newsroomInfo calls newsroom_info without arguments', async () => {
    const calls = recordIpc({ newsroom_info: info });
    await expect(api.tauriBackend.newsroomInfo()).resolves.toEqual(info);
    expect(calls).toEqual([{ cmd: 'newsroom_info', args: {} }]);
  });

  it('listIssues calls list_issues', async () => {
    const calls = recordIpc({ list_issues: summaries });
    await expect(api.tauriBackend.listIssues()).resolves.toEqual(summaries);
    expect(calls).toEqual([{ cmd: 'list_issues', args: {} }]);
  });

  it('getIssue passes the number', async () => {
    const calls = recordIpc({ get_issue: issue });
    await expect(api.tauriBackend.getIssue(2)).resolves.toEqual(issue);
    expect(calls).toEqual([{ cmd: 'get_issue', args: { number: 2 } }]);
  });

  it('saveIssueText passes number, the version the text started from, and the text', async () => {
    const calls = recordIpc({ save_issue_text: saved });
    await expect(api.tauriBackend.saveIssueText(2, 4, '# New\n')).resolves.toEqual(saved);
    expect(calls).toEqual([
      { cmd: 'save_issue_text', args: { number: 2, baseVersion: 4, body: '# New\n' } },
    ]);
  });

  it('previewIssue renders the unsaved text in the format asked', async () => {
    const calls = recordIpc({ render_issue: '<!doctype html><p>hi</p>' });
    await expect(api.tauriBackend.renderIssue(2, 'email', 'hi')).resolves.toBe('<!doctype html><p>hi</p>');
    expect(calls).toEqual([
      { cmd: 'render_issue', args: { number: 2, bodyText: 'hi', format: 'email' } },
    ]);
  });

  it('every command of the bindings is in the backend, rejecting with ApiError', async () => {
    mockIPC(() => {
      throw { code: 'not_found', message: 'Gone.', subject: 'hrw' };
    });
    const error = await api.tauriBackend.getSource('hrw').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toMatchObject({ code: 'not_found', subject: 'hrw' });
  });
});

describe('importSourcesCsv', () => {
  it('passes a channel whose messages reach the progress callback', async () => {
    mockIPC((cmd, args) => {
      if (cmd !== 'import_sources_csv') throw `command ${cmd} not found`;
      const { path, onProgress } = args as { path: string; onProgress: { onmessage: (p: unknown) => void } };
      expect(path).toBe('/tmp/sources.csv');
      onProgress.onmessage({ done: 2000, total: 5000 });
      onProgress.onmessage({ done: 5000, total: 5000 });
      return { added: 5000, updated: 0, unchanged: 0 };
    });
    const seen: unknown[] = [];
    await expect(api.tauriBackend.importSourcesCsv('/tmp/sources.csv', (p) => seen.push(p))).resolves.toEqual({
      added: 5000,
      updated: 0,
      unchanged: 0,
    });
    expect(seen).toEqual([
      { done: 2000, total: 5000 },
      { done: 5000, total: 5000 },
    ]);
  });
});

describe('errors', () => {
  it('turns an ErrorReport into an ApiError with its code and message', async () => {
    mockIPC(() => {
      throw { code: 'not_found', message: 'There is no issue #9.' };
    });
    const error = await api.tauriBackend.getIssue(9).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'not_found', message: 'There is no issue #9.' });
  });

  it.each([
    ['newsroomInfo', () => api.tauriBackend.newsroomInfo()],
    ['listIssues', () => api.tauriBackend.listIssues()],
    ['saveIssueText', () => api.tauriBackend.saveIssueText(1, 1, 'x')],
    ['previewIssue', () => api.tauriBackend.renderIssue(1, 'web', 'x')],
  ])('%s rejects with ApiError', async (_name, run) => {
    mockIPC(() => {
      throw { code: 'newsroom_busy', message: 'Another window is writing.', subject: null };
    });
    await expect(run()).rejects.toMatchObject({
      name: 'ApiError',
      code: 'newsroom_busy',
      message: 'Another window is writing.',
    });
  });

  it('turns a plain string (Tauri’s own failure) into code internal', async () => {
    mockIPC(() => {
      throw 'invalid args `number` for command `get_issue`';
    });
    await expect(api.tauriBackend.getIssue(1)).rejects.toMatchObject({
      code: 'internal',
      message: 'invalid args `number` for command `get_issue`',
    });
  });

  it('maps an unknown code to internal but keeps the sentence', async () => {
    mockIPC(() => {
      throw { code: 'from_the_future', message: 'Upgrade the app.' };
    });
    await expect(api.tauriBackend.listIssues()).rejects.toMatchObject({
      code: 'internal',
      message: 'Upgrade the app.',
    });
  });

  it('turns anything else into code internal', async () => {
    mockIPC(() => {
      throw 42;
    });
    const error = await api.tauriBackend.listIssues().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error).toMatchObject({ code: 'internal' });
  });
});

describe('openExternal', () => {
  it.each(['https://example.org/a?b=c', 'http://example.org', 'mailto:desk@example.org'])(
    'opens %s with the opener plugin',
    async (url) => {
      const calls = recordIpc({ 'plugin:opener|open_url': null });
      await api.tauriBackend.openExternal(url);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.cmd).toBe('plugin:opener|open_url');
      expect(calls[0]!.args).toMatchObject({ url });
    },
  );

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'about:blank', 'not a url', 'tauri://x'])(
    'refuses %s without calling Rust',
    async (url) => {
      const calls = recordIpc({ 'plugin:opener|open_url': null });
      await expect(api.tauriBackend.openExternal(url)).rejects.toMatchObject({
        name: 'ApiError',
        code: 'invalid_input',
      });
      expect(calls).toEqual([]);
    },
  );

  it('turns an opener failure into ApiError', async () => {
    mockIPC(() => {
      throw 'opener.open_url not allowed';
    });
    await expect(api.tauriBackend.openExternal('https://example.org')).rejects.toMatchObject({
      code: 'internal',
    });
  });
});

describe('onCloseRequested', () => {
  async function requestClose() {
    const { emit } = await import('@tauri-apps/api/event');
    await emit('tauri://close-requested');
    // The listener runs the handler and then destroys the window, asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  function mockWindowIpc() {
    mockWindows('main');
    const destroyed = vi.fn();
    mockIPC(
      (cmd) => {
        if (cmd === 'plugin:window|destroy') destroyed();
        return null;
      },
      { shouldMockEvents: true },
    );
    return destroyed;
  }

  it('runs the handler, then lets the window close', async () => {
    const destroyed = mockWindowIpc();
    const order: string[] = [];
    await api.tauriBackend.onCloseRequested(async () => {
      order.push('handler');
      await Promise.resolve();
      order.push('flushed');
    });
    await requestClose();
    expect(order).toEqual(['handler', 'flushed']);
    expect(destroyed).toHaveBeenCalledTimes(1);
  });

  it('keeps the window open when the handler rejects', async () => {
    const destroyed = mockWindowIpc();
    await api.tauriBackend.onCloseRequested(async () => {
      throw new Error('not saved');
    });
    await requestClose();
    expect(destroyed).not.toHaveBeenCalled();
  });

  it('returns a function that removes the handler', async () => {
    mockWindowIpc();
    const handler = vi.fn(async () => {});
    const unlisten = await api.tauriBackend.onCloseRequested(handler);
    unlisten();
    await requestClose();
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects with ApiError outside a Tauri window', async () => {
    await expect(api.tauriBackend.onCloseRequested(async () => {})).rejects.toBeInstanceOf(api.ApiError);
  });
});
