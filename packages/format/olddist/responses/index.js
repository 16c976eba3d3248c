export { referencedItemIds } from './referenced-item-ids.js';
export { responseEventsFromConverseStream } from './response-events-from-converse-stream.js';
export { responseFromConverseOutput } from './response-from-converse-output.js';
export { responsesToConverseInput, } from './responses-to-converse-input.js';
