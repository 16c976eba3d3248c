/**
 * The stored item ids a request refers to (`item_reference` items, and `reasoning` items sent
 * back without `encrypted_content`): what the caller looks up before the conversion, which does
 * no I/O (pass them as `storedItem`).
 */
export function referencedItemIds(request) {
    if (!Array.isArray(request.input))
        return [];
    const ids = new Set();
    for (const item of request.input) {
        if (typeof item !== 'object' || item === null || typeof item.id !== 'string')
            continue;
        if (item.type === 'item_reference')
            ids.add(item.id);
        else if (item.type === 'reasoning' && !item.encrypted_content)
            ids.add(item.id);
    }
    return [...ids];
}
