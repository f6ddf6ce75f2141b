/**
 * The output shape of `newsdedup extract`: one JSON line (or a short human-readable block) per input.
 */
import type { ExtractedArticle, ExtractionMethod, Result } from '../model.js';

/** One line of `newsdedup extract --json`. `error` is present only when the input failed. */
export interface ExtractReportLine {
  input: string;
  url: string;
  title: string | null;
  text: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  method: ExtractionMethod | null;
  error?: string;
}

/** Builds the report line for one input (a file path or URL) and the URL it was extracted as. */
export function extractReportLine(input: string, url: string, result: Result<ExtractedArticle>): ExtractReportLine {
  if (!result.ok) {
    return {
      input,
      url,
      title: null,
      text: null,
      byline: null,
      siteName: null,
      lang: null,
      publishedAt: null,
      modifiedAt: null,
      canonicalUrl: null,
      method: null,
      error: result.error.message,
    };
  }
  const article = result.value;
  return {
    input,
    url,
    title: article.title,
    text: article.text,
    byline: article.byline,
    siteName: article.siteName,
    lang: article.lang,
    publishedAt: article.publishedAt,
    modifiedAt: article.modifiedAt,
    canonicalUrl: article.canonicalUrl,
    method: article.method,
  };
}

/** The report line as human-readable text: a header of the metadata that is present, a blank line, the text. */
export function formatReportText(line: ExtractReportLine): string {
  if (line.error !== undefined) return `${line.input}\n  error: ${line.error}\n`;
  const fields: Array<[string, string | null]> = [
    ['title', line.title],
    ['url', line.url],
    ['canonical', line.canonicalUrl],
    ['site', line.siteName],
    ['byline', line.byline],
    ['lang', line.lang],
    ['published', line.publishedAt],
    ['modified', line.modifiedAt],
    ['method', line.method],
  ];
  const header = fields.filter(([, value]) => value !== null).map(([name, value]) => `  ${name}: ${value ?? ''}`);
  return `${line.input}\n${header.join('\n')}\n\n${line.text ?? ''}\n`;
}
