import type { DemoEvent } from './demo-story.js';
import { CORRIN_HILLS_FLOOD } from './event-corrin-hills-flood.js';
import { OSTWICK_BREACH } from './event-ostwick-breach.js';
import { PORT_AVELIN_MAYOR } from './event-port-avelin-mayor.js';
import { VENNMOOR_FLOOD } from './event-vennmoor-flood.js';

/** The four events of the demo corpus; the two floods are the "similar but distinct" pair. */
export const DEMO_EVENTS: readonly DemoEvent[] = [VENNMOOR_FLOOD, PORT_AVELIN_MAYOR, OSTWICK_BREACH, CORRIN_HILLS_FLOOD];
