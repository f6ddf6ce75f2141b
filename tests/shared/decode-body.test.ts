import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalCharset, charsetFromContentType, decodeBody } from '../../src/shared/decode-body.js';

const fixtures = fileURLToPath(new URL('../fixtures/fetch/charsets', import.meta.url));

interface CharsetCase {
  contentType: string | null;
  kind: 'xml' | 'html';
  charset: string;
}

function readCase(name: string): { body: Buffer; expected: string; meta: CharsetCase } {
  const dir = path.join(fixtures, name);
  const meta: unknown = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8'));
  if (typeof meta !== 'object' || meta === null || !('kind' in meta) || !('charset' in meta) || !('contentType' in meta)) {
    throw new Error(`bad case.json in ${name}`);
  }
  const kind = meta.kind === 'html' ? 'html' : 'xml';
  const contentType = typeof meta.contentType === 'string' ? meta.contentType : null;
  return {
    body: readFileSync(path.join(dir, 'body.bin')),
    expected: readFileSync(path.join(dir, 'expected.txt'), 'utf8'),
    meta: { kind, contentType, charset: String(meta.charset) },
  };
}

describe('decodeBody on fixture bodies', () => {
  const names = readdirSync(fixtures).sort();

  it('has the charset fixtures the issue names', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'utf-16le-bom-xml',
        'windows-1251-xml-declaration',
        'koi8-r-header',
        'iso-8859-2-meta-http-equiv',
        'shift-jis-meta-charset',
        'gb18030-xml-declaration',
        'iso-8859-1-label-is-windows-1252',
      ]),
    );
  });

  it.each(names)('%s decodes exactly', (name) => {
    const { body, expected, meta } = readCase(name);
    const decoded = decodeBody(body, meta.contentType, meta.kind);
    expect(decoded.text).toBe(expected);
    expect(decoded.charset).toBe(meta.charset);
  });
});

describe('decodeBody precedence', () => {
  const cafe1252 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]); // "café €" in windows-1252

  it('uses windows-1252 when nothing is declared', () => {
    expect(decodeBody(cafe1252, null, 'html')).toEqual({ text: 'café €', charset: 'windows-1252' });
  });

  it('prefers the Content-Type charset over the in-document declaration', () => {
    const body = Buffer.concat([Buffer.from('<meta charset="koi8-r">'), Buffer.from([0xc1])]);
    expect(decodeBody(body, 'text/html; charset=windows-1251', 'html').charset).toBe('windows-1251');
  });

  it('ignores an unknown Content-Type label and falls through to the document', () => {
    const body = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="koi8-r"?><t>'), Buffer.from([0xc1]), Buffer.from('</t>')]);
    expect(decodeBody(body, 'application/xml; charset=no-such-charset', 'xml')).toEqual({
      text: '<?xml version="1.0" encoding="koi8-r"?><t>а</t>',
      charset: 'koi8-r',
    });
  });

  it('does not read a <meta> for XML nor an XML declaration for HTML', () => {
    const xmlish = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="koi8-r"?>'), Buffer.from([0xc1])]);
    expect(decodeBody(xmlish, null, 'html').charset).toBe('windows-1252');
  });

  it('ignores a <meta charset> after the first 2 KB', () => {
    const body = Buffer.concat([Buffer.from(`<p>${' '.repeat(2100)}</p><meta charset="koi8-r">`), Buffer.from([0xc1])]);
    expect(decodeBody(body, null, 'html').charset).toBe('windows-1252');
  });

  it('treats a declared utf-16 in an ASCII document as utf-8 (like browsers)', () => {
    const body = Buffer.concat([Buffer.from('<meta charset="utf-16"><p>'), Buffer.from([0xe9])]);
    const decoded = decodeBody(body, null, 'html');
    expect(decoded.charset).toBe('utf-8');
  });

  it('honours a UTF-16 Content-Type without BOM, and ignores it on a body that is plainly not UTF-16', () => {
    const utf16 = Buffer.from('<p>Привет</p>', 'utf16le');
    expect(decodeBody(utf16, 'text/html; charset=utf-16', 'html')).toEqual({ text: '<p>Привет</p>', charset: 'utf-16le' });
    const latin = Buffer.from([0x3c, 0x70, 0x3e, 0xe9]);
    expect(decodeBody(latin, 'text/html; charset=utf-16', 'html')).toEqual({ text: '<p>é', charset: 'windows-1252' });
  });

  it('keeps an empty body empty', () => {
    expect(decodeBody(Buffer.alloc(0), null, 'xml')).toEqual({ text: '', charset: 'utf-8' });
  });

  it('never leaves a BOM in the text', () => {
    const body = Buffer.from([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x3e]);
    expect(decodeBody(body, null, 'xml').text).toBe('<a>');
  });
});

describe('charset labels', () => {
  it.each([
    ['ISO-8859-1', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['US-ASCII', 'windows-1252'],
    ['GBK', 'gb18030'],
    ['gb2312', 'gb18030'],
    ['x-sjis', 'shift_jis'],
    ['Windows-1251', 'windows-1251'],
    ['"koi8-r"', 'koi8-r'],
    ['UTF8', 'utf-8'],
    ['bogus-label', null],
    ['', null],
  ])('%s → %s', (label, expected) => {
    expect(canonicalCharset(label)).toBe(expected);
  });

  it.each([
    ['text/html; charset=UTF-8', 'utf-8'],
    ['text/xml;charset="windows-1251"', 'windows-1251'],
    ['text/html', null],
    [null, null],
    ['text/html; charset=', null],
  ])('Content-Type %s → %s', (value, expected) => {
    expect(charsetFromContentType(value)).toBe(expected);
  });
});
