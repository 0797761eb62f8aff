/**
 * How a profile reaches a learner: a digital profile always as a link to it; a PDF attached when
 * asked and small enough for the mail service, otherwise as a download link (and the email says so).
 */
export type ShareChannel = 'digital-link' | 'attachment' | 'download-link';

export function chooseShareChannel(input: {
  format: 'pdf' | 'digital';
  requested: 'link' | 'attachment';
  pdfBytes?: number | undefined;
  attachmentLimitBytes: number;
}): ShareChannel {
  if (input.format === 'digital') return 'digital-link';
  if (input.requested === 'attachment' && (input.pdfBytes ?? Infinity) <= input.attachmentLimitBytes)
    return 'attachment';
  return 'download-link';
}

/**
 * The key a share's download link is issued under: the worker issues it once however often its job
 * is delivered, and withdrawing the share revokes the link by the same key.
 */
export const shareLinkKey = (shareId: string) => `share:${shareId}`;
