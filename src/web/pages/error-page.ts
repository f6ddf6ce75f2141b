/** The page of a request that failed: the status, a message for the reader, never a stack trace. */
import { html } from '../html.js';
import { renderPage } from '../layout.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Access token needed',
  404: 'Not found',
  405: 'Method not allowed',
  414: 'Address too long',
  500: 'Something went wrong',
  503: 'Database unavailable',
};

/** The whole error page. */
export function errorPage(status: number, message: string): string {
  const title = TITLES[status] ?? 'Error';
  const body = html`<h1>${title}</h1>
<p class="error" role="alert">${message}</p>
<p><a href="/">Back to the stories</a></p>`;
  return renderPage({ title, section: 'none', body });
}
