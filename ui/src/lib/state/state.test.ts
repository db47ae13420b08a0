import { describe, expect, it, vi } from 'vitest';
import { FakeBackend, fakeIssue, fakeSource } from '../testing/fakeBackend';
import { Newsroom } from './newsroom.svelte';
import { IssueSession } from './session.svelte';

async function desk(fake = new FakeBackend()) {
  const newsroom = new Newsroom(fake, await fake.newsroomInfo());
  const session = new IssueSession(fake, newsroom);
  return { fake, newsroom, session };
}

async function settled() {
  await vi.waitFor(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('Newsroom', () => {
  it('loads issues at once and the rest only when asked, and refreshes only what is loaded', async () => {
    const { fake, newsroom } = await desk();
    await newsroom.loadIssues();
    expect(newsroom.issues.map((issue) => issue.number)).toEqual([2, 1]);
    expect(newsroom.sources).toBeNull();
    await newsroom.loadSources();
    fake.sources.push(fakeSource('bbc', 'BBC'));
    fake.calls.length = 0;
    await newsroom.refresh();
    expect(newsroom.sources?.map((source) => source.key)).toEqual(['bbc', 'reuters']);
    expect(fake.callsOf('listPhotos')).toEqual([]);
  });

  it('makes the next issue from the cadence and updates the next due date', async () => {
    const { newsroom } = await desk();
    expect(newsroom.info.nextIssueNumber).toBe(3);
    const issue = await newsroom.createIssue('Floods');
    expect(issue).toMatchObject({ number: 3, title: 'Floods', status: 'draft', date: '2022-03-16' });
    expect(newsroom.issues[0]?.number).toBe(3);
    expect(newsroom.info.nextIssueNumber).toBe(4);
  });

  it('says in the banner why the list could not be loaded', async () => {
    const fake = new FakeBackend();
    fake.failNext('listIssues', 'storage', 'The disk is full.');
    const { newsroom } = await desk(fake);
    await newsroom.loadIssues();
    expect(newsroom.banner).toBe('The list of issues could not be loaded: The disk is full.');
  });

  it('keeps refused settings unchanged and takes accepted ones', async () => {
    const { newsroom } = await desk();
    await expect(newsroom.saveSettings({ ...newsroom.publication, accentColour: 'red' })).rejects.toMatchObject({
      code: 'invalid_setting',
      subject: 'accentColour',
    });
    expect(newsroom.publication.accentColour).toBe('#8a3324');
    await newsroom.saveSettings({ ...newsroom.publication, senderName: 'The Desk' });
    expect(newsroom.publication.senderName).toBe('The Desk');
  });
});

describe('IssueSession', () => {
  it('opens an issue, previews and checks it, and saves what is typed from its version', async () => {
    const { fake, session } = await desk();
    await session.open(2);
    expect(session.current?.number).toBe(2);
    await vi.waitFor(() => expect(session.previewHtml).toContain('Body of 2.'));
    await vi.waitFor(() => expect(session.findings?.map((f) => f.code)).toEqual(['missing-preheader']));
    session.change('# Story 2\n\nTK who said it.\n');
    await session.flushBeforeLeaving();
    expect(fake.callsOf('saveTypedText')).toEqual([[2, 1, '# Story 2\n\nTK who said it.\n', null]]);
    await vi.waitFor(() => expect(session.findings?.[0]?.code).toBe('placeholder-left'), { timeout: 2000 });
  });

  it('keeps a published issue read-only until it is corrected with a reason', async () => {
    const { fake, session } = await desk();
    await session.open(1);
    expect(session.readOnly).toBe(true);
    session.change('changed');
    await session.flushBeforeLeaving();
    expect(fake.callsOf('saveTypedText')).toEqual([]);
    await expect(session.setStatus('draft', null)).rejects.toMatchObject({ code: 'invalid_input' });
    await session.setStatus('draft', 'The death toll was wrong.');
    expect(session.readOnly).toBe(false);
    expect(fake.revisions[0]).toMatchObject({ reason: 'correction', note: 'The death toll was wrong.' });
  });

  it('saves details from the version the status change left, without a conflict', async () => {
    const { fake, session } = await desk();
    await session.open(2);
    await session.setStatus('in_review', null);
    await session.saveDetails({ date: '2022-03-02', title: 'Two storms', preheader: 'What happened' });
    expect(session.current).toMatchObject({ title: 'Two storms', preheader: 'What happened', status: 'in_review' });
    session.change('# Two storms\n\nMore.\n');
    await session.flushBeforeLeaving();
    expect(session.conflict).toBeNull();
    expect(fake.issues.get(2)?.body).toBe('# Two storms\n\nMore.\n');
  });

  it('refuses ready while the preflight finds errors, in one sentence', async () => {
    const fake = new FakeBackend({ issues: [fakeIssue(1, 'in_review', '# A\n\nSaid so. [@nope]\n')] });
    const { session } = await desk(fake);
    await session.open(1);
    await expect(session.setStatus('ready', null)).rejects.toMatchObject({
      code: 'preflight_failed',
      message: 'Issue #1 cannot be ready: the preflight found 1 error.',
    });
  });

  it('shows theirs and keeps hers when someone else saved first', async () => {
    const { fake, session } = await desk();
    await session.open(2);
    fake.issues.get(2)!.version = 7;
    session.change('# Mine\n');
    await session.flushBeforeLeaving();
    expect(session.conflict).toMatchObject({ number: 2, mine: '# Mine\n' });
    expect(session.current?.version).toBe(7);
  });

  it('sets a lead photo from the version the text was saved at', async () => {
    const fake = new FakeBackend();
    fake.photos.push((await import('../testing/fakeBackend')).fakePhoto('ash'));
    const { session } = await desk(fake);
    await session.open(2);
    session.change('# Story 2\n\nBody.\n');
    await session.setLeadPhoto(0, 'ash');
    expect(fake.issues.get(2)?.photos.get(0)?.key).toBe('ash');
    session.change('# Story 2\n\nBody, later.\n');
    await session.flushBeforeLeaving();
    expect(session.conflict).toBeNull();
    await settled();
  });
});
