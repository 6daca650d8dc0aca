import { describe, expect, it } from 'vitest';
import { multipart, textPart } from '../../functions/mail/mime-parts.ts';

/** The boundary a multipart declares in its Content-Type. */
const boundaryOf = (part: ReturnType<typeof multipart>) => /boundary="([^"]+)"/.exec(part.headers.join(''))?.[1];

describe('MIME boundaries of the messages we send', () => {
  it('are never the same twice, also where the pool of random bytes they are drawn from is refilled', () => {
    // Prepare: more multiparts than one pool holds (256 boundaries), as a warm function writes over time
    const parts = [textPart('plain', 'Hello'), textPart('html', '<p>Hello</p>')];

    // Act
    const boundaries = Array.from({ length: 600 }, () => boundaryOf(multipart('alternative', parts)));

    // Assess
    expect(new Set(boundaries).size).toBe(600);
    for (const boundary of boundaries) expect(boundary).toMatch(/^----=_mailcase_[0-9a-f]{24}$/);
  });
});
