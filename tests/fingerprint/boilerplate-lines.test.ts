import { describe, expect, it } from 'vitest';
import { lineKey, lineKeys, MIN_LINE_WORDS, normalizeLine, withoutLines } from '../../src/fingerprint/boilerplate-lines.js';
import { hashString32 } from '../../src/fingerprint/hash32.js';

describe('normalizeLine', () => {
  it.each([
    ['NFKC folds compatibility forms', 'Ｅｍａｉｌ ﬁle  notifications', 'email file notifications'],
    ['lower case', 'Your Notification Has Been SAVED.', 'your notification has been saved.'],
    ['whitespace collapsed and trimmed', ' \tthere  was\u00a0a problem \r', 'there was a problem'],
  ])('%s', (_name, line, expected) => {
    expect(normalizeLine(line)).toBe(expected);
  });
});

describe('lineKey', () => {
  it('keys a line of at least MIN_LINE_WORDS words by the 32-bit hash of its normal form', () => {
    expect(MIN_LINE_WORDS).toBe(4);
    expect(lineKey('Your notification has been saved.')).toBe(hashString32('your notification has been saved.'));
    expect(lineKey('  YOUR notification  has been saved.\r')).toBe(lineKey('Your notification has been saved.'));
  });

  it.each([[''], ['   '], ['Close'], ['Already a subscriber?']])('does not key the short line %j', (line) => {
    expect(lineKey(line)).toBeNull();
  });
});

describe('lineKeys', () => {
  it('gives each long line once, ascending, whatever its case or spacing', () => {
    const text = 'Close\nYour notification has been saved.\n\nYOUR  notification has been saved.\nThere was a problem saving it.';
    const keys = lineKeys(text);
    const expected = [lineKey('Your notification has been saved.'), lineKey('There was a problem saving it.')];
    expect(keys).toEqual([...expected].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it('is empty for a text without long lines', () => {
    expect(lineKeys('')).toEqual([]);
    expect(lineKeys('Close\nShare this\n')).toEqual([]);
  });
});

describe('withoutLines', () => {
  const widget = 'Please enable Javascript to watch this video';
  const text = `Man shot on Elm Street\r\n${widget}\r\n\r\nPolice said the man was taken to hospital.\n  please ENABLE javascript to watch this video  \nShort\nThe investigation continues.`;

  it('drops the flagged lines and keeps every other line as it was, in order', () => {
    const key = lineKey(widget);
    if (key === null) throw new Error('the widget line must be keyed');
    expect(withoutLines(text, new Set([key]))).toBe(
      'Man shot on Elm Street\r\n\r\nPolice said the man was taken to hospital.\nShort\nThe investigation continues.',
    );
  });

  it('returns the text itself when no line is flagged', () => {
    expect(withoutLines(text, new Set())).toBe(text);
    expect(withoutLines(text, new Set([12345]))).toBe(text);
  });

  it('can leave nothing', () => {
    const key = lineKey(widget);
    if (key === null) throw new Error('the widget line must be keyed');
    expect(withoutLines(widget, new Set([key]))).toBe('');
  });
});
