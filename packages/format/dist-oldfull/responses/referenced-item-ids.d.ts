import type { ResponsesRequest } from './responses-request.js';
/**
 * The stored item ids a request refers to (`item_reference` items, and `reasoning` items sent
 * back without `encrypted_content`): what the caller looks up before the conversion, which does
 * no I/O (pass them as `storedItem`).
 */
export declare function referencedItemIds(request: ResponsesRequest): string[];
