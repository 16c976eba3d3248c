/** `messages[i]`. */
export declare function messageParam(i: number): string;
/** `messages[i].content`. */
export declare function messageContentParam(i: number): string;
