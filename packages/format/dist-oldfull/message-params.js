/**
 * The `param` names of the first messages (`messages[3]`, `messages[3].content`), made once and
 * shared: converting a message passes them down for errors, and building them per message was a
 * tenth of a conversion's time. Strings are immutable, so sharing them changes nothing seen.
 */
const CACHED = 1024;
const messageNames = [];
const contentNames = [];
/** `messages[i]`. */
export function messageParam(i) {
    if (i >= CACHED)
        return `messages[${i}]`;
    let name = messageNames[i];
    if (name === undefined) {
        name = `messages[${i}]`;
        messageNames[i] = name;
    }
    return name;
}
/** `messages[i].content`. */
export function messageContentParam(i) {
    if (i >= CACHED)
        return `messages[${i}].content`;
    let name = contentNames[i];
    if (name === undefined) {
        name = `messages[${i}].content`;
        contentNames[i] = name;
    }
    return name;
}
