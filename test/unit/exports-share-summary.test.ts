import { describe, expect, it } from 'vitest';
import { failureText, shareSummary, type ShareOutcome } from '../../domain/exports/share-summary.ts';

const delivered = (
  id: string,
  channel: 'attachment' | 'download-link' | 'digital-link',
  requested: 'link' | 'attachment' = 'attachment',
): ShareOutcome => ({
  learnerId: id,
  name: `Name ${id}`,
  email: `${id}@example.com`,
  status: 'delivered',
  requested,
  channel,
});
const failed = (id: string, reason: 'render-failed' | 'email-failed'): ShareOutcome => ({
  learnerId: id,
  name: `Name ${id}`,
  email: `${id}@example.com`,
  status: 'failed',
  reason,
});

describe('the share summary', () => {
  it('counts what was shared by channel and names who failed and why', () => {
    const summary = shareSummary();
    summary.add([delivered('a', 'attachment'), delivered('b', 'digital-link'), failed('c', 'render-failed')]);
    summary.add([delivered('d', 'download-link', 'link'), failed('e', 'email-failed')]);
    expect(summary.result()).toEqual({
      total: 5,
      shared: 3,
      byChannel: { attachment: 1, 'download-link': 1, 'digital-link': 1 },
      fellBackToLink: { count: 0, learners: [] },
      failed: {
        count: 2,
        learners: [
          { learnerId: 'c', name: 'Name c', email: 'c@example.com', reason: 'render-failed' },
          { learnerId: 'e', name: 'Name e', email: 'e@example.com', reason: 'email-failed' },
        ],
      },
      listedAtMost: 100,
    });
  });

  it('names the learners whose attachment was too large and went as a link', () => {
    const summary = shareSummary();
    summary.add([delivered('a', 'download-link', 'attachment'), delivered('b', 'download-link', 'link')]);
    expect(summary.result().fellBackToLink).toEqual({
      count: 1,
      learners: [{ learnerId: 'a', name: 'Name a', email: 'a@example.com' }],
    });
  });

  it('does not count a digital profile shared as a link as a fallback', () => {
    const summary = shareSummary();
    summary.add([delivered('a', 'digital-link', 'attachment')]);
    expect(summary.result().fellBackToLink.count).toBe(0);
  });

  it('lists at most the limit of names but counts everyone', () => {
    const summary = shareSummary(2);
    summary.add(['a', 'b', 'c'].map((id) => failed(id, 'render-failed')));
    const { failed: failures, total } = summary.result();
    expect(total).toBe(3);
    expect(failures.count).toBe(3);
    expect(failures.learners.map((l) => l.learnerId)).toEqual(['a', 'b']);
  });

  it('hands out a copy, so later pages do not change a summary already taken', () => {
    const summary = shareSummary();
    summary.add([failed('a', 'render-failed')]);
    const first = summary.result();
    summary.add([failed('b', 'render-failed')]);
    expect(first.failed.count).toBe(1);
    expect(first.failed.learners).toHaveLength(1);
  });
});

describe('failure reasons', () => {
  it('read as sentences a person understands', () => {
    expect(failureText('render-failed')).toBe('The profile PDF could not be created.');
    expect(failureText('email-failed')).toBe('The email could not be sent.');
    expect(failureText('profile-missing')).toBe('The learner no longer has this profile.');
  });
});
