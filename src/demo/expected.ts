import { DEMO_ARTICLES } from './demo-corpus.js';
import { DEMO_EVENTS } from './corpus/events.js';

/**
 * Ground truth for tests: which article URLs (paths) belong to which event, and which are copies of the wire story.
 * Paths are relative to the demo server's base URL.
 */
export const DEMO_EXPECTED: { events: Array<{ label: string; paths: string[] }>; wireCopies: string[]; standalone: string[] } = {
  events: DEMO_EVENTS.map((event) => ({
    label: event.label,
    paths: DEMO_ARTICLES.filter((a) => a.role.kind === 'event' && a.role.label === event.label).map((a) => a.path),
  })),
  wireCopies: DEMO_ARTICLES.filter((a) => a.role.kind === 'wire').map((a) => a.path),
  standalone: DEMO_ARTICLES.filter((a) => a.role.kind === 'standalone').map((a) => a.path),
};
